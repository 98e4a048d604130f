"""Gunicorn settings for `huquq serve`: plain functions, so the choices are tested without starting it."""

from __future__ import annotations

import os
from collections.abc import Mapping

# Access lines without the client's address (%(h)s): anonymous intake must not be traceable through logs.
ACCESS_LOG_FORMAT = '%({x-request-id}o)s "%(r)s" %(s)s %(b)s %(M)sms'


def default_workers(env: Mapping[str, str] | None = None, cpu_count: int | None = None) -> int:
    """WEB_CONCURRENCY if set, else gunicorn's advice of 2 x cores + 1, capped at 8 (each worker ~100 MB)."""
    env = os.environ if env is None else env
    if env.get("WEB_CONCURRENCY", "").strip():
        return max(1, int(env["WEB_CONCURRENCY"]))
    cores = cpu_count or os.cpu_count() or 1
    return min(2 * cores + 1, 8)


def gunicorn_options(*, bind: str, workers: int, timeout: int, access_log: bool, reload: bool = False) -> dict:
    options = {
        "bind": bind,
        "workers": workers,
        "worker_class": "sync",
        "timeout": timeout,  # a worker silent this long is killed and replaced
        "graceful_timeout": 30,
        "keepalive": 5,  # behind a reverse proxy that keeps connections open
        "max_requests": 2000,  # recycle workers now and then so a slow leak cannot grow forever
        "max_requests_jitter": 200,
        "preload_app": not reload,  # load Django once and fork: less memory, caches warmed before forking
        "reload": reload,
        "errorlog": "-",
        "accesslog": "-" if access_log else None,
        "access_log_format": ACCESS_LOG_FORMAT,
        "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
        "proc_name": "huquq",
        # gunicorn >= 25.1 opens a control socket in $HOME by default; two instances would share it.
        "control_socket_disable": True,
    }
    return options
