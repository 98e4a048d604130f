import datetime as dt

import pytest

from huquq.monitoring import services


@pytest.fixture
def forms(db):
    services.load_offices()
    return {q.form_id: q for q in services.install_shipped_forms()}


@pytest.fixture
def monitor(org_a, make_user):
    return make_user(org_a, role="monitor")


@pytest.fixture
def visit(forms, monitor):
    from huquq.monitoring.models import Office

    return services.record_visit(monitor, office=Office.objects.get(code="kg-embassy-ru"),
                                 date=dt.date(2026, 3, 10), team="A. and B.")


@pytest.fixture(autouse=True)
def english(default_language):
    """These tests read English messages and use /en/ URLs (other tests check the translations)."""
    from django.utils import translation

    translation.activate("en")
    yield
