"""`checked_on` (issue 19): the day a rule was last read against its sources in context, separate from a lawyer's
confirmation; `huquq rules check` lists the rules never checked."""

import copy
import re
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


PAGE_FORM = {"citizenship": "TJ", "host_country": "RU", "region": "RU-MOW", "entry_date": "2016-03-01",
             "employment": "legal_entity", "as_of": "2016-03-02", "format": "html"}


def _meta_after_sources(html: str) -> list[str]:
    """The line printed under each list of sources."""
    return re.findall(r'</ul>\s*<p class="meta">(.*?)</p>', html, flags=re.S)


def test_the_answer_shows_checked_on_next_to_each_lines_sources(client, db):
    html = client.post("/en/rules/", PAGE_FORM).content.decode()
    lines = _meta_after_sources(html)
    assert lines and all("read against its source" in line for line in lines)
    assert 'read against its source on: <time datetime="2026-12-02">Dec 2, 2026</time>' in html  # CLDR, page language
    russian = client.post("/ru/rules/", PAGE_FORM).content.decode()
    assert "сверено с источником" in russian and "read against its source" not in russian


def _item(rules):
    from huquq.rules.engine import status

    book = Rulebook.from_data(rules, GROUPS)
    profile = {"citizenship": "TJ", "host_country": "RU", "region": "RU-MOW", "entry_date": "2016-03-01"}
    return next(i for i in status(profile, as_of=date(2016, 3, 2), lang="ru", rulebook=book).items
                if i.kind != "not_covered")


def test_the_json_item_carries_checked_on_and_a_conflict_the_oldest_or_none():
    checked = dict(GOOD, checked_on=date(2026, 12, 2))
    item = _item([checked])
    assert item.checked_on == date(2026, 12, 2) and item.as_dict()["checked_on"] == "2026-12-02"
    assert _item([copy.deepcopy(GOOD)]).as_dict()["checked_on"] is None
    # two rules in one slot disagree: the conflict line is as old as its oldest reading, each option its own
    older = dict(GOOD, id="t.older", slot="t.slot", checked_on=date(2026, 11, 1), due={"days": 3})
    newer = dict(GOOD, id="t.newer", slot="t.slot", checked_on=date(2026, 12, 2))
    conflict = _item([older, newer])
    assert conflict.kind == "conflict" and conflict.checked_on == date(2026, 11, 1)
    assert {a["rule_id"]: a["checked_on"] for a in conflict.alternatives} == {
        "t.older": "2026-11-01", "t.newer": "2026-12-02"}
    never = dict(GOOD, id="t.never", slot="t.slot", due={"days": 3})
    assert _item([never, newer]).checked_on is None


def test_the_cli_status_prints_checked_on(db, tmp_path):
    profile = tmp_path / "profile.json"
    profile.write_text('{"citizenship": "TJ", "host_country": "RU", "region": "RU-MOW", "entry_date": "2016-03-01"}')
    out = StringIO()
    call_command("status", str(profile), "--on", "2016-03-02", "--lang", "en", stdout=out)
    assert "  read against its source on: 2026-12-02" in out.getvalue()
