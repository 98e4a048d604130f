"""`huquq worker`: run the background-job consumer (Huey) and the periodic reminder scan."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_tasks import default_task_backend
from huey import crontab


def enqueue_reminder_scans() -> None:
    from huquq.channels import tasks

    tasks.scan_reminders.enqueue()
    tasks.send_staff_reminders.enqueue()


class Command(BaseCommand):
    help = "Run background jobs (Huey consumer) and the periodic reminder scan; --check tests the queue."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=2, help="worker threads (default 2)")
        parser.add_argument("--check", action="store_true", help="report whether the queue answers, then exit")
        parser.add_argument("--no-periodic", action="store_true", help="do not schedule the reminder scan")

    def handle(self, *args, **options):
        from huquq.channels.tasks import queue_health

        ok, detail = queue_health()
        if options["check"]:
            self.stdout.write(("ok: " if ok else "FAILED: ") + detail)
            if not ok:
                raise CommandError("the task queue does not answer")
            return
        if not ok:
            raise CommandError(f"the task queue does not answer: {detail}")
        huey = getattr(default_task_backend, "huey", None)
        if huey is None:
            raise CommandError("TASKS is not a Huey backend (huquq.channels.queue.HueyBackend); nothing to run")
        every = int(getattr(settings, "REMINDER_SCAN_MINUTES", 15))
        if not options["no_periodic"]:
            huey.periodic_task(crontab(minute=f"*/{every}"), name="reminder_scan")(enqueue_reminder_scans)
        self.stdout.write(f"huquq worker: {detail}; reminder scan every {every} min. Stop with Ctrl-C.")
        consumer = huey.create_consumer(workers=options["workers"], periodic=not options["no_periodic"],
                                        worker_type="thread")
        consumer.run()
