"""Session limits and the two-factor requirement, applied to every request of a logged-in user."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

from . import two_factor

SEEN, STARTED = "_huquq_seen", "_huquq_started"


def no_client_ip(request) -> str:
    """django-axes asks for the client's address; Huquq never looks at it (throttling is by user name)."""
    return ""


class SessionLimitsMiddleware:
    """Log out after SESSION_IDLE_SECONDS without a request, and SESSION_MAX_SECONDS after login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started, seen = session.get(STARTED), session.get(SEEN)
            if started is None:
                session[STARTED] = session[SEEN] = now
            elif now - seen > settings.SESSION_IDLE_SECONDS or now - started > settings.SESSION_MAX_SECONDS:
                logout(request)
            elif now - seen >= 60:  # one session write a minute at most
                session[SEEN] = now
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """A user who must give a second factor (see two_factor.required) and has not yet done so in this
    session reaches only the two-factor pages, logout and the language switch."""

    ALLOWED = {"accounts:two_factor", "accounts:two_factor_setup", "accounts:logout", "set_language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not two_factor.required(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in self.ALLOWED:
            return None
        if request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        target = "accounts:two_factor" if two_factor.confirmed_device(user) else "accounts:two_factor_setup"
        return redirect(target)
