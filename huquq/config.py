"""Reading Huquq's settings from the environment.

Plain functions (no Django import) so they can be tested with any mapping as the environment.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path

import dj_database_url

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A setting in the environment cannot be understood."""


def parse_bool(name: str, env: Mapping[str, str], default: bool = False) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(f"{name} must be one of {sorted(TRUE_WORDS | FALSE_WORDS - {''})}, not {raw!r}")


def parse_list(name: str, env: Mapping[str, str], default: list[str]) -> list[str]:
    raw = env.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_config(env: Mapping[str, str], var_dir: Path) -> dict:
    """The default database from DATABASE_URL; SQLite in var/ with WAL when unset."""
    url = env.get("DATABASE_URL", "").strip()
    if not url:
        config = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(var_dir / "huquq.sqlite3"),
        }
    else:
        try:
            config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except Exception as exc:  # dj_database_url raises several types for a bad URL
            raise ConfigError(f"DATABASE_URL is not a database URL Huquq understands: {exc}") from exc
        if config["ENGINE"] not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
            raise ConfigError("DATABASE_URL must point at SQLite (sqlite:///path) or PostgreSQL (postgres://...)")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        options = config.setdefault("OPTIONS", {})
        # WAL lets readers go on while one writer commits; IMMEDIATE avoids "database is locked" on upgrade.
        options["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        options["transaction_mode"] = "IMMEDIATE"
        options.setdefault("timeout", 20)
        config["CONN_MAX_AGE"] = 0
    return config


def read_or_create_secret(name: str, env: Mapping[str, str], var_dir: Path, nbytes: int = 50) -> str:
    """A secret from the environment, else from var/<name>, generated there on first use.

    The file is created with mode 0600 and never committed (var/ is git-ignored).
    """
    value = env.get(name, "").strip()
    if value:
        return value
    path = var_dir / name.lower()
    if path.exists():
        stored = path.read_text(encoding="utf-8").strip()
        if stored:
            return stored
    var_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(nbytes)
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(value + "\n", encoding="utf-8")
    return value


def tasks_options(env: Mapping[str, str], var_dir: Path) -> dict:
    """OPTIONS of the Huey task backend: Redis when HUQUQ_TASKS_REDIS_URL is set, else a SQLite file in var/."""
    immediate = parse_bool("HUQUQ_TASKS_IMMEDIATE", env, default=False)
    url = env.get("HUQUQ_TASKS_REDIS_URL", "").strip()
    if url:
        if not url.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigError("HUQUQ_TASKS_REDIS_URL must look like redis://127.0.0.1:6379/0")
        return {"storage": "redis", "url": url, "immediate": immediate}
    return {"storage": "sqlite", "filename": str(var_dir / "huey.sqlite3"), "immediate": immediate}
