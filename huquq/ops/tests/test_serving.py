import logging
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.test import override_settings
from django.urls import path

from huquq.ops import health
from huquq.ops.requestid import RequestIdFilter
from huquq.ops.server import ACCESS_LOG_FORMAT, default_workers, gunicorn_options


def test_healthz_reports_database_and_unconfigured_queue(client, db, settings):
    settings.HEALTH_QUEUE_PROBE = "huquq.no_such_module.queue_health"
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["task_queue"] == {"ok": True, "detail": "not configured"}
    assert "no-cache" in response["Cache-Control"]


def failing_queue():
    return {"ok": False, "detail": "redis unreachable"}


def tuple_queue():
    return (False, "huey storage unreachable")


def raising_queue():
    raise ConnectionError("refused")


@pytest.mark.parametrize("probe, detail", [
    ("failing_queue", "redis unreachable"),
    ("tuple_queue", "huey storage unreachable"),
    ("raising_queue", "ConnectionError"),
])
def test_healthz_fails_with_503_when_the_queue_is_down(client, db, settings, probe, detail):
    settings.HEALTH_QUEUE_PROBE = f"{__name__}.{probe}"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["task_queue"] == {"ok": False, "detail": detail}


def test_healthz_fails_when_the_database_is_down(db):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    with mock.patch.object(health.connection, "cursor", broken_cursor):
        checked = health.check_database()
    assert checked == health.Check("database", False, "OperationalError")


def test_a_configured_check_that_does_not_exist_fails(db, settings):
    settings.HEALTH_CHECKS = ("huquq.ops.health.check_database", "huquq.ops.health.no_such_check")
    names = {check.name: check.ok for check in health.run_checks()}
    assert names == {"database": True, "huquq.ops.health.no_such_check": False}


def test_every_response_carries_a_request_id(client, db):
    first = client.get("/ru/")["X-Request-ID"]
    second = client.get("/ru/")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_sane_request_id_from_the_proxy_is_kept_and_a_strange_one_replaced(client, db):
    assert client.get("/ru/", HTTP_X_REQUEST_ID="proxy-1234abcd")["X-Request-ID"] == "proxy-1234abcd"
    replaced = client.get("/ru/", HTTP_X_REQUEST_ID="bad id\nwith newline")["X-Request-ID"]
    assert replaced != "bad id\nwith newline" and len(replaced) == 32


def crash(request):
    raise RuntimeError("boom for the log")


urlpatterns = [path("crash/", crash)]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_server_error_is_logged_with_traceback_and_request_id(client, db, caplog):
    client.raise_request_exception = False
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/crash/", HTTP_X_REQUEST_ID="req-abcdef12")
    assert response.status_code == 500
    record = next(r for r in caplog.records if r.name == "django.request")
    assert record.exc_info and "boom for the log" in str(record.exc_info[1])
    assert record.request_id == "req-abcdef12"


def test_log_lines_outside_a_request_have_a_placeholder_id():
    record = logging.LogRecord("huquq", logging.INFO, __file__, 1, "hello", None, None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"


def test_default_workers():
    assert default_workers({}, cpu_count=2) == 5
    assert default_workers({}, cpu_count=16) == 8
    assert default_workers({"WEB_CONCURRENCY": "3"}, cpu_count=2) == 3


def test_gunicorn_options_never_log_the_client_address():
    options = gunicorn_options(bind="127.0.0.1:9", workers=2, timeout=30, access_log=True)
    assert "%(h)s" not in ACCESS_LOG_FORMAT and options["access_log_format"] == ACCESS_LOG_FORMAT
    assert options["preload_app"] is True and options["timeout"] == 30 and options["accesslog"] == "-"
    assert gunicorn_options(bind="x", workers=1, timeout=5, access_log=False)["accesslog"] is None


def test_serve_refuses_without_collected_static_files(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    with pytest.raises(CommandError, match="collectstatic"):
        call_command("serve", "--bind", "127.0.0.1:0")


def test_commands_on_sqlite_print_no_covering_index_warning(db, settings):
    from django.core import checks
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the covering-index warning exists only on SQLite")
    issues = checks.run_checks(databases=["default"], include_deployment_checks=False)
    assert "models.W040" not in {issue.id for issue in issues if not issue.is_silenced()}
    settings.SILENCED_SYSTEM_CHECKS = []
    assert "models.W040" in {issue.id for issue in checks.run_checks(databases=["default"])}  # the cause is real
