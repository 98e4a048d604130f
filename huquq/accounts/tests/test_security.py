"""Login throttling, password change, session limits, two-factor login, security headers and deploy checks."""

import os
import subprocess
import sys

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from huquq.accounts import middleware

PASSWORD = "correct horse battery"


def _login(client, username, password=PASSWORD, url=None):
    return client.post(url or reverse("accounts:login"), {"username": username, "password": password})


def _logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url_name", ["accounts:login", "admin:login"])
def test_wrong_passwords_lock_the_account_even_for_the_right_password(client, org_a, make_user, settings,
                                                                     url_name):
    user = make_user(org_a, "caseworker", is_staff=True)
    url = reverse(url_name)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, user.username, "wrong password", url)
    response = _login(client, user.username, PASSWORD, url)
    assert response.status_code == 429 and not _logged_in(client)
    assert "127.0.0.1" not in response.content.decode()


def test_a_few_wrong_passwords_do_not_lock(client, org_a, make_user, settings):
    user = make_user(org_a, "caseworker")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user.username, "wrong password")
    _login(client, user.username)
    assert _logged_in(client)


def test_staff_can_change_their_password(client, org_a, make_user):
    user = make_user(org_a, "caseworker")
    client.force_login(user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "a much longer new phrase", "new_password2": "a much longer new phrase"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a much longer new phrase")


def test_idle_and_absolute_session_limits(client, org_a, make_user, settings, monkeypatch):
    user = make_user(org_a, "caseworker")
    home = reverse("accounts:organisation")
    clock = {"now": 1_000_000}
    monkeypatch.setattr(middleware.time, "time", lambda: clock["now"])
    client.force_login(user)
    assert client.get(home).status_code == 200
    clock["now"] += settings.SESSION_IDLE_SECONDS - 10
    assert client.get(home).status_code == 200  # still active
    clock["now"] += settings.SESSION_IDLE_SECONDS + 1
    assert client.get(home).status_code == 302 and not _logged_in(client)  # idle too long
    client.force_login(user)
    client.get(home)
    for _ in range(settings.SESSION_MAX_SECONDS // (settings.SESSION_IDLE_SECONDS - 60) + 1):
        clock["now"] += settings.SESSION_IDLE_SECONDS - 60
        client.get(home)
    assert not _logged_in(client)  # active all along, but past the absolute limit


def test_organisation_can_require_two_factor_for_lawyers(client, org_a, make_user, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp waits 1 s after a wrong code; the test does not
    admin, lawyer, caseworker = (make_user(org_a, role) for role in ("org_admin", "lawyer", "caseworker"))
    client.force_login(admin)
    client.post(reverse("accounts:require_two_factor"), {"require": "1"})
    org_a.refresh_from_db()
    assert org_a.require_two_factor
    client.force_login(caseworker)
    assert client.get(reverse("accounts:organisation")).status_code == 200  # not required for this role
    client.force_login(lawyer)
    response = client.get(reverse("accounts:organisation"))
    assert response.status_code == 302 and response.url == reverse("accounts:two_factor_setup")
    page = client.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=lawyer)
    assert client.post(reverse("accounts:two_factor_setup"), {"token": "000000" if totp(device.bin_key) != 0
                                                              else "111111"}).status_code == 200
    response = client.post(reverse("accounts:two_factor_setup"), {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    assert client.get(reverse("accounts:organisation")).status_code == 200
    # next login: the password alone is not enough
    client.logout()
    _login(client, lawyer.username)
    response = client.get(reverse("accounts:organisation"))
    assert response.status_code == 302 and response.url == reverse("accounts:two_factor")


def test_content_security_policy_header(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["style-src-elem"]


def _settings_under(env_extra, code):
    env = {**os.environ, "SECRET_KEY": "x" * 60 + "production-like-secret-key", "DEBUG": "false", **env_extra}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for Playwright's loop; never in production
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _settings_under(
        {"SECURE_COOKIES": "true", "HUQUQ_VAR_DIR": str(tmp_path)},
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['huquq', 'check', '--deploy', '--fail-level', 'WARNING'])",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    shown = _settings_under(
        {"SECURE_COOKIES": "true", "HUQUQ_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "huquq.settings"},
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
    )
    assert shown.stdout.split() == ["True", "31536000", "True", "True"], shown.stderr

