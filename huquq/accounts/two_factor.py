"""TOTP two-factor login for staff (django-otp).

Who must give a second factor: anyone who has set one up, and lawyers and organisation administrators of
an organisation that requires it (Organisation.require_two_factor). Site superusers are held to it once
they set it up.
"""

from __future__ import annotations

import base64

from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import Role

REQUIRED_ROLES = (Role.LAWYER, Role.ORG_ADMIN)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def required(user) -> bool:
    if confirmed_device(user) is not None:
        return True
    org = user.organisation
    return bool(org and org.require_two_factor and user.role in REQUIRED_ROLES)


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (made on first visit, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, to type into an authenticator app."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    import segno

    return segno.make(device.config_url, error="m").svg_inline(scale=4)


def verify(request, device: TOTPDevice, token: str) -> bool:
    """Check a code; on success mark this session as verified (and a pending device as confirmed)."""
    token = "".join(ch for ch in (token or "") if ch.isdigit())
    if not token or not device.verify_token(token):
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(request.user, "update", request.user, detail={"two_factor": "enabled"})
    otp_login(request, device)
    return True
