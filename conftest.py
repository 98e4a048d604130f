"""Fixtures shared by every app's tests."""

import os
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture(scope="session", autouse=True)
def plain_static_files():
    """Tests render pages without running collectstatic, so static URLs use the plain (unhashed) storage."""
    from django.test.utils import override_settings

    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture
def make_org(db):
    from huquq.accounts.services import create_organisation

    counter = {"n": 0}

    def make(name=None, **kwargs):
        counter["n"] += 1
        return create_organisation(name=name or f"Test organisation {counter['n']}", **kwargs)

    return make


@pytest.fixture
def make_user(db):
    from huquq.accounts.services import create_member

    counter = {"n": 0}

    def make(organisation, role="caseworker", **kwargs):
        counter["n"] += 1
        return create_member(organisation=organisation, username=kwargs.pop("username", f"{role}{counter['n']}"),
                             role=role, password="correct horse battery", **kwargs)

    return make


@pytest.fixture
def org_a(make_org):
    return make_org("Organisation A", country="KG")


@pytest.fixture
def org_b(make_org):
    return make_org("Organisation B", country="RU")


@pytest.fixture
def seeds_dir() -> Path:
    """The seed reports; tests that check citations skip without them, except in CI where they must exist."""
    path = Path(settings.SEEDS_DIR)
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed reports missing at {path}: CI must check citations against them")
        pytest.skip(f"seed reports not found at {path} (they live in ../shared/seeds beside a checkout)")
    return path


@pytest.fixture(autouse=True)
def _fresh_fragments():
    """Public pages cache their bodies per process (huquq.ops.fragments); each test starts without them."""
    from huquq.ops import fragments

    fragments.cache.clear()
    yield
    fragments.cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language, whatever an earlier test activated."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Background tasks run at once, in memory (Huey's immediate mode): no var/huey.sqlite3, no worker."""
    settings.TASKS = {"default": {"BACKEND": "huquq.channels.queue.HueyBackend",
                                  "OPTIONS": {"storage": "memory", "immediate": True}}}


@pytest.fixture(autouse=True)
def _audit_triggers_around_flush(request):
    """Transactional tests empty every table afterwards (DELETE on SQLite, TRUNCATE on PostgreSQL), which the
    audit table's append-only triggers refuse: put the triggers back before such a test and lift them just
    before the flush. Every other test runs inside a transaction that keeps the migrated triggers."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))) \
        or "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    from django.db import connections

    from huquq.accounts import guards

    for connection in connections.all():
        guards.install(connection)
    yield
    for connection in connections.all():
        guards.drop(connection)
