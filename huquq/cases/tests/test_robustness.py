"""Any input gives an answer or a clear error, never a crash."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huquq.cases import transfer
from huquq.cases.search import fold, query_terms

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
case_like = st.fixed_dictionaries({}, optional={
    "reference": json_values, "title": json_values, "opened_on": json_values, "status": json_values,
    "persons": json_values, "violations": json_values, "consents": json_values, "wage_claims": json_values,
    "actions": json_values, "outcomes": json_values, "deadlines": json_values, "transitions": json_values})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.lists(case_like, max_size=3))
def test_import_validation_never_crashes(org_a, cases):
    try:
        transfer.validate_document({"schema": "huquq-cases", "version": 1, "cases": cases}, org_a)
    except transfer.ImportErrors as exc:
        assert exc.errors and all(isinstance(e, str) for e in exc.errors)


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=60))
def test_fold_accepts_any_text(text):
    assert isinstance(fold(text), str)
    assert len(query_terms(text)) <= 8


@pytest.mark.parametrize("query", ["", "%", "' OR 1=1 --", '"', "ё" * 300, "a", "ab", "NEAR(x y)", "*"])
def test_odd_searches_answer_a_page(client, org_a, make_user, query):
    client.force_login(make_user(org_a, "caseworker"))
    response = client.get(reverse("cases:list"), {"q": query, "opened_from": "not a date"})
    assert response.status_code == 200
