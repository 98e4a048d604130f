"""The contract check engine (issue 20): pure function of the answers, the date and the rulebook."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huquq.rules.engine import contract, default_rulebook, status
from huquq.rules.engine.rulebook import validate_data

ON = date(2026, 12, 2)

answers_strategy = st.builds(
    contract.Answers,
    origin=st.sampled_from(["", "TJ", "UZ", "KG", "KZ", "AM"]),
    host=st.sampled_from(["", "RU", "KZ"]),
    written=st.booleans(), understood=st.booleans(),
    terms=st.frozensets(st.sampled_from(contract.TERMS)), copy=st.booleans(), notarised=st.booleans(),
    pays=st.frozensets(st.sampled_from(contract.PAYMENTS)), passport=st.booleans(), substitution=st.booleans(),
)


def _rule(**over):
    base = {"id": "contract.x", "topic": "contract", "kind": "risk", "host": "*", "citizenship": ["*"],
            "source_date": 2020, "confirmed_on": None, "confirmed_by": None,
            "check": {"when": "passport_handover", "action": "keep_passport"},
            "text": {"ru": "Не отдавайте паспорт."},
            "sources": [{"document": "001_1d57c263cde623bd.txt", "quote": "apart from passport confiscation by employers"}]}
    base.update(over)
    return base


def test_every_contract_rule_has_a_check_and_a_source():
    rules = default_rulebook().check_rules
    assert len(rules) >= 10
    for rule in rules:
        spec = rule.check_spec
        assert spec["action"] in contract.ACTIONS and rule.sources, rule.id


def test_contract_rules_never_answer_in_status():
    ids = {r.id for r in default_rulebook().check_rules}
    answer = status({"citizenship": "TJ", "host_country": "RU", "region": "RU-MOW", "entry_date": "2026-11-01"},
                    date(2026, 12, 2), "ru").as_dict()
    assert not ids & {rid for item in answer["items"] for rid in item["rule_ids"]}
    assert "contract" not in {item["topic"] for item in answer["items"]}


def test_validator_requires_a_valid_check_on_contract_rules_only():
    assert validate_data([_rule()], []) == []
    no_check = _rule()
    del no_check["check"]
    assert any("check" in p for p in validate_data([no_check], []))
    assert any("not one of" in p for p in validate_data([_rule(check={"when": "nonsense", "action": "keep_passport"})], []))
    assert any("exactly one" in p for p in validate_data(
        [_rule(check={"when": "passport_handover", "missing": ["wage"], "action": "keep_passport"})], []))
    assert any("belongs only" in p for p in validate_data([_rule(topic="labour_rights")], []))


def test_parse_answers_reads_form_values_and_refuses_bad_ones():
    a = contract.parse_answers({"origin": "tj", "host": "RU", "written": "yes", "terms": ["wage"], "pays": "travel",
                                "passport": "no", "recruiter": "  Ooo   Romashka "})
    assert (a.origin, a.host, a.written, a.terms, a.pays, a.passport, a.recruiter) == \
        ("TJ", "RU", True, frozenset({"wage"}), frozenset({"travel"}), False, "Ooo Romashka")
    assert contract.parse_answers(a.as_dict()) == a
    for bad in ({"host": "US"}, {"origin": "Tajikistan"}, {"written": "maybe"}, {"pays": ["bribe"]},
                {"written": "yes", "terms": ["salary"]}):
        with pytest.raises(contract.AnswerError):
            contract.parse_answers(bad)


def test_terms_are_ignored_without_a_written_contract():
    assert contract.parse_answers({"written": "no", "terms": ["wage"]}).terms == frozenset()


@settings(max_examples=300, deadline=None)
@given(answers_strategy)
def test_any_answers_give_cited_findings_with_an_action(answers):
    if not answers.written:
        answers = contract.Answers(**{**answers.__dict__, "terms": frozenset()})
    findings = contract.check(answers, ON, "en")
    assert len({f.rule_id for f in findings}) == len(findings)
    for f in findings:
        assert f.sources and f.action in contract.ACTIONS and f.text
        assert f.kind in ("obligation", "right", "risk", "info")
        if f.flag == "missing_terms":
            assert answers.written and f.missing and not set(f.missing) & answers.terms
        else:
            assert f.flag in contract.flags(answers)
    flags = {f.flag for f in findings}
    # the rules for everyone ('*') answer whatever the host and citizenship
    assert ("passport_handover" in flags) == answers.passport
    assert ("worker_pays" in flags) == bool(answers.pays)
    assert ("no_written_contract" in flags) == (not answers.written)


@settings(max_examples=200, deadline=None)
@given(answers_strategy, st.sampled_from(contract.TERMS))
def test_stating_one_more_term_never_adds_a_missing_term(answers, term):
    answers = contract.Answers(**{**answers.__dict__, "written": True})
    more = contract.Answers(**{**answers.__dict__, "terms": answers.terms | {term}})
    before = {f.rule_id: set(f.missing) for f in contract.check(answers, ON)}
    after = {f.rule_id: set(f.missing) for f in contract.check(more, ON)}
    assert set(after) <= set(before)
    for rule_id, missing in after.items():
        assert missing <= before[rule_id] and term not in missing


def test_violation_types_follow_the_findings():
    answers = contract.parse_answers({"origin": "TJ", "host": "RU", "written": "no", "pays": ["recruitment_fee"],
                                      "passport": "yes", "substitution": "yes"})
    assert set(contract.violation_types(contract.check(answers, ON))) == {
        "no_written_contract", "recruitment_fee", "document_confiscation", "contract_substitution"}
    clean = contract.parse_answers({"host": "KZ", "written": "yes", "terms": ["job", "workplace"]})
    assert contract.check(clean, ON) == [] and contract.violation_types([]) == []


def test_the_answer_follows_the_page_language_with_russian_as_fallback():
    answers = contract.parse_answers({"written": "yes", "passport": "yes"})
    (finding,) = contract.check(answers, ON, "en")
    assert finding.text_lang == "en" and "passport" in finding.text
    (finding,) = contract.check(answers, ON, "tg")
    assert finding.text_lang == "tg"
