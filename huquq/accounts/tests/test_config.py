import stat

import pytest

from huquq.config import ConfigError, database_config, parse_bool, parse_list, read_or_create_secret


@pytest.mark.parametrize("raw,expected", [("1", True), ("TRUE", True), ("on", True), ("0", False), ("no", False),
                                          ("", False)])
def test_parse_bool_words(raw, expected):
    assert parse_bool("DEBUG", {"DEBUG": raw}) is expected


def test_parse_bool_default_and_error():
    assert parse_bool("DEBUG", {}, default=True) is True
    with pytest.raises(ConfigError, match="DEBUG"):
        parse_bool("DEBUG", {"DEBUG": "maybe"})


def test_parse_list():
    assert parse_list("ALLOWED_HOSTS", {"ALLOWED_HOSTS": " a.org, b.org ,,"}, []) == ["a.org", "b.org"]
    assert parse_list("ALLOWED_HOSTS", {}, ["x"]) == ["x"]


def test_sqlite_default_under_var_with_wal(tmp_path):
    config = database_config({}, tmp_path)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "huquq.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_postgres_url():
    config = database_config({"DATABASE_URL": "postgres://huquq:pw@db.example:5433/huquq"}, None)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == ("db.example", 5433, "huquq", "huquq")


@pytest.mark.parametrize("url", ["mysql://u@h/db", "nonsense://x"])
def test_unsupported_database_url_is_a_clear_error(url):
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        database_config({"DATABASE_URL": url}, None)


def test_secret_generated_once_private_and_env_wins(tmp_path):
    first = read_or_create_secret("SECRET_KEY", {}, tmp_path)
    assert len(first) >= 50
    assert read_or_create_secret("SECRET_KEY", {}, tmp_path) == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode & 0o077 == 0
    assert read_or_create_secret("SECRET_KEY", {"SECRET_KEY": "from-env"}, tmp_path) == "from-env"


def test_secret_creation_races_end_with_one_value(tmp_path):
    """Eight threads creating the same secret on an empty folder all get one and the same value."""
    from concurrent.futures import ThreadPoolExecutor

    var = tmp_path / "var"
    with ThreadPoolExecutor(8) as pool:
        values = set(pool.map(lambda _: read_or_create_secret("HUQUQ_FIELD_KEYS", {}, var, nbytes=32), range(8)))
    assert len(values) == 1
    assert (var / "huquq_field_keys").read_text().strip() == values.pop()
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    assert [p.name for p in var.iterdir()] == ["huquq_field_keys"]  # no temporary files left behind


def test_empty_secret_file_is_an_error_not_a_new_secret(tmp_path):
    (tmp_path / "secret_key").write_text("")
    with pytest.raises(ConfigError, match="empty"):
        read_or_create_secret("SECRET_KEY", {}, tmp_path)
