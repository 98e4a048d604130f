"""A stand-in for huquq.cases.selectors in tests: evidence keyed by employer id.

Each record also carries case and victim fields that a real casework provider might hand over by mistake;
the tests check that none of them ever reaches a public page or the feed.
"""

import datetime as dt

EVIDENCE: dict[int, list] = {}


def employer_violation_evidence(employer_id):
    return EVIDENCE.get(employer_id, [])


def violation_type_label(code):
    return {"unpaid_wages": "Unpaid wages", "document_confiscation": "Passport taken"}.get(code)


def verified(kind="unpaid_wages", reporter="org-1", day=dt.date(2026, 3, 1), **extra):
    return {"violation_type": kind, "verified": True, "reporter_key": reporter, "occurred_on": day, **extra}
