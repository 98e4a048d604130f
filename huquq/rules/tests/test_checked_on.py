"""`checked_on` (issue 19): the day a rule was last read against its sources in context, separate from a lawyer's
confirmation; `huquq rules check` lists the rules never checked."""

import copy
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from huquq.rules.engine import Rulebook, default_rulebook, rulebook
from huquq.rules.engine.rulebook import never_checked
from huquq.rules.tests.test_rulebook import GOOD, GROUPS


def build(rule):
    return rulebook.build([rule], GROUPS)


def test_checked_on_is_read_and_is_not_a_confirmation():
    rule = dict(GOOD, checked_on=date(2026, 12, 2))
    rules, _m, problems = build(rule)
    assert problems == []
    assert rules[0].checked_on == date(2026, 12, 2)
    assert rules[0].confirmed is False
    assert rules[0].confirmed_on is None


def test_checked_on_absent_means_never_checked():
    rules, _m, problems = build(copy.deepcopy(GOOD))
    assert problems == []
    assert rules[0].checked_on is None
    assert never_checked(rules) == ["t.rule"]


@pytest.mark.parametrize("value, message", [
    ("yesterday", "checked_on must be a full date"),
    (2016, "checked_on must be a full date"),  # a year alone is fine for source_date, not for a reading
    ("2026-13-01", "is not a date"),
    (date.today() + timedelta(days=2), "is in the future"),
])
def test_bad_checked_on_is_caught(value, message):
    assert any(message in p for p in build(dict(GOOD, checked_on=value))[2])


def test_shipped_rules_record_their_check_dates():
    # every rule that was read in context since issue 19 carries the date; none claims a future reading
    book = default_rulebook()
    checked = [r for r in book.rules if r.checked_on]
    assert checked, "no shipped rule records checked_on"
    assert all(r.checked_on <= date.today() for r in checked)
    assert book.by_id["ru.registration.by.90d"].checked_on == date(2026, 12, 2)


def test_rules_check_lists_rules_never_checked(monkeypatch, seeds_dir, db):
    unchecked = dict(GOOD, id="t.unchecked")
    checked = dict(GOOD, id="t.checked", checked_on=date(2026, 12, 2))
    book = Rulebook.from_data([unchecked, checked], GROUPS)
    monkeypatch.setattr("huquq.rules.management.commands.rules.default_rulebook", lambda: book)
    out = StringIO()
    call_command("rules", "check", "--seeds", str(seeds_dir), stdout=out)
    text = out.getvalue()
    assert "1 rule(s) never read against their sources in context" in text
    assert "  t.unchecked" in text
    assert "t.checked\n" not in text


def test_rules_check_says_when_every_rule_was_checked(monkeypatch, seeds_dir, db):
    book = Rulebook.from_data([dict(GOOD, checked_on=date(2026, 12, 2))], GROUPS)
    monkeypatch.setattr("huquq.rules.management.commands.rules.default_rulebook", lambda: book)
    out = StringIO()
    call_command("rules", "check", "--seeds", str(seeds_dir), stdout=out)
    assert "every rule has been read against its sources in context" in out.getvalue()
