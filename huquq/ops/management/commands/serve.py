from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from huquq.ops.server import default_workers, gunicorn_options


class Command(BaseCommand):
    help = "Serve Huquq with gunicorn, the production web server (run `huquq collectstatic` first)."

    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000",
                            help="address:port or unix:/path to listen on (default 127.0.0.1:8000, behind a proxy)")
        parser.add_argument("--workers", type=int, default=None,
                            help="worker processes (default WEB_CONCURRENCY, else 2 x cores + 1, at most 8)")
        parser.add_argument("--timeout", type=int, default=30, help="seconds before a silent worker is restarted")
        parser.add_argument("--access-log", action="store_true",
                            help="log one line per request to stderr (request id, path, status; never the address)")
        parser.add_argument("--reload", action="store_true", help="restart on code changes (development only)")

    def handle(self, *args, **options):
        try:
            from gunicorn.app.base import BaseApplication
        except ImportError as exc:  # pragma: no cover - gunicorn is a runtime dependency
            raise CommandError("gunicorn is not installed: pip install -e .") from exc
        manifest = settings.STATIC_ROOT / "staticfiles.json"
        if not settings.DEBUG and not manifest.exists():
            raise CommandError(f"static files are not collected: run `huquq collectstatic --noinput` ({manifest} missing)")
        config = gunicorn_options(
            bind=options["bind"],
            workers=options["workers"] or default_workers(),
            timeout=options["timeout"],
            access_log=options["access_log"],
            reload=options["reload"],
        )

        from huquq.wsgi import application

        class HuquqServer(BaseApplication):
            def load_config(self):
                for key, value in config.items():
                    if key in self.cfg.settings:  # settings newer than the installed gunicorn are skipped
                        self.cfg.set(key, value)

            def load(self):
                return application

        self.stderr.write(f"huquq: serving on {config['bind']} with {config['workers']} workers")
        HuquqServer().run()
