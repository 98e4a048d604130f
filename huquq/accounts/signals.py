from . import audit


def record_login(sender, request, user, **kwargs):
    # No IP address or user agent is stored: only who logged in and when.
    audit.record(user, "login", user)
