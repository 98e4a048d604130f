"""A Django Tasks (`django-tasks`) backend that enqueues to Huey.

Why our own class: django-tasks ships only the immediate and dummy backends (database and RQ backends are
separate packages) and no Huey backend exists on PyPI, so this small adapter is the bridge. Background work is
written as plain `@task` functions (huquq/channels/tasks.py); which queue runs them is a setting:

    TASKS = {"default": {"BACKEND": "huquq.channels.queue.HueyBackend",
                         "OPTIONS": {"storage": "sqlite", "filename": "var/huey.sqlite3"}}}

`storage` is "sqlite" (one file, nothing to install: the default), "redis" (`url`, e.g.
redis://127.0.0.1:6379/0, for several workers) or "memory" (tests). `immediate: True` runs each task at once
in the calling process (Huey's immediate mode), which the test suite uses.

Huey stores one generic job, `run_django_task(module_path, args, kwargs)`, which imports the Django task by
its dotted path and calls it. `huquq worker` runs Huey's consumer (and the periodic reminder scan).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id
from huey import MemoryHuey, RedisHuey, SqliteHuey

logger = logging.getLogger("huquq.channels.queue")


def make_huey(options: dict, name: str = "huquq"):
    """A Huey instance from the backend's OPTIONS."""
    storage = options.get("storage", "sqlite")
    immediate = bool(options.get("immediate", False))
    if storage == "redis":
        return RedisHuey(name, url=options.get("url", "redis://127.0.0.1:6379/0"), immediate=immediate,
                         results=False, utc=True)
    if storage == "memory":
        return MemoryHuey(name, immediate=immediate, results=False, utc=True)
    if storage != "sqlite":
        raise ValueError(f"unknown Huey storage {storage!r} (sqlite, redis or memory)")
    filename = Path(options.get("filename") or Path(settings.VAR_DIR) / "huey.sqlite3")
    filename.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=str(filename), immediate=immediate, results=False, utc=True)


def run_django_task(module_path: str, args: list, kwargs: dict):
    """What the Huey consumer executes: the Django task named by `module_path`."""
    task = import_string(module_path)
    if not isinstance(task, Task):
        raise TypeError(f"{module_path} is not a Django task")
    refresh_connections()
    try:
        return task.call(*args, **kwargs)
    finally:
        refresh_connections()


def refresh_connections() -> None:
    """Drop broken or too-old database connections, as Django does around each request, for long-running
    workers and the bot. Not inside a transaction (a test's, or a caller's): that connection stays."""
    from django.db import close_old_connections, connections

    if not any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        close_old_connections()


class HueyBackend(BaseTaskBackend):
    supports_defer = True
    supports_async_task = False
    supports_get_result = False
    supports_priority = True  # Huey orders by priority within a queue

    def __init__(self, alias: str, params: dict) -> None:
        super().__init__(alias, params)
        self.huey = make_huey(self.options, name=self.options.get("name", f"huquq-{alias}"))
        self._job = self.huey.task(name="run_django_task", retries=int(self.options.get("retries", 0)))(
            run_django_task)

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(task=task, id=get_random_id(), status=TaskResultStatus.READY, enqueued_at=None,
                            started_at=None, last_attempted_at=None, finished_at=None, args=args,
                            kwargs=kwargs, backend=self.alias, errors=[], worker_ids=[])
        eta = None
        if task.run_after is not None:
            eta = task.run_after.astimezone(dt.UTC).replace(tzinfo=None)
        job = self._job.task_class(args=(task.module_path, result.args, result.kwargs), id=result.id, eta=eta,
                                   priority=task.priority)
        object.__setattr__(result, "enqueued_at", timezone.now())
        self.huey.enqueue(job)
        task_enqueued.send(type(self), task_result=result)
        return result

    def pending_count(self) -> int:
        return self.huey.pending_count()

    def health(self) -> tuple[bool, str]:
        """(ok, detail): can we reach the queue's storage?"""
        try:
            pending = self.huey.pending_count()
        except Exception as exc:  # any storage failure means the queue is not healthy
            return False, f"{type(self.huey).__name__}: {type(exc).__name__}: {exc}"
        return True, f"{type(self.huey).__name__}: {pending} pending"
