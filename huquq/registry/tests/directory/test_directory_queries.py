"""Help search reads a fixed number of queries however many entries match (issue 15)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import MOSCOW

URL = "/ru/registry/help/?country=RU&service=legal_advice"


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


def test_help_search_query_count_does_not_grow_with_results(client, make_entry):
    for number in range(2):
        make_entry(f"Юристы {number}", areas=[MOSCOW], services=["legal_advice", "wage_claims"], languages=["ru"],
                   phone="+7 495 000 00 0{number}")
    html, few = _queries(client)
    assert "Юристы 1" in html
    for number in range(2, 9):
        make_entry(f"Юристы {number}", areas=[MOSCOW], services=["legal_advice", "wage_claims"], languages=["ru", "ky"],
                   phone="+7 495 000 00 0{number}")
    html, many = _queries(client)
    assert "Юристы 8" in html
    assert many == few, f"{few} queries for 2 entries, {many} for 9"
