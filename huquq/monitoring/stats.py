"""Scorecard statistics (no Django import): Wilson score intervals, caution and suppression thresholds."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054  # the 0.975 quantile of the standard normal distribution
CAUTION_BELOW = 30       # fewer answers than this: show the figure with a caution
SUPPRESS_BELOW = 5       # fewer answers than this: do not show the figure at all


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion (Wilson 1927), as statsmodels' proportion_confint(method="wilson")."""
    if n <= 0:
        return (math.nan, math.nan)
    if not 0 <= successes <= n:
        raise ValueError("successes must be between 0 and n")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass
class Figure:
    """One indicator for one office and period."""
    indicator: str
    kind: str            # yes | rating | problems
    n: int
    value: float | None  # share (0..1), mean rating, or share reporting at least one problem
    low: float | None = None
    high: float | None = None
    count: int | None = None   # problems: how many problems were reported in all
    suppressed: bool = False
    caution: bool = False


def share_figure(indicator: str, kind: str, successes: int, n: int, count: int | None = None) -> Figure:
    if n < SUPPRESS_BELOW:
        return Figure(indicator, kind, n, None, suppressed=True)
    low, high = wilson(successes, n)
    return Figure(indicator, kind, n, successes / n, low, high, count=count, caution=n < CAUTION_BELOW)


def mean_figure(indicator: str, total: float, n: int) -> Figure:
    if n < SUPPRESS_BELOW:
        return Figure(indicator, "rating", n, None, suppressed=True)
    return Figure(indicator, "rating", n, total / n, caution=n < CAUTION_BELOW)
