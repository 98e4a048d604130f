"""The help directory says what its seeds say (issue 19, data audit 2026-12): a passage the data set rejects in
`excluded` is not also shipped as a help entry, and entries carry the warnings their passages give."""

from huquq.registry.directory.seed import ENTRIES_FILE, read_yaml


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _data():
    return read_yaml(ENTRIES_FILE)


def test_no_shipped_entry_cites_a_passage_that_the_exclusions_reject():
    data = _data()
    excluded = [(item["name"], _norm(item["quote"])) for item in data["excluded"]]
    clashes = []
    for entry in data["entries"]:
        for source in entry.get("sources") or []:
            quote = _norm(source["quote"])
            for name, rejected in excluded:
                if rejected in quote or quote in rejected:
                    clashes.append((entry["slug"], name))
    assert not clashes, clashes


def test_the_2011_train_project_is_excluded_not_shipped():
    data = _data()
    assert "fntu-mobile-assistance-unit-moscow" not in {e["slug"] for e in data["entries"]}
    names = " ".join(item["name"] for item in data["excluded"])
    assert "mobile assistance unit" in names and "Mobile consultations on the wheels" in names


def test_uzbek_missions_carry_the_seeds_warnings():
    (entry,) = [e for e in _data()["entries"] if e["slug"] == "uz-diplomatic-missions-russia"]
    for warning in ("USD 60", "a month", "six months", "USD 30"):
        assert warning in entry["notes"], warning
    quotes = " ".join(s["quote"] for s in entry["sources"])
    assert "banned from leaving Uzbekistan for a period of six months" in quotes


def test_no_monitoring_dates_the_seed_does_not_give():
    (entry,) = [e for e in _data()["entries"] if e["slug"] == "kg-embassy-kazakhstan"]
    assert "2013" not in entry["description"] and "2014" not in entry["description"]
