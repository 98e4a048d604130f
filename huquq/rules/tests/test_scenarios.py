"""One scenario (or more) per rule, read from YAML files a lawyer can review, run through `status()`."""

from datetime import date
from pathlib import Path

import pytest
import yaml

from huquq.rules.engine import contract, default_rulebook, status

SCENARIO_DIR = Path(__file__).parent / "scenarios"


def _load():
    out = []
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        for n, sc in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            out.append(pytest.param(sc, id=f"{path.stem}[{n}] {sc['name'][:60]}"))
    return out


SCENARIOS = _load()


def _contract_scenario(scenario):
    """A `check: contract` scenario: answers through the contract check (engine/contract.py)."""
    answers = contract.parse_answers(scenario["answers"])
    findings = [f.as_dict() for f in contract.check(answers, scenario["as_of"], "ru")]
    for exp in scenario.get("expect", []):
        found = [f for f in findings if f["rule_id"] == exp["rule"]]
        assert found, f"{exp['rule']} missing from {[f['rule_id'] for f in findings]}"
        finding = found[0]
        for key in ("kind", "action", "violation", "missing", "pays"):
            if key in exp:
                assert finding[key] == exp[key], (key, finding)
        assert finding["sources"], finding
    if scenario.get("expect") == []:
        assert findings == [], findings
    for rule_id in scenario.get("absent", []):
        assert rule_id not in [f["rule_id"] for f in findings], f"{rule_id} should not answer"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(scenario):
    if scenario.get("check") == "contract":
        _contract_scenario(scenario)
        return
    on = scenario["as_of"]
    profile = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in scenario["profile"].items()}
    for key in ("ban",):
        if key in profile:
            profile[key] = {k: v.isoformat() for k, v in profile[key].items()}
    if "stays" in profile:
        profile["stays"] = [{k: v.isoformat() for k, v in s.items()} for s in profile["stays"]]
    if "documents" in profile:
        profile["documents"] = [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in d.items()}
                                for d in profile["documents"]]
    answer = status(profile, on, "ru").as_dict()
    items = answer["items"]
    for exp in scenario.get("expect", []):
        if "rule" in exp:
            found = [i for i in items if exp["rule"] in i["rule_ids"]]
            assert found, f"{exp['rule']} missing from {[i['rule_ids'] for i in items]}"
        else:
            found = [i for i in items if i["topic"] == exp["topic"] and i["kind"] == exp["kind"]]
            assert found, f"no {exp['kind']} item for {exp['topic']}"
        item = found[0]
        assert item["kind"] == exp["kind"]
        if "due" in exp:
            assert item["due"] == exp["due"].isoformat()
        if "document" in exp:
            assert item["document"] == exp["document"]
        if "overdue" in exp:
            assert item["overdue"] is exp["overdue"], item
            assert bool(item["what_now"]) is exp["overdue"]
        if "days_left" in exp:
            assert item["days_left"] == exp["days_left"]
    for rule_id in scenario.get("absent", []):
        assert not [i for i in items if rule_id in i["rule_ids"]], f"{rule_id} should not answer"


def test_every_rule_has_a_scenario():
    named = set()
    for param in SCENARIOS:
        sc = param.values[0]
        named |= {e["rule"] for e in sc.get("expect", []) if "rule" in e}
    missing = sorted(r.id for r in default_rulebook().rules if r.id not in named)
    assert not missing, f"rules without a positive scenario: {missing}"
