"""Reading Huquq's settings from the environment.

Plain functions (no Django import) so they can be tested with any mapping as the environment.
"""

from __future__ import annotations

import os
import secrets
import tempfile
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
        # Keep each worker's connection (as on PostgreSQL): opening one costs ~3 ms of CPU (the WAL pragma and
        # the checkpoint when the last connection closes), more than a whole cached public page.
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
        # Tests use a file, not SQLite's in-memory database, so that concurrency tests can run real
        # transactions in several threads (an in-memory database cannot be shared that way).
        config.setdefault("TEST", {}).setdefault("NAME", str(var_dir / "test_huquq.sqlite3"))
    return config


def make_private_dir(path: Path) -> Path:
    """Create a folder only its owner can open (0700); tighten it if it already exists and is ours."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except PermissionError:  # not ours (e.g. a shared mount): leave it
        pass
    return path


def write_private_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically with mode 0600 (temporary file in the same folder, then rename)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mkstemp: O_EXCL, mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_secret_file(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None


def read_secret(name: str, env: Mapping[str, str], var_dir: Path) -> str | None:
    """A secret from the environment, else from var/<name>; None when neither has it (nothing is created)."""
    value = env.get(name, "").strip()
    if value:
        return value
    path = var_dir / name.lower()
    stored = _read_secret_file(path)
    if stored == "":
        raise ConfigError(f"{path} exists but is empty: restore it from your backup or remove it")
    return stored


def read_or_create_secret(name: str, env: Mapping[str, str], var_dir: Path, nbytes: int = 50) -> str:
    """A secret from the environment, else from var/<name>, generated there on first use.

    Creation is atomic: the value is written to a private temporary file (O_EXCL, 0600) and linked into
    place only if no other process got there first (os.link fails on an existing name), so two processes
    starting together on an empty var/ end up with the same secret. var/ is created 0700.
    """
    stored = read_secret(name, env, var_dir)
    if stored:
        return stored
    make_private_dir(var_dir)
    path = var_dir / name.lower()
    fd, tmp = tempfile.mkstemp(dir=var_dir, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(nbytes) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
    finally:
        Path(tmp).unlink(missing_ok=True)
    stored = _read_secret_file(path)
    if not stored:
        raise ConfigError(f"{path} is empty: restore it from your backup or remove it")
    return stored


def tasks_options(env: Mapping[str, str], var_dir: Path) -> dict:
    """OPTIONS of the Huey task backend: Redis when HUQUQ_TASKS_REDIS_URL is set, else a SQLite file in var/."""
    immediate = parse_bool("HUQUQ_TASKS_IMMEDIATE", env, default=False)
    url = env.get("HUQUQ_TASKS_REDIS_URL", "").strip()
    if url:
        if not url.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigError("HUQUQ_TASKS_REDIS_URL must look like redis://127.0.0.1:6379/0")
        return {"storage": "redis", "url": url, "immediate": immediate}
    return {"storage": "sqlite", "filename": str(var_dir / "huey.sqlite3"), "immediate": immediate}
