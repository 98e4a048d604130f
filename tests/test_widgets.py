"""The string-built widgets give the same markup as Django's templates (ignoring template whitespace)."""

import datetime
import re

import pytest
from django import forms
from hypothesis import given, settings
from hypothesis import strategies as st

from huquq.widgets import FastDateInput, FastSelect, FastTextInput


def _same(html):
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("slow, fast, value, attrs", [
    (forms.TextInput(attrs={"list": "regions", "placeholder": 'a"<b'}),
     FastTextInput(attrs={"list": "regions", "placeholder": 'a"<b'}), 'x<y"',
     {"id": "id_r", "required": True, "aria-describedby": "h", "disabled": False}),
    (forms.DateInput(format="%Y-%m-%d"), FastDateInput(format="%Y-%m-%d"), datetime.date(2026, 1, 2), {"id": "d"}),
    (forms.TextInput(), FastTextInput(), None, {}),
])
def test_fast_inputs_match_django(slow, fast, value, attrs):
    assert fast.render("n", value, attrs) == _same(slow.render("n", value, attrs))


# Labels without whitespace-only text: the comparison strips the whitespace Django's template puts between tags.
LABELS = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp")), max_size=8)


@settings(deadline=None)  # the machine may be loaded; this checks markup, not time
@given(labels=st.lists(LABELS, min_size=1, max_size=6), pick=st.integers(min_value=0, max_value=5))
def test_fast_select_matches_django(labels, pick):
    choices = [("", "—")] + [(f"v{i}&", label) for i, label in enumerate(labels)]
    value = choices[pick % len(choices)][0]
    slow = forms.Select(choices=choices).render("n", value, {"id": "s", "required": True})
    fast = FastSelect(choices=choices).render("n", value, {"id": "s", "required": True})
    assert fast == _same(slow)
