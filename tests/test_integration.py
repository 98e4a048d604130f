"""Where one app points into another, the target exists."""

from pathlib import Path

import pytest
import yaml

from huquq.rules.engine.model import SERVICE_FOR_TOPIC, TOPICS

DIRECTORY_SERVICES = Path(__file__).resolve().parent.parent / "huquq/registry/directory/data/services.yaml"


def test_every_status_topic_links_to_a_help_service_the_directory_knows():
    codes = {service["code"] for service in yaml.safe_load(DIRECTORY_SERVICES.read_text(encoding="utf-8"))}
    assert set(SERVICE_FOR_TOPIC) == set(TOPICS)
    assert set(SERVICE_FOR_TOPIC.values()) <= codes


@pytest.mark.django_db
@pytest.mark.parametrize("service", sorted(set(SERVICE_FOR_TOPIC.values())))
def test_status_help_links_are_understood_by_the_directory_search(service):
    from huquq.registry.directory import search, seed

    seed.load()
    query, _city, found_service, notices = search.parse({"country": "RU", "service": service})
    assert found_service is not None and found_service.code == service
