import pytest


@pytest.fixture(autouse=True)
def _field_keys_and_media(monkeypatch, settings, tmp_path):
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-one")
    settings.MEDIA_ROOT = tmp_path / "media"
