"""Background jobs of the channels app, written against Django's Tasks API (django-tasks).

Which queue runs them is the TASKS setting (Huey on SQLite by default, Redis at scale; huquq/channels/queue.py).
`huquq worker` runs the queue's consumer and enqueues `scan_reminders` every REMINDER_SCAN_MINUTES.
"""

from __future__ import annotations

import logging

from django_tasks import default_task_backend, task

logger = logging.getLogger("huquq.channels.tasks")


def queue_health() -> tuple[bool, str]:
    """(ok, detail) for a health check: can the task queue's storage be reached?"""
    health = getattr(default_task_backend, "health", None)
    if health is None:
        return True, f"{type(default_task_backend).__name__}: no health probe"
    return health()


@task()
def ping(value: str = "pong") -> str:
    """A no-op job: proves that a worker picks up work (used by tests and `huquq worker --check`)."""
    logger.info("ping %s", value)
    return value


@task()
def scan_reminders() -> dict:
    """Send the bot reminders that are due (enqueued every REMINDER_SCAN_MINUTES by `huquq worker`)."""
    from .reminders import send_due
    from .services import drop_stale_media

    result = send_due()
    result["stale_media_dropped"] = drop_stale_media()
    return result


@task()
def send_staff_reminders() -> dict:
    """E-mail each assignee their case deadlines due within a week (once a day per deadline)."""
    from .staff import remind_assignees

    return remind_assignees()
