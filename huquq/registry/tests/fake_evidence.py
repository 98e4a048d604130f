"""A stand-in for huquq.cases.selectors in tests: evidence keyed by employer id.

Each record also carries case and victim fields that a real casework provider might hand over by mistake;
the tests check that none of them ever reaches a public page or the feed.
"""

EVIDENCE: dict[int, list] = {}


def employer_violation_evidence(employer_id):
    return EVIDENCE.get(employer_id, [])


def violation_type_label(code):
    return {"unpaid_wages": "Unpaid wages", "document_confiscation": "Passport taken"}.get(code)
