"""Demo data for the reports app: the reference statistics from the seed reports (real, sourced figures).

No case statistics are invented here: the case pages count the casework module's data.
"""

from .services import load_reference


def load() -> str:
    report = load_reference()
    flagged = sum(1 for t in report.tables for c in t.checks if c.status == "mismatch")
    return (f"{len(report.tables)} reference tables, {report.observations} sourced figures "
            f"({flagged} places where a source does not add up are noted)")
