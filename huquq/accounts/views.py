from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from huquq.safety import safe_redirect

from . import audit, services, timezones
from . import two_factor as two_factor_service
from .models import Role
from .selectors import audit_entries_visible_to, members_visible_to
from .tenancy import role_required


@role_required(*Role.values)
def organisation(request):
    members = members_visible_to(request.user)
    audit.record(request.user, "view", object_type="accounts.organisation",
                 object_id=request.user.organisation_id or "")
    return render(request, "accounts/organisation.html", {"organisation": request.user.organisation,
                                                          "members": members, "time_zones": timezones.TIME_ZONES})


@role_required(Role.ORG_ADMIN)
def audit_log(request):
    page = Paginator(audit_entries_visible_to(request.user), 50).get_page(request.GET.get("page"))
    audit.record(request.user, "view", object_type="accounts.auditentry", detail={"page": page.number})
    return render(request, "accounts/audit_log.html", {"page": page})


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Code from your authenticator app"), max_length=12,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


@login_required
def two_factor(request):
    """Second step of login: the six-digit code of a confirmed device."""
    device = two_factor_service.confirmed_device(request.user)
    if device is None:
        return redirect("accounts:two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor_service.verify(request, device, form.cleaned_data["token"]):
            return redirect(safe_redirect(request, request.GET.get("next"), reverse("home")))
        form.add_error("token", _("The code is wrong or has expired. Try the current one."))
    return render(request, "accounts/two_factor.html", {"form": form})


@login_required
def two_factor_setup(request):
    """Add an authenticator app: scan the QR code (or type the key), then confirm with one code."""
    if two_factor_service.confirmed_device(request.user) is not None and not request.user.is_verified():
        return redirect("accounts:two_factor")
    device = two_factor_service.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor_service.verify(request, device, form.cleaned_data["token"]):
            messages.success(request, _("Two-factor login is on. You will be asked for a code at each login."))
            return redirect("home")
        form.add_error("token", _("The code is wrong or has expired. Try the current one."))
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "secret": two_factor_service.secret_text(device),
        "qr": mark_safe(two_factor_service.qr_svg(device)),  # noqa: S308 - SVG made by segno from our own URL
    })


@role_required(Role.ORG_ADMIN)
@require_POST
def require_two_factor(request):
    """An organisation administrator turns the two-factor requirement for lawyers and admins on or off."""
    org = request.user.organisation
    if org is None:
        raise PermissionDenied
    org.require_two_factor = request.POST.get("require") == "1"
    org.save(update_fields=["require_two_factor"])
    audit.record(request.user, "update", org, detail={"require_two_factor": org.require_two_factor})
    return redirect("accounts:organisation")


@role_required(Role.ORG_ADMIN)
@require_POST
def organisation_time_zone(request):
    """An organisation administrator sets the time zone of deadlines and times."""
    org = request.user.organisation
    if org is None:
        raise PermissionDenied
    try:
        services.set_time_zone(actor=request.user, organisation=org, time_zone=request.POST.get("time_zone", ""))
    except ValueError:
        messages.error(request, _("Choose a time zone from the list."))
    else:
        messages.success(request, _("The time zone was saved."))
    return redirect("accounts:organisation")
