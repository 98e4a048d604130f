import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from huquq.safety import safe_redirect, streaming_csv_writer

from . import audit, services, timezones
from . import two_factor as two_factor_service
from .forms import AddColleagueForm, AuditFilterForm, ResetPasswordForm, RoleForm
from .models import Role, User
from .reads import audited_list, record_search, search_filter_names
from .selectors import AuditFilters, describe_entries, filtered_audit_entries, members_visible_to, staff_of
from .tenancy import role_required


@role_required(*Role.values)
@audited_list("accounts.organisation")
def organisation(request):
    members = members_visible_to(request.user)
    return render(request, "accounts/organisation.html", {"organisation": request.user.organisation,
                                                          "members": members, "time_zones": timezones.TIME_ZONES})


def _audit_filters(form) -> AuditFilters:
    if not form.is_valid():
        return AuditFilters()
    data = form.cleaned_data
    return AuditFilters(person=data["person"], case_reference=data["case"], action=data["action"],
                        date_from=data["date_from"], date_to=data["date_to"])


def _audit_csv(request, entries):
    # Every download is recorded (not once per search like the page): it takes the entries away.
    audit.record(request.user, "export", object_type="accounts.auditentry",
                 detail={"format": "csv", "filters": search_filter_names(request)})
    writer = streaming_csv_writer()  # text must not run as a spreadsheet formula

    def rows():
        yield writer.writerow([str(h) for h in (_("When (UTC)"), _("Who"), _("Action"), _("Object"), _("Name"),
                                                 _("Object id"), _("Details"))])
        # In chunks: each chunk's names are looked up together, memory stays flat however long the log.
        chunk = 500
        last_id = None
        while True:
            batch = entries if last_id is None else entries.filter(id__lt=last_id)
            batch = list(batch[:chunk])
            if not batch:
                return
            for row in describe_entries(batch):
                entry = row["entry"]
                yield writer.writerow([entry.at.strftime("%Y-%m-%d %H:%M:%S"), entry.actor_label,
                                       entry.get_action_display(), row["kind"], row["name"], entry.object_id,
                                       json.dumps(entry.detail, ensure_ascii=False, sort_keys=True)])
            last_id = batch[-1].id

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    response["Cache-Control"] = "no-store"
    return response


@role_required(Role.ORG_ADMIN)
def audit_log(request):
    people = members_visible_to(request.user)
    form = AuditFilterForm(request.GET or None, people=people)
    entries = filtered_audit_entries(request.user, _audit_filters(form))
    if request.GET.get("format") == "csv":
        return _audit_csv(request, entries)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    record_search(request, "accounts.auditentry")
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/audit_log.html", {
        "page": page, "rows": describe_entries(page), "form": form, "query_string": query.urlencode()})


# --- staff management (organisation administrators) -------------------------------------------------------

def _own_member(request, pk) -> User:
    """A member of the administrator's own organisation; 404 for anyone else's (ids stay hidden)."""
    return get_object_or_404(staff_of(request.user), pk=pk)


def _show_password(request, change, title):
    """The generated password, shown once on this answer only (never in a message stored in the session)."""
    response = render(request, "accounts/staff_password.html", {"member": change.member,
                                                                "password": change.password, "title": title})
    response["Cache-Control"] = "no-store"
    return response


@role_required(Role.ORG_ADMIN)
def staff(request):
    if request.user.organisation_id is None:
        raise PermissionDenied
    return render(request, "accounts/staff.html", {"members": staff_of(request.user),
                                                   "organisation": request.user.organisation})


@role_required(Role.ORG_ADMIN)
def staff_add(request):
    if request.user.organisation_id is None:
        raise PermissionDenied
    form = AddColleagueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.add_colleague(actor=request.user, organisation=request.user.organisation,
                                            **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            if change.password:
                return _show_password(request, change, _("Colleague added"))
            messages.success(request, _("%(name)s can now log in.") % {"name": change.member.username})
            return redirect("accounts:staff")
    return render(request, "accounts/staff_add.html", {"form": form})


@role_required(Role.ORG_ADMIN)
def staff_member(request, pk):
    member = _own_member(request, pk)
    role_form = RoleForm(initial={"role": member.role})
    password_form = ResetPasswordForm()
    if request.method == "POST":
        op = request.POST.get("op")
        try:
            if op == "role":
                role_form = RoleForm(request.POST)
                if role_form.is_valid():
                    services.change_role(actor=request.user, member=member, role=role_form.cleaned_data["role"])
                    messages.success(request, _("Role changed."))
                    return redirect("accounts:staff_member", pk=member.pk)
            elif op in ("deactivate", "activate"):
                services.set_active(actor=request.user, member=member, active=op == "activate")
                messages.success(request, _("Account deactivated: this person can no longer log in.")
                                 if op == "deactivate" else _("Account active again."))
                return redirect("accounts:staff_member", pk=member.pk)
            elif op == "password":
                password_form = ResetPasswordForm(request.POST)
                if password_form.is_valid():
                    change = services.reset_password(actor=request.user, member=member,
                                                     password=password_form.cleaned_data["password"])
                    if change.password:
                        return _show_password(request, change, _("Password reset"))
                    messages.success(request, _("Password changed."))
                    return redirect("accounts:staff_member", pk=member.pk)
            else:
                return HttpResponseBadRequest()
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            member.refresh_from_db()
    return render(request, "accounts/staff_member.html", {"member": member, "role_form": role_form,
                                                          "password_form": password_form})


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
    if request.user.organisation_id is None:
        raise PermissionDenied
    services.set_two_factor_requirement(actor=request.user, organisation=request.user.organisation,
                                        required=request.POST.get("require") == "1")
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
