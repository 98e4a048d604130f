"""The Huey backend of Django's Tasks API: memory (immediate), SQLite file and Redis."""

import os

import pytest
from django_tasks import task_backends

from huquq.channels import tasks
from huquq.channels.queue import HueyBackend, make_huey

REDIS_URL = os.environ.get("HUQUQ_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


def _drain(huey) -> list:
    """Run every queued job the way the consumer does; return what they returned."""
    out = []
    while (job := huey.dequeue()) is not None:
        out.append(huey.execute(job))
    return out


def test_immediate_backend_runs_the_task_at_once():
    result = tasks.ping.enqueue("hello")
    assert result.backend == "default"
    assert isinstance(task_backends["default"], HueyBackend)
    assert task_backends["default"].huey.immediate


def test_sqlite_backend_queues_until_a_worker_runs_it(tmp_path, settings, db):
    settings.TASKS = {"default": {"BACKEND": "huquq.channels.queue.HueyBackend",
                                  "OPTIONS": {"storage": "sqlite", "filename": str(tmp_path / "q.sqlite3")}}}
    backend = task_backends["default"]
    tasks.ping.enqueue("one")
    tasks.ping.enqueue(value="two")
    assert backend.pending_count() == 2
    assert (tmp_path / "q.sqlite3").exists()
    assert _drain(backend.huey) == ["one", "two"]
    assert backend.pending_count() == 0
    assert tasks.queue_health()[0] is True


def test_unknown_storage_is_refused():
    with pytest.raises(ValueError):
        make_huey({"storage": "postgres"})


def test_health_reports_an_unreachable_redis(settings):
    settings.TASKS = {"default": {"BACKEND": "huquq.channels.queue.HueyBackend",
                                  "OPTIONS": {"storage": "redis", "url": "redis://127.0.0.1:1/0"}}}
    ok, detail = tasks.queue_health()
    assert ok is False
    assert "RedisHuey" in detail


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def redis_backend(settings):
    if not _redis_answers():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis does not answer at {REDIS_URL}; .ci/run starts it")
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    settings.TASKS = {"default": {"BACKEND": "huquq.channels.queue.HueyBackend",
                                  "OPTIONS": {"storage": "redis", "url": REDIS_URL,
                                              "name": f"huquq-test-{os.getpid()}"}}}
    backend = task_backends["default"]
    backend.huey.flush()
    yield backend
    backend.huey.flush()


def test_redis_backend_queues_and_a_worker_runs_it(redis_backend, db):
    tasks.ping.enqueue("via redis")
    assert redis_backend.pending_count() == 1
    assert tasks.queue_health() == (True, "RedisHuey: 1 pending")
    assert _drain(redis_backend.huey) == ["via redis"]
    assert redis_backend.pending_count() == 0


def test_worker_check_reports_the_queue(settings, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    settings.TASKS = {"default": {"BACKEND": "huquq.channels.queue.HueyBackend",
                                  "OPTIONS": {"storage": "sqlite", "filename": str(tmp_path / "q.sqlite3")}}}
    out = StringIO()
    call_command("worker", "--check", stdout=out)
    assert out.getvalue().startswith("ok: SqliteHuey")
    settings.TASKS = {"default": {"BACKEND": "huquq.channels.queue.HueyBackend",
                                  "OPTIONS": {"storage": "redis", "url": "redis://127.0.0.1:1/0"}}}
    with pytest.raises(CommandError):
        call_command("worker", "--check", stdout=StringIO())
