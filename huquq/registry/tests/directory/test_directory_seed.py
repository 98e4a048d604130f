"""The shipped directory data: every contact, service and city is backed by an exact quote from its seed."""

import copy

import pytest
import yaml
from django.core.management import CommandError, call_command

from huquq.registry.directory import citations, seed
from huquq.registry.directory.models import DirectoryEntry, HelpService

DATA = seed.read_yaml(seed.ENTRIES_FILE)
CONTACT_FIELDS = citations.CONTACT_FIELDS


@pytest.mark.seeds
def test_every_shipped_citation_is_in_its_seed(seeds_dir):
    assert citations.check_entries(DATA, seeds_dir) == []


@pytest.mark.seeds
def test_every_shipped_contact_string_occurs_in_the_cited_seed(seeds_dir):
    checked = 0
    for entry in DATA["entries"]:
        files = {source["file"] for source in entry["sources"]}
        texts = [citations.normalise((seeds_dir / name).read_text(encoding="utf-8")) for name in files]
        for field in CONTACT_FIELDS:
            if entry.get(field):
                assert any(citations.normalise(entry[field]) in text for text in texts), (entry["slug"], field)
                checked += 1
    assert checked >= 20  # the Appendix A phones, e-mails and web addresses of 003 are shipped


@pytest.mark.seeds
def test_the_check_catches_an_invented_phone_and_an_unbacked_service(seeds_dir):
    data = copy.deepcopy(DATA)
    memorial = next(entry for entry in data["entries"] if entry["slug"] == "adc-memorial")
    memorial["phone"] = "+7 812 000-00-00"
    memorial["services"].append("shelter")
    memorial["sources"].append({"file": "003_7d9f1d547931b5c5.txt", "quote": "a sentence nobody wrote",
                                "supports": ["address"]})
    problems = citations.check_entries(data, seeds_dir)
    assert any("phone" in problem for problem in problems)
    assert any("'shelter'" in problem for problem in problems)
    assert any("quote not found" in problem for problem in problems)


def test_named_organisations_of_the_brief_are_in_the_seed_file():
    names = " ".join(entry["name"] + " " + entry.get("other_names", "") for entry in DATA["entries"])
    for expected in ["ADC Memorial", "Bir Duino", "Insan Leilek", "Migrant Workers' Union of Kyrgyzstan",
                     "Migration and Law", "Tajikistan Fund", "Sana Sezim", "Kylym Shamy", "Civic Assistance",
                     "IOM", "Embassy of the Kyrgyz Republic", "League of Women Lawyers of Tajikistan"]:
        assert expected in names, expected


def test_no_hours_or_languages_or_addresses_are_shipped_without_a_source():
    for entry in DATA["entries"]:
        supported = {item for source in entry["sources"] for item in source.get("supports", [])}
        for field in ("opening_hours", "address", "telegram"):
            assert not entry.get(field) or field in supported, (entry["slug"], field)
        assert not entry.get("languages") or "languages" in supported, entry["slug"]


def test_load_is_idempotent_and_keeps_local_edits(db):
    first = seed.load()
    assert first.created == len(DATA["entries"]) and first.services == 12
    entry = DirectoryEntry.objects.get(slug="bir-duino")
    entry.phone, entry.edited_locally = "+996 000", True
    entry.save()
    second = seed.load()
    assert second.created == 0 and second.kept == 1
    assert DirectoryEntry.objects.count() == len(DATA["entries"])
    assert HelpService.objects.count() == 12
    assert DirectoryEntry.objects.get(slug="bir-duino").phone == "+996 000"


def test_loaded_entry_keeps_services_areas_and_contacts_as_in_the_file(db):
    seed.load()
    entry = DirectoryEntry.objects.get(slug="migration-and-law-tajikistan-fund")
    assert entry.email == "tajfond@gmail.com" and entry.website == "http://migrocenter.org/"
    assert entry.phone == "" and entry.address == "" and entry.opening_hours == ""
    assert [s.code for s in entry.services.all()] == ["wage_claims"]
    assert [(a.country, a.city_latin) for a in entry.areas.all()] == [("RU", "Moscow")]
    assert entry.verified_at is None and entry.from_seed


def test_unknown_service_code_in_the_file_is_refused(db, tmp_path):
    bad = {"entries": [{"slug": "x", "name": "X", "services": ["free_lunch"], "sources": []}]}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(CommandError, match="free_lunch"):
        call_command("directory", "load", "--file", str(path))


def test_cli_load_and_bad_input(db, tmp_path, capsys):
    call_command("directory", "load")
    assert "created" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no such file"):
        call_command("directory", "load", "--file", str(tmp_path / "missing.yaml"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid YAML"):
        call_command("directory", "check", "--file", str(broken))
    with pytest.raises(CommandError, match="seed reports not found"):
        call_command("directory", "check", "--seeds", str(tmp_path / "nowhere"))


@pytest.mark.seeds
def test_cli_check_passes_on_the_shipped_file(seeds_dir, capsys):
    call_command("directory", "check", "--seeds", str(seeds_dir))
    assert "every citation found" in capsys.readouterr().out


def test_entry_page_without_contacts_says_not_yet_verified(client, db):
    seed.load()
    html = client.get("/en/registry/help/kylym-shamy/").content.decode()
    assert "not yet verified" in html.lower()
    assert "Contacts: not yet verified (none known)." in html
    assert "000_08e710d63eae9192.txt" in html  # the source is shown


def test_demo_loader(db, client):
    from huquq.accounts import demo as accounts_demo
    from huquq.registry import demo

    accounts_demo.load()
    assert "created" in demo.load()
    assert "created" in demo.load()  # idempotent
    assert DirectoryEntry.objects.filter(from_seed=True).count() == len(DATA["entries"])
    entry = DirectoryEntry.objects.get(slug="demo-ngo-bishkek")
    assert entry.organisation.slug == "demo-bishkek" and not entry.has_contacts
    from huquq.accounts.models import User

    client.force_login(User.objects.get(username="bishkek-org-admin"))
    assert client.get("/en/registry/help/demo-ngo-bishkek/edit/").status_code == 200
