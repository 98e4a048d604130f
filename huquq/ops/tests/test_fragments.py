"""Cached bodies of the public pages (issue 15): keyed by the request's own values, the language and the
data's version; never one visitor's page for another; fresh after every change to the data they show."""

import re

import pytest
from django.test import Client

from huquq.ops import fragments
from huquq.ops.models import DataVersion
from huquq.registry.directory.models import DirectoryEntry, ServedArea
from huquq.registry.tests.directory.conftest import MOSCOW, help_services, make_entry  # noqa: F401 - fixtures
from huquq.rules import services as rule_services
from huquq.rules import views as rule_views
from huquq.rules.tests.test_changes import NEW_RULE

FORM = {"citizenship": "TJ", "host_country": "RU", "region": "RU-MOW", "entry_date": "2021-01-10",
        "employment": "legal_entity", "as_of": "2021-01-11", "format": "html"}
HELP = "/en/registry/help/?country=RU&service=legal_advice"
NONCE = re.compile(r'nonce="[^"]*"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- the cache itself -------------------------------------------------------------------------------------

def test_cache_is_bounded_by_size_least_recently_used_first():
    cache = fragments.FragmentCache(max_bytes=100)
    for key, size in (("a", 25), ("b", 20), ("c", 25), ("d", 25)):
        cache.set(key, key.upper(), size)
    assert cache.get("a") == "A"  # a is now the most recently used
    cache.set("e", "E", 20)  # 115 bytes: b, the least recently used, goes
    assert cache.get("b") is None
    assert [cache.get(key) for key in "acde"] == ["A", "C", "D", "E"]
    cache.set("huge", "H", 30)  # over a quarter of the cache: not kept at all
    assert cache.get("huge") is None


def test_cache_entries_expire(monkeypatch):
    cache = fragments.FragmentCache(max_age=10)
    now = [1000.0]
    monkeypatch.setattr(fragments.time, "monotonic", lambda: now[0])
    cache.set("a", "A", 1)
    now[0] += 9
    assert cache.get("a") == "A"
    now[0] += 2
    assert cache.get("a") is None and len(cache) == 0


def test_counter_is_raised_on_commit_and_seen_by_other_processes(db, django_capture_on_commit_callbacks):
    stored, local = fragments.version(fragments.DIRECTORY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        fragments.bump(fragments.DIRECTORY)
        # before the commit: this process already looks elsewhere, the database counter is unchanged
        assert fragments.version(fragments.DIRECTORY) == (stored, local + 1)
    assert len(callbacks) == 1
    assert DataVersion.objects.get(name=fragments.DIRECTORY).version == stored + 1
    # another worker knows nothing of this process's local count but reads the database counter
    fragments._local.clear()
    assert fragments.version(fragments.DIRECTORY) == (stored + 1, 0)


# --- the status page ----------------------------------------------------------------------------------------

def _count_evaluations(monkeypatch) -> list:
    calls = []
    real = rule_views.evaluate

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(rule_views, "evaluate", counting)
    return calls


def test_same_answer_is_computed_once_and_each_visitor_gets_own_csrf_token(db, monkeypatch):
    calls = _count_evaluations(monkeypatch)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = []
    for client in (first, second):
        token = TOKEN.search(client.get("/en/rules/").content.decode()).group(1)
        response = client.post("/en/rules/", dict(FORM, csrfmiddlewaretoken=token))
        assert response.status_code == 200  # the CSRF check passed with the token of this visitor's page
        pages.append(response.content.decode())
    assert len(calls) == 1  # the second visitor's identical answer came from the cache
    assert rule_views.CSRF_SLOT not in pages[0] + pages[1]
    tokens = [TOKEN.search(page).group(1) for page in pages]
    assert tokens[0] != tokens[1]
    assert TOKEN.sub("", pages[0]) == TOKEN.sub("", pages[1])
    # the posted token is not part of the key: the third visit with yet another token is a hit too
    third = Client()
    third.post("/en/rules/", FORM)
    assert len(calls) == 1


def test_other_values_or_language_are_other_answers(db, monkeypatch):
    calls = _count_evaluations(monkeypatch)
    client = Client()
    english = client.post("/en/rules/", FORM).content.decode()
    later = client.post("/en/rules/", dict(FORM, as_of="2021-03-01")).content.decode()
    russian = client.post("/ru/rules/", FORM).content.decode()
    assert len(calls) == 3
    assert "Your status on January 11, 2021" in english and "Your status on March 1, 2021" in later  # CLDR en
    assert 'lang="ru"' in russian[:300] and "Your status on" not in russian


def test_staff_page_is_never_served_to_the_public(db, client, org_a, make_user):
    staff = Client()
    staff.force_login(make_user(org_a, "caseworker"))
    staff_html = staff.post("/en/rules/", FORM).content.decode()
    public_html = client.post("/en/rules/", FORM).content.decode()
    assert "Rule: " in staff_html
    assert "Rule: " not in public_html
    assert staff_html != public_html


def test_approved_rule_change_reaches_the_cached_answer(db, client, org_a, make_user):
    before = client.post("/en/rules/", FORM).content.decode()
    assert "Register within 15 days." not in before
    author, reviewer = make_user(org_a, "lawyer"), make_user(org_a, "lawyer")
    change = rule_services.propose_change(author, NEW_RULE, "109-FZ amended")
    rule_services.review_change(reviewer, change, approve=True, note="checked")
    after = client.post("/en/rules/", FORM).content.decode()
    assert "Register within 15 days." in after


def test_invalid_form_is_cached_with_its_errors_and_status(db, client):
    bad = dict(FORM, entry_date="2021-02-01")  # after the date of the answer
    for _ in range(2):
        response = client.post("/en/rules/", bad)
        assert response.status_code == 400
        assert "The date of entry is after the date of the answer." in response.content.decode()


# --- help search ---------------------------------------------------------------------------------------------

def test_help_search_sees_new_edited_and_removed_entries(client, make_entry):  # noqa: F811
    first = make_entry("Юристы один", areas=[MOSCOW], services=["legal_advice"], languages=["ru"])
    assert "Юристы один" in client.get(HELP).content.decode()
    make_entry("Юристы два", areas=[MOSCOW], services=["legal_advice"], languages=["ru"])
    assert "Юристы два" in client.get(HELP).content.decode()  # a new entry
    first.name = "Юристы переименованы"
    first.save()
    html = client.get(HELP).content.decode()
    assert "Юристы переименованы" in html and "Юристы один" not in html  # an edit
    first.services.clear()
    assert "Юристы переименованы" not in client.get(HELP).content.decode()  # a many-to-many change
    DirectoryEntry.objects.get(name="Юристы два").delete()
    assert "Юристы два" not in client.get(HELP).content.decode()  # a deletion


def test_help_search_area_change_is_seen(client, make_entry):  # noqa: F811
    entry = make_entry("Юристы Питера", areas=[], services=["legal_advice"], languages=["ru"])
    assert "Юристы Питера" not in client.get(HELP).content.decode()
    ServedArea.objects.create(entry=entry, **MOSCOW)
    assert "Юристы Питера" in client.get(HELP).content.decode()


def test_help_search_is_cached_per_query_and_language(client, make_entry, monkeypatch):  # noqa: F811
    make_entry("Юристы один", areas=[MOSCOW], services=["legal_advice"], languages=["ru"])
    from huquq.registry.directory import views

    calls = []
    real = views.search.search
    monkeypatch.setattr(views.search, "search", lambda params: calls.append(params) or real(params))
    english = client.get(HELP).content.decode()
    again = client.get(HELP).content.decode()
    assert NONCE.sub("", again) == NONCE.sub("", english) and len(calls) == 1
    russian = client.get(HELP.replace("/en/", "/ru/")).content.decode()
    other = client.get(HELP + "&language=ky").content.decode()
    assert len(calls) == 3 and russian != english and other != english


def test_help_search_sees_a_change_made_by_another_worker(client, make_entry, monkeypatch):  # noqa: F811
    make_entry("Юристы один", areas=[MOSCOW], services=["legal_advice"], languages=["ru"])
    assert "Юристы один" in client.get(HELP).content.decode()
    # another worker renames the entry without this process's signals, then raises the stored counter
    DirectoryEntry.objects.filter(name="Юристы один").update(name="Юристы другие")
    assert "Юристы другие" not in client.get(HELP).content.decode()  # still the cached page
    fragments._bump_now(fragments.DIRECTORY)
    assert "Юристы другие" in client.get(HELP).content.decode()


# --- the warnings page ----------------------------------------------------------------------------------------

@pytest.fixture
def _field_keys(monkeypatch, settings, tmp_path):
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-one")
    settings.MEDIA_ROOT = tmp_path / "media"


def test_warnings_page_shows_a_new_listing_and_its_withdrawal(client, org_a, org_b, make_user, _field_keys):
    from huquq.registry.employers import warnings
    from huquq.registry.tests.employers.test_warnings_queries import _list_employers

    assert "Строй-0" not in client.get("/en/registry/warnings/").content.decode()
    moderator = make_user(org_a, "org_admin", is_registry_moderator=True)
    _list_employers(1, org_a, org_b, moderator)
    assert "Строй-0" in client.get("/en/registry/warnings/").content.decode()
    employer = warnings.published_warnings()[0]
    from huquq.registry.employers.models import Employer

    warnings.withdraw(Employer.objects.get(pk=employer.entity_id), actor=moderator, reason="paid the wages")
    assert "Строй-0" not in client.get("/en/registry/warnings/").content.decode()
