"""Charts drawn on the server with matplotlib (Agg) as SVG, so they work with JavaScript off."""

from __future__ import annotations

import io
import math
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

plt.rcParams.update({"svg.fonttype": "none", "font.size": 10, "axes.spines.top": False,
                     "axes.spines.right": False, "font.family": "DejaVu Sans"})

PALETTE = ["#0b5394", "#e69138", "#6aa84f", "#a64d79", "#3d85c6", "#cc0000", "#7f6000", "#45818e"]


def _svg(fig, title: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    # Accessible, responsive: a title element, role=img, no fixed pixel width.
    svg = re.sub(r'<svg ([^>]*?)width="[^"]+" height="[^"]+"', r'<svg \1', svg, count=1)
    safe = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{safe}" style="max-width:100%;height:auto" ', 1)


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def _wrap(text: str, width: int = 28) -> str:
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines[:3])


def bar_figure(categories: list[str], series: dict[str, list], title: str, unit: str = "",
               hidden_labels: dict[tuple[int, int], str] | None = None):
    """Horizontal grouped bars. A None value is not drawn; hidden_labels[(i, s)] writes "<5" or "x" there."""
    n, k = len(categories), max(len(series), 1)
    height = max(2.2, 0.28 * n * k + 0.35 * n + 1.2)
    fig, ax = plt.subplots(figsize=(7.5, min(height, 24)))
    bar = 0.8 / k
    finite = [v for values in series.values() for v in values if v is not None and not math.isnan(v)]
    top = max(finite) if finite else 1
    for s, (name, values) in enumerate(series.items()):
        ys = [i + (s - (k - 1) / 2) * bar for i in range(n)]
        xs = [0 if v is None else v for v in values]
        ax.barh(ys, xs, height=bar * 0.95, color=PALETTE[s % len(PALETTE)], label=str(name))
        for i in range(len(values)):
            text = (hidden_labels or {}).get((i, s))
            if text:
                ax.text(top * 0.01, ys[i], text, va="center", fontsize=8, color="#444")
    ax.set_yticks(range(n))
    ax.set_yticklabels([_wrap(c) for c in categories])
    ax.invert_yaxis()
    ax.set_title(_wrap(title, 70), loc="left", fontsize=11)
    if unit:
        ax.set_xlabel(unit)
    if len(series) > 1:
        ax.legend(fontsize=8, loc="lower right", frameon=False)
    ax.grid(axis="x", color="#ddd")
    ax.set_axisbelow(True)
    return fig


def line_figure(periods: list[str], series: dict[str, list], title: str, unit: str = ""):
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    for s, (name, values) in enumerate(series.items()):
        points = [(p, v) for p, v in zip(periods, values, strict=True) if v is not None]
        ax.plot([p for p, _ in points], [v for _, v in points], marker="o", markersize=3,
                color=PALETTE[s % len(PALETTE)], label=str(name))
    ax.set_title(_wrap(title, 70), loc="left", fontsize=11)
    if unit:
        ax.set_ylabel(unit)
    ax.legend(fontsize=8, frameon=False, ncol=2)
    ax.grid(axis="y", color="#ddd")
    ax.tick_params(axis="x", labelrotation=45)
    return fig


def bar_chart_svg(*args, **kwargs) -> str:
    return _svg(bar_figure(*args, **kwargs), args[2] if len(args) > 2 else kwargs.get("title", ""))


def line_chart_svg(*args, **kwargs) -> str:
    return _svg(line_figure(*args, **kwargs), args[2] if len(args) > 2 else kwargs.get("title", ""))


def bar_chart_png(*args, **kwargs) -> bytes:
    return _png(bar_figure(*args, **kwargs))


# ------------------------------------------------------------------------------------------- adapters

def case_table_series(table) -> tuple[list[str], dict[str, list], dict]:
    """Categories, series and "<5"/"x" markers for a suppressed CaseTable (hidden cells are not drawn)."""
    rows = table.rows()
    categories = [" · ".join(r["labels"]) for r in rows]
    series: dict[str, list] = {}
    hidden: dict = {}
    for s, name in enumerate(table.column_labels):
        values = []
        for i, r in enumerate(rows):
            text = r["cells"][s]
            if text.isdigit():
                values.append(int(text))
            else:
                values.append(None)
                hidden[(i, s)] = text
        series[name] = values
    return categories, series, hidden


MAX_CHART_ROWS, MAX_CHART_SERIES = 30, 8


def _worth_drawing(categories, series) -> bool:
    """No chart for an empty table, one too large to read, or one whose every shown bar is zero (all its
    counts suppressed): the table says everything then."""
    if not categories or len(categories) > MAX_CHART_ROWS or len(series) > MAX_CHART_SERIES:
        return False
    return any(value for values in series.values() for value in values)


def case_table_svg(table, title: str) -> str:
    """The table as bars, or "" where a chart would show nothing the table does not (see _worth_drawing)."""
    categories, series, hidden = case_table_series(table)
    if not _worth_drawing(categories, series):
        return ""
    return bar_chart_svg(categories, series, title, hidden_labels=hidden)


def case_table_png(table, title: str) -> bytes | None:
    categories, series, hidden = case_table_series(table)
    if not _worth_drawing(categories, series):
        return None
    return bar_chart_png(categories, series, title, hidden_labels=hidden)
