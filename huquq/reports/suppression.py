"""Small-cell suppression for published count tables (see docs/statistics.md for the rule in words).

A table is a matrix of true counts with its row totals, column totals and grand total. We publish true
totals, so a hidden cell could be recovered by subtraction; complementary suppression prevents that:

1. Primary suppression: every cell, and every published total, from 1 to 4 is hidden and shown as "<5".
   Zeros are shown.
2. Secondary suppression, repeated until nothing changes:
   a. every published line (a row or column with a published total, including the line of totals)
      that has exactly one hidden entry gets a second one: the smallest non-zero visible cell of that line;
      when the line has no such cell, its total is hidden instead (shown as "x");
   b. an interval audit then works out, from every published line equation, the range each hidden cell
      can take (a "<5" cell lies in 1–4, an "x" cell is 5 or more, a hidden total 0 or more), tightening
      the ranges line by line until they stop changing; any "<5" cell whose range has shrunk to one value
      is protected by hiding one more cell in one of its lines, as in (a); when none of its lines has a
      published total any more, the grand total is withheld.
3. If the audit still pins a "<5" cell (only in tables of a handful of cases), the whole table is withheld:
   every entry, zeros included, is shown only as "<5" (0–4) or "x" (5 or more).
Secondary cells are shown as "x", never as "<5" (they are not small).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

THRESHOLD = 5
INF = float("inf")

Key = tuple  # ("c", i, j) cell, ("r", i) row total, ("k", j) column total, ("g",) grand total


@dataclass
class Line:
    cells: list[Key]
    total: Key


@dataclass
class SuppressedTable:
    values: list[list[int]]
    publish_row_totals: bool
    publish_col_totals: bool
    publish_grand_total: bool = True
    hidden: set[Key] = field(default_factory=set)
    primary: set[Key] = field(default_factory=set)
    unresolved: set[Key] = field(default_factory=set)
    # Last resort for tables of only a few cases: every entry is hidden, zeros included ("<5" or "x").
    withheld: bool = False

    # --- true values
    @property
    def n_rows(self) -> int:
        return len(self.values)

    @property
    def n_cols(self) -> int:
        return len(self.values[0]) if self.values else 0

    def value(self, key: Key) -> int:
        kind = key[0]
        if kind == "c":
            return self.values[key[1]][key[2]]
        if kind == "r":
            return sum(self.values[key[1]])
        if kind == "k":
            return sum(row[key[1]] for row in self.values)
        return sum(sum(row) for row in self.values)

    # --- what is published
    def shows(self, key: Key) -> bool:
        if key[0] == "r" and not self.publish_row_totals:
            return False
        if key[0] == "k" and not self.publish_col_totals:
            return False
        if key[0] == "g" and not self.publish_grand_total:
            return False
        return key not in self.hidden

    def display(self, key: Key) -> str:
        if self.withheld and key in self.hidden:
            return "<5" if self.value(key) < THRESHOLD else "x"
        if key in self.primary:
            return "<5"
        if key in self.hidden:
            return "x"
        return str(self.value(key))

    def published_value(self, key: Key) -> int | None:
        return self.value(key) if self.shows(key) else None

    def lines(self) -> list[Line]:
        lines = table_lines(self.n_rows, self.n_cols, self.publish_row_totals, self.publish_col_totals)
        return lines if self.publish_grand_total else [line for line in lines if line.total != ("g",)]


def table_lines(n_rows: int, n_cols: int, row_totals: bool, col_totals: bool) -> list[Line]:
    """The additive equations a reader can write with the published margins."""
    lines: list[Line] = []
    if row_totals:
        lines += [Line([("c", i, j) for j in range(n_cols)], ("r", i)) for i in range(n_rows)]
    if col_totals:
        lines += [Line([("c", i, j) for i in range(n_rows)], ("k", j)) for j in range(n_cols)]
    if row_totals and col_totals:
        lines.append(Line([("k", j) for j in range(n_cols)], ("g",)))
        lines.append(Line([("r", i) for i in range(n_rows)], ("g",)))
    if not row_totals:  # each column adds up to a column total (or to the grand total)
        if not col_totals:
            lines += [Line([("c", i, j) for i in range(n_rows) for j in range(n_cols)], ("g",))]
        else:
            lines.append(Line([("k", j) for j in range(n_cols)], ("g",)))
    elif not col_totals:
        lines.append(Line([("r", i) for i in range(n_rows)], ("g",)))
    return lines


def default_margins(n_rows: int, n_cols: int) -> tuple[bool, bool]:
    """Row totals are worth publishing only with two or more columns; column totals with two or more rows."""
    return n_cols > 1, n_rows > 1


def suppress(values: list[list[int]], publish_row_totals: bool | None = None,
             publish_col_totals: bool | None = None, publish_grand_total: bool = True,
             exact: bool = False) -> SuppressedTable:
    """`exact`: nothing is hidden, for an organisation's own staff reading their own cases inside Huquq
    (docs/statistics.md, "Who sees exact counts"); everything published, exported or pooled is suppressed."""
    if not values or not values[0]:
        return SuppressedTable(values=values, publish_row_totals=False, publish_col_totals=False)
    table = _new_table(values, publish_row_totals, publish_col_totals, publish_grand_total)
    if exact:
        return table
    lines = table.lines()
    _suppress_primary(table, lines)
    _suppress_secondary(table, lines)
    bounds = audit(table)
    table.unresolved = {key for key in table.primary if _is_pinned(bounds, key)}
    if table.unresolved:
        withhold(table, lines)
    return table


def _new_table(values: list[list[int]], publish_row_totals: bool | None, publish_col_totals: bool | None,
               publish_grand_total: bool) -> SuppressedTable:
    """The table with nothing hidden yet, its margins defaulted by its shape; negative counts are refused."""
    row_default, col_default = default_margins(len(values), len(values[0]))
    table = SuppressedTable(
        values=[list(map(int, row)) for row in values],
        publish_row_totals=row_default if publish_row_totals is None else publish_row_totals,
        publish_col_totals=col_default if publish_col_totals is None else publish_col_totals,
        publish_grand_total=publish_grand_total,
    )
    for row in table.values:
        if any(v < 0 for v in row):
            raise ValueError("counts cannot be negative")
    return table


def _suppress_primary(table: SuppressedTable, lines: list[Line]) -> None:
    """Step 1: hide every published entry from 1 to 4."""
    # Totals are counts of people too: a published total from 1 to 4 is hidden like a cell.
    entries = {key for line in lines for key in [*line.cells, line.total]}
    entries |= {("c", i, j) for i in range(table.n_rows) for j in range(table.n_cols)}
    table.primary = {key for key in entries if table.shows(key) and 0 < table.value(key) < THRESHOLD}
    table.hidden |= table.primary


def _protect(table: SuppressedTable, line: Line) -> bool:
    """Hide one more entry of `line`; False when nothing is left to hide there."""
    candidates = [k for k in line.cells if table.shows(k) and table.value(k) > 0]
    if candidates:
        table.hidden.add(min(candidates, key=lambda k: (table.value(k), k)))
        return True
    if table.shows(line.total):
        table.hidden.add(line.total)
        return True
    return False


def _suppress_secondary(table: SuppressedTable, lines: list[Line]) -> None:
    """Step 2: complements until no published line has a single hidden cell and the audit pins no "<5" cell
    (or the pinned ones are left in `table.unresolved`)."""
    by_key: dict[Key, list[Line]] = {}
    for line in lines:
        for key in [*line.cells, line.total]:
            by_key.setdefault(key, []).append(line)
    for _round in range(10_000):  # each round hides at least one more entry, so this ends
        changed = False
        for line in lines:
            if not table.shows(line.total):
                continue
            hidden_here = [k for k in line.cells if k in table.hidden]
            if len(hidden_here) == 1:
                changed |= _protect(table, line)
        if changed:
            continue
        # Protect one pinned cell at a time: each new complement may already free the others.
        bounds = audit(table)
        disclosed = [key for key in sorted(table.primary) if _is_pinned(bounds, key) and key not in table.unresolved]
        if not disclosed:
            break
        key = disclosed[0]
        if not any(_protect(table, line) for line in by_key.get(key, []) if table.shows(line.total)):
            if table.shows(("g",)):  # the cell is pinned through the totals: withhold the grand total
                table.hidden.add(("g",))
            else:
                table.unresolved.add(key)


def withhold(table: SuppressedTable, lines: list[Line]) -> None:
    """Hide the whole table: each entry shows only whether it is under 5 ("<5", zeros too) or not ("x")."""
    table.withheld = True
    everything = {k for line in lines for k in [*line.cells, line.total]}
    everything |= {("c", i, j) for i in range(table.n_rows) for j in range(table.n_cols)}
    table.hidden |= {k for k in everything if table.shows(k)}
    table.unresolved.clear()


def _is_pinned(bounds: dict[Key, tuple], key: Key) -> bool:
    lo, hi = bounds[key]
    return lo == hi


def audit(table: SuppressedTable) -> dict[Key, tuple]:
    """Interval bounds a reader can derive for every hidden entry from the published line equations."""
    bounds: dict[Key, list] = {}
    for key in table.hidden | {line.total for line in table.lines() if not table.shows(line.total)}:
        # Every hidden entry that is not "<5" is 5 or more: complements are chosen among non-zero cells
        # and totals that are not small, and a line needing protection never has a zero total.
        small = key in table.primary or (table.withheld and table.value(key) < THRESHOLD)
        bounds[key] = [0 if table.withheld else 1, THRESHOLD - 1] if small else [THRESHOLD, INF]
    def get(key):
        if key in bounds:
            return bounds[key]
        v = table.published_value(key)
        return [v, v] if v is not None else [0, INF]

    lines = table.lines()
    for _round in range(200):
        changed = False
        for line in lines:
            # sum(cells) - total = 0, with every term an interval
            terms = [(k, 1) for k in line.cells] + [(line.total, -1)]
            for key, sign in terms:
                if key not in bounds:
                    continue
                lo_rest, hi_rest = Fraction(0), Fraction(0)
                unbounded_lo = unbounded_hi = False
                for other, other_sign in terms:
                    if other == key:
                        continue
                    lo, hi = get(other)
                    a, b = (lo, hi) if other_sign == 1 else (-hi, -lo)
                    if a == -INF:
                        unbounded_lo = True
                    else:
                        lo_rest += Fraction(a)
                    if b == INF:
                        unbounded_hi = True
                    else:
                        hi_rest += Fraction(b)
                # sign * x = -(rest)  →  x in [-hi_rest, -lo_rest] * sign
                new_lo = -INF if unbounded_hi else -hi_rest
                new_hi = INF if unbounded_lo else -lo_rest
                if sign == -1:
                    new_lo, new_hi = (-new_hi if new_hi != INF else -INF), (-new_lo if new_lo != -INF else INF)
                current = bounds[key]
                if new_lo != -INF and new_lo > current[0]:
                    current[0] = new_lo
                    changed = True
                if new_hi != INF and new_hi < current[1]:
                    current[1] = new_hi
                    changed = True
        if not changed:
            break
    return {k: tuple(v) for k, v in bounds.items()}
