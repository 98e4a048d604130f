"""A request id on every log line written while a request is served.

The middleware takes the id the reverse proxy sent (X-Request-ID, when it looks like one) or makes one,
keeps it in a context variable for the log filter, and returns it in the response's X-Request-ID header so a
person reporting an error can quote it. Nothing about the client (address, agent) is recorded.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

HEADER = "X-Request-ID"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current: contextvars.ContextVar[str] = contextvars.ContextVar("huquq_request_id", default="-")


def current_request_id() -> str:
    return _current.get()


def _incoming_id(request) -> str:
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given if _SAFE_ID.match(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _incoming_id(request)
        request.request_id = request_id
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request) so formats can print it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True
