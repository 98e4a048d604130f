"""Small-cell suppression: no count from 1 to 4 can be read off a published table or its totals."""

from hypothesis import given, settings
from hypothesis import strategies as st

from huquq.reports.suppression import THRESHOLD, audit, suppress

counts = st.one_of(st.integers(0, 6), st.integers(0, 4), st.integers(5, 60), st.just(0))
matrices = st.integers(1, 5).flatmap(
    lambda n_cols: st.lists(st.lists(counts, min_size=n_cols, max_size=n_cols), min_size=1, max_size=5))


def _line_range(table, line, key):
    """Independent check: the range of `key` given only this one published line equation."""
    total = table.value(line.total)
    known = sum(table.value(k) for k in line.cells if table.shows(k))
    rest = [k for k in line.cells if not table.shows(k) and k != key]
    lo_rest = sum(1 if k in table.primary else THRESHOLD for k in rest)
    hi_rest = float("inf") if any(k not in table.primary for k in rest) else sum(THRESHOLD - 1 for _ in rest)
    remaining = total - known
    return max(1, remaining - hi_rest), min(THRESHOLD - 1, remaining - lo_rest)


MARGINS = st.sampled_from([(None, None, True), (True, False, False), (False, True, True), (True, True, False),
                           (False, False, True)])


@settings(max_examples=200, deadline=None)
@given(matrices, MARGINS)
def test_no_small_cell_is_revealed(values, margins):
    table = suppress(values, *margins)
    assert not table.unresolved
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            key = ("c", i, j)
            if 0 < v < THRESHOLD or (table.withheld and v == 0):
                assert table.display(key) == "<5"  # directly hidden
            elif key in table.hidden:
                assert table.display(key) == "x"  # complements are never labelled as small
            else:
                assert table.display(key) == str(v)  # everything shown is the true number
    for line in table.lines():
        for key in [*line.cells, line.total]:
            if table.shows(key):
                assert not 0 < table.value(key) < THRESHOLD  # no small total either
        if not table.shows(line.total):
            continue
        assert table.display(line.total) == str(table.value(line.total))  # totals are true values
        hidden = [k for k in line.cells if not table.shows(k)]
        assert len(hidden) != 1, f"a line with one hidden entry gives it away: {line}"
        for key in hidden:
            if key in table.primary and not table.withheld:
                lo, hi = _line_range(table, line, key)
                assert lo < hi, f"{key} is pinned to {lo} by {line}"
    bounds = audit(table)
    for key in (k for k in bounds if table.value(k) < THRESHOLD):
        lo, hi = bounds[key]
        assert lo < hi


def test_primary_and_complementary_example():
    #        A   B   C
    values = [[3, 10, 20],
              [8, 12, 30],
              [0, 0, 0]]
    table = suppress(values)
    assert table.display(("c", 0, 0)) == "<5"
    # row 0 needs a second hidden cell: the smallest other non-zero one (10); column 0 likewise (8)
    assert table.display(("c", 0, 1)) == "x"
    assert table.display(("c", 1, 0)) == "x"
    # then column 1 and row 1 have one hidden each: 12 closes the rectangle
    assert table.display(("c", 1, 1)) == "x"
    assert table.display(("c", 2, 0)) == "0"
    assert table.display(("r", 0)) == "33" and table.display(("g",)) == "83"


def test_a_single_small_count_hides_the_total():
    table = suppress([[3]])
    assert table.display(("c", 0, 0)) == "<5" and table.display(("g",)) == "<5"


def test_a_small_row_total_is_hidden_with_a_complement():
    table = suppress([[2, 1], [30, 40], [25, 20]])
    assert table.display(("r", 0)) == "<5"
    assert table.display(("r", 2)) == "x"  # the smaller other row total: 45 < 70
    assert table.display(("g",)) == "118"


def test_one_column_list_hides_a_second_entry():
    table = suppress([[2], [50], [40]])
    assert [table.display(("c", i, 0)) for i in range(3)] == ["<5", "50", "x"]
    assert table.display(("g",)) == "92"


def test_two_small_cells_that_would_be_pinned_get_a_third():
    # 1 + 1 = 2 in a line: each would have to be 1, so the audit adds the 7
    table = suppress([[1, 1, 7, 9]])
    assert table.display(("c", 0, 2)) == "x"
    assert table.display(("c", 0, 3)) == "9"


def test_a_table_of_a_handful_of_cases_is_withheld():
    table = suppress([[1, 1], [1, 1]])
    assert table.withheld
    assert {table.display(k) for k in [("c", 0, 0), ("r", 0), ("k", 1), ("g",)]} == {"<5"}
    assert table.display(("c", 0, 0)) == "<5"


def test_zero_cells_are_shown():
    table = suppress([[0, 0], [0, 12]])
    assert not table.hidden
