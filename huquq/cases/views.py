"""Thin views: parse the request, call access/selectors/services, render. No business rules here."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from huquq.accounts import audit
from huquq.accounts.reads import audited_list
from huquq.safety import safe_redirect, streaming_csv_writer

from . import access, casefile, forms, selectors, services, transfer
from .models import Case, Deadline, EvidenceFile, Person, Referral, Violation

PER_PAGE = 25
MAX_PAGE = 100_000  # beyond this an offset would overflow the database's integers; answer 404, not 500


def _errors_to_form(form, exc: ValidationError):
    for message in exc.messages:
        form.add_error(None, message)


@login_required
@audited_list("cases.case")
def case_list(request):
    access.require(access.can_use_casework(request.user))
    form = forms.FilterForm(request.GET or None)
    filters = selectors.CaseFilters()
    if form.is_valid():
        filters = selectors.CaseFilters(**{k: v for k, v in form.cleaned_data.items() if v not in (None, "")})
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page = 1
    if page > MAX_PAGE:
        return render(request, "404.html", {"message": _("This list has no page with that number.")}, status=404)
    rows = list(selectors.case_list(request.user, filters)[(page - 1) * PER_PAGE: page * PER_PAGE + 1])
    has_next = len(rows) > PER_PAGE
    rows = rows[:PER_PAGE]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "cases/case_list.html", {
        "form": form, "cases": rows, "page": page, "has_next": has_next, "query_string": query.urlencode(),
        "due_count": selectors.deadlines_due(request.user, days=7).count(),
        "can_create": access.can_create(request.user), "can_export_csv": access.can_export_csv(request.user),
        "can_export_json": access.can_export_personal(request.user)})


@login_required
def case_create(request):
    access.require(access.can_create(request.user))
    case_form = forms.CaseForm(request.POST or None, prefix="case")
    person_form = forms.PersonForm(request.POST or None, prefix="client")
    if request.method == "POST" and case_form.is_valid() and person_form.is_valid():
        data = {k: v for k, v in case_form.cleaned_data.items() if k != "version"}
        try:
            case = services.create_case(actor=request.user, organisation=request.user.organisation,
                                        client=person_form.cleaned_data, **data)
        except ValidationError as exc:
            _errors_to_form(case_form, exc)
        else:
            messages.success(request, _("Case %(ref)s opened.") % {"ref": case.reference})
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"case_form": case_form, "person_form": person_form,
                                                    "title": _("New case")})


@login_required
def case_detail(request, pk):
    case = access.get_case_or_404(request.user, pk)
    return render(request, "cases/case_detail.html", selectors.case_page(request.user, case))


@login_required
def case_file(request, pk, fmt="html"):
    """The printable case file, masked per reader; reading it (either format) is audited as a read."""
    case = access.get_case_or_404(request.user, pk)
    document = selectors.case_file(request.user, case, fmt)
    if fmt == "pdf":
        response = HttpResponse(casefile.render_pdf(document), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="case-{case.reference}.pdf"'
        response["Cache-Control"] = "no-store"
        return response
    response = render(request, "cases/case_file.html", {"case": case, "file": document})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def case_edit(request, pk):
    case = selectors.case_for_edit(request.user, pk, showing_form=request.method == "GET")
    client = case.client
    case_form = forms.CaseForm(request.POST or None, instance=case, prefix="case")
    person_form = forms.PersonForm(request.POST or None, instance=client, prefix="client") if client else None
    if request.method == "POST" and case_form.is_valid() and (person_form is None or person_form.is_valid()):
        fresh = Case.objects.get(pk=case.pk)  # the ModelForm mutated `case`; diff against stored values
        version = case_form.cleaned_data.get("version")
        data = {k: v for k, v in case_form.cleaned_data.items() if k != "version"}
        client_changed = person_form is not None and person_form.has_changed()
        try:
            services.edit_case(fresh, actor=request.user, expected_version=version, changes=data,
                               client=Person.objects.get(pk=client.pk) if client_changed else None,
                               client_changes=person_form.cleaned_data if client_changed else None)
        except services.StaleEdit as exc:
            _errors_to_form(case_form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"case_form": case_form, "person_form": person_form,
                                                    "case": case, "title": _("Edit case")})


@login_required
@require_POST
def case_transition(request, pk):
    case = access.get_case_or_404(request.user, pk)
    access.require(access.can_manage(request.user, case))
    form = forms.TransitionForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.transition(case, actor=request.user, to_status=form.cleaned_data["to_status"],
                                reason=form.cleaned_data["reason"], expected_version=form.cleaned_data["version"])
            messages.success(request, _("Status changed."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose a new status and give a reason."))
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def case_assign(request, pk):
    case = access.get_case_or_404(request.user, pk)
    access.require(access.can_manage(request.user, case))
    form = forms.AssignForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.assign(case, actor=request.user, assignee=form.cleaned_data["assignee"],
                            expected_version=form.cleaned_data["version"])
            messages.success(request, _("Assignment saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose a caseworker."))
    return redirect("cases:detail", pk=case.pk)


CHILD_FORMS = {
    "violation": (forms.ViolationForm, services.add_violations, _("Add violations")),
    "action": (forms.ActionForm, services.add_action, _("Add an action")),
    "outcome": (forms.OutcomeForm, services.add_outcome, _("Add an outcome")),
    "wage-claim": (forms.WageClaimForm, services.add_wage_claim, _("Wage claim calculator")),
    "deadline": (forms.DeadlineForm, services.add_deadline, _("Add a deadline")),
    "person": (forms.OtherPersonForm, services.add_person, _("Add a person (victim or witness)")),
}


@login_required
def case_add(request, pk, kind):
    if kind not in CHILD_FORMS:
        raise PermissionDenied
    form_class, service, title = CHILD_FORMS[kind]
    case = access.get_case_or_404(request.user, pk)
    access.require(access.can_edit(request.user, case))
    extra = {"user": request.user} if form_class is forms.ViolationForm else {}
    form = form_class(request.POST or None, case=case, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            service(case, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"form": form, "case": case, "title": title})


@login_required
def consent_add(request, pk):
    case = access.get_case_or_404(request.user, pk)
    access.require(access.can_manage(request.user, case))
    form = forms.ConsentForm(request.POST or None, case=case, initial={"given_on": None})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consent(case, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"form": form, "case": case, "title": _("Record consent")})


@login_required
@require_POST
def consent_withdraw(request, pk, consent_id):
    case = access.get_case_or_404(request.user, pk)
    access.require(access.can_manage(request.user, case))
    services.withdraw_consent(get_object_or_404(case.consents, pk=consent_id), actor=request.user)
    messages.success(request, _("Consent withdrawn: sharing under it has stopped."))
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def violation_verify(request, pk, violation_id):
    case = access.get_case_or_404(request.user, pk)
    access.require(access.can_manage(request.user, case))
    violation = get_object_or_404(Violation, pk=violation_id, case=case)
    services.set_verified(violation, actor=request.user, verified=request.POST.get("verified") == "1")
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def deadline_done(request, pk, deadline_id):
    case = access.get_case_or_404(request.user, pk)
    access.require(access.can_edit(request.user, case))
    services.complete_deadline(get_object_or_404(Deadline, pk=deadline_id, case=case), actor=request.user)
    return redirect(safe_redirect(request, request.POST.get("next"), reverse("cases:detail", args=[case.pk])))


@login_required
def evidence_add(request, pk):
    case = access.get_case_or_404(request.user, pk)
    access.require(access.can_edit(request.user, case) and access.can_view_evidence(request.user, case))
    form = forms.EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.MAX_EVIDENCE_BYTES:
            form.add_error("file", _("The file is larger than 10 MB."))
        else:
            try:
                services.store_evidence(case, actor=request.user, name=upload.name,
                                        content_type=upload.content_type, data=upload.read(),
                                        description=form.cleaned_data["description"])
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, _("File stored encrypted."))
                return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"form": form, "case": case, "title": _("Add evidence file"),
                                               "multipart": True})


@login_required
def evidence_download(request, pk, evidence_id):
    case = access.get_case_or_404(request.user, pk)
    access.require(access.can_view_evidence(request.user, case))
    evidence = get_object_or_404(EvidenceFile, pk=evidence_id, case=case)
    data = services.read_evidence(evidence, actor=request.user)
    response = HttpResponse(data, content_type=evidence.content_type)
    response["Content-Disposition"] = f'attachment; filename="evidence-{evidence.pk}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@audited_list("cases.deadline", due_within_days=7)
def deadlines(request):
    access.require(access.can_use_casework(request.user))
    rows = selectors.deadlines_due(request.user, days=7)
    return render(request, "cases/deadlines.html", {"deadlines": rows})


@login_required
def referral_create(request, pk):
    case = access.get_case_or_404(request.user, pk)
    access.require(access.can_manage(request.user, case))
    form = forms.ReferralForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_referral(case, actor=request.user, to_organisation=form.cleaned_data["to_organisation"],
                                   fields=form.cleaned_data["fields"], note=form.cleaned_data["note"])
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Referral sent."))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"form": form, "case": case, "title": _("Refer the case")})


@login_required
@audited_list("cases.referral")
def referral_list(request):
    if not request.user.is_superuser and request.user.role not in access.SHARED_ROLES:
        raise PermissionDenied
    rows = selectors.referrals_for(request.user).prefetch_related("events")
    return render(request, "cases/referrals.html", {"referrals": rows})


@login_required
def referral_respond(request, referral_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    referral = get_object_or_404(Referral, pk=referral_id)
    access.require(access.can_respond_to_referral(request.user, referral))
    try:
        services.respond_referral(referral, actor=request.user, state=request.POST.get("state", ""),
                                  note=request.POST.get("note", ""))
        messages.success(request, _("Referral updated."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("cases:referrals")


@login_required
def export_csv(request):
    access.require(access.can_export_csv(request.user))
    cases = access.exportable_cases(request.user)
    audit.record(request.user, "export", object_type="cases.case", detail={"format": "csv", "rows": cases.count()})
    writer = streaming_csv_writer()  # text must not run as a spreadsheet formula
    # Streamed row by row: memory stays flat however many cases are exported.
    response = StreamingHttpResponse((writer.writerow(row) for row in transfer.csv_rows(cases)),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    return response


@login_required
def export_json(request):
    access.require(access.can_export_personal(request.user))
    document = transfer.export_cases(access.exportable_cases(request.user))
    audit.record(request.user, "export", object_type="cases.case",
                 detail={"format": "json", "cases": len(document["cases"])})
    response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=1),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cases.json"'
    return response
