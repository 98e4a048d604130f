"""What /healthz checks: the database answers, and the task queue (when one is configured).

Each check is a function returning a `Check`; `HEALTH_CHECKS` in settings lists them by dotted path, so a
deployment can add its own. The task-queue check uses `huquq.channels.tasks.queue_health()` when that module
exists and reports "not configured" otherwise.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

DEFAULT_CHECKS = ("huquq.ops.health.check_database", "huquq.ops.health.check_task_queue")
QUEUE_HEALTH = "huquq.channels.tasks.queue_health"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"; the class name is enough to act on
        return Check("database", False, type(exc).__name__)
    return Check("database", True, connection.vendor)


def _load(dotted: str):
    module_name, _, attribute = dotted.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return None  # the module itself is absent: the feature is not installed
        raise
    return getattr(module, attribute, None)


def check_task_queue() -> Check:
    probe = _load(getattr(settings, "HEALTH_QUEUE_PROBE", QUEUE_HEALTH))
    if probe is None:
        return Check("task_queue", True, "not configured")
    try:
        answer = probe()
    except Exception as exc:  # a probe that raises is a failing queue
        return Check("task_queue", False, type(exc).__name__)
    if isinstance(answer, Check):
        return answer
    if isinstance(answer, tuple) and len(answer) == 2:  # (ok, detail), as huquq.channels.tasks returns
        return Check("task_queue", bool(answer[0]), str(answer[1]))
    if isinstance(answer, Mapping):
        return Check("task_queue", bool(answer.get("ok")), str(answer.get("detail", answer.get("status", ""))))
    return Check("task_queue", bool(answer), "ok" if answer else "failing")


def run_checks() -> list[Check]:
    results = []
    for dotted in getattr(settings, "HEALTH_CHECKS", DEFAULT_CHECKS):
        check = _load(dotted)
        if check is None:
            results.append(Check(dotted, False, "check not found"))
        else:
            results.append(check())
    return results
