"""Thin views: parse the request, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from huquq.accounts import audit
from huquq.accounts.reads import audited_list

from . import access, exports, selectors, services, webform
from .forms import ImportForm, OfficeForm, ScorecardForm, UploadForm, VisitForm
from .imports import ImportProblems
from .models import Office, Submission

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@login_required
def index(request):
    access.require(access.can_see_scorecards(request.user))
    visits = selectors.visits_for(request.user)[:30]
    return render(request, "monitoring/index.html", {
        "visits": visits, "can_enter": access.can_enter(request.user), "can_read": access.can_read(request.user)})


@login_required
def office_list(request):
    access.require(access.can_see_scorecards(request.user))
    return render(request, "monitoring/offices.html", {
        "offices": Office.objects.all(), "can_edit": access.can_edit_offices(request.user),
        "seeded": services.seeded_office_codes()})


@login_required
def office_edit(request, pk=None):
    access.require(access.can_edit_offices(request.user))
    office = get_object_or_404(Office, pk=pk) if pk is not None else None
    if office is not None and office.code in services.seeded_office_codes():
        raise PermissionDenied
    form = OfficeForm(request.POST or None, instance=office)
    if request.method == "POST" and form.is_valid():
        try:
            # the form has already copied its values onto `office`: the service compares with the stored row
            saved = services.save_office(request.user, form.cleaned_data,
                                         office=Office.objects.get(pk=pk) if pk is not None else None)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Office %(name)s saved.") % {"name": saved.name})
            return redirect("monitoring:offices")
    title = _("Edit office") if office is not None else _("Add an office")
    return render(request, "monitoring/form.html", {"form": form, "title": title})


@login_required
def visit_create(request):
    access.require(access.can_enter(request.user))
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.record_visit(request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("date", exc)
        else:
            messages.success(request, _("Visit recorded."))
            return redirect("monitoring:visit_detail", pk=visit.pk)
    return render(request, "monitoring/form.html", {"form": form, "title": _("Record a visit")})


@login_required
def visit_detail(request, pk):
    visit = selectors.visit_for_page(request.user, pk)
    return render(request, "monitoring/visit.html", {
        "visit": visit, "submissions": visit.submissions.select_related("questionnaire"),
        "questionnaires": selectors.questionnaires_for(request.user), "can_enter": access.can_enter(request.user)})


@login_required
@require_POST
def submission_start(request, pk, questionnaire_id):
    access.require(access.can_enter(request.user))
    visit = get_object_or_404(selectors.visits_for(request.user), pk=pk)
    questionnaire = get_object_or_404(selectors.questionnaires_for(request.user), pk=questionnaire_id)
    submission = services.start_submission(request.user, questionnaire=questionnaire, visit=visit)
    return redirect("monitoring:submission_page", pk=submission.pk, page=0)


def _own_submission(user, pk) -> Submission:
    access.require(access.can_enter(user))
    return get_object_or_404(selectors.submissions_for(user).select_related("questionnaire", "visit", "office"),
                             pk=pk)


def _posted(request, page) -> dict:
    posted = {}
    for question in page.questions:
        if question.type == "select all that apply":
            posted[question.name] = request.POST.getlist(question.name)
        else:
            posted[question.name] = request.POST.get(question.name, "")
    return posted


@login_required
def submission_page(request, pk, page):
    submission = _own_submission(request.user, pk)
    spec = services.spec_of(submission.questionnaire)
    if not 0 <= page < len(spec.pages):
        raise Http404
    current = spec.pages[page]
    errors: dict = {}
    values = {} if current.repeat else submission.answers
    if request.method == "POST":
        posted = _posted(request, current)
        errors, next_index = services.save_page(request.user, submission, page, posted,
                                                add_instance="add" in request.POST)
        if not errors:
            if next_index is None:
                messages.success(request, _("Answers saved. The questionnaire is complete."))
                return redirect("monitoring:submission_detail", pk=submission.pk)
            if next_index == page and current.repeat:
                messages.success(request, _("Saved. Enter the next one."))
            return redirect("monitoring:submission_page", pk=submission.pk, page=next_index)
        values = posted
        if next_index != page:
            messages.error(request, _("Some required answers are missing on this page."))
            return redirect("monitoring:submission_page", pk=submission.pk, page=next_index)
    relevant = webform.relevant_pages(spec, submission.answers)
    previous = [i for i in relevant if i < page]
    fields = [{"q": q, "value": values.get(q.name), "error": errors.get(q.name),
               "selected": values.get(q.name) if isinstance(values.get(q.name), list) else [values.get(q.name)]}
              for q in current.questions]
    return render(request, "monitoring/page.html", {
        "submission": submission, "spec": spec, "page": current, "index": page, "fields": fields,
        "page_number": relevant.index(page) + 1 if page in relevant else page + 1, "page_count": len(relevant),
        "previous": previous[-1] if previous else None,
        "instances": submission.answers.get(current.name, []) if current.repeat else []})


@login_required
def submission_detail(request, pk):
    access.require(access.can_read(request.user))
    submission = selectors.submission_for_page(request.user, pk)
    spec = services.spec_of(submission.questionnaire)
    rows = []
    for page in spec.pages:
        if page.repeat:
            for n, instance in enumerate(submission.answers.get(page.name, []), start=1):
                for question in page.questions:
                    if question.name in instance:
                        rows.append((f"{page.label} {n}", question.label, instance[question.name]))
            continue
        for question in page.questions:
            if question.name in submission.answers:
                rows.append((page.label, question.label, submission.answers[question.name]))
    return render(request, "monitoring/submission.html", {"submission": submission, "rows": rows,
                                                          "can_enter": access.can_enter(request.user)})


@login_required
def questionnaire_list(request):
    access.require(access.can_see_scorecards(request.user))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        access.require(access.can_enter(request.user))
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                questionnaire = services.upload_questionnaire(request.user, upload.read(), upload.name)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("file", message)
            else:
                messages.success(request, _("Questionnaire %(title)s saved.") % {"title": questionnaire.title})
                return redirect("monitoring:questionnaires")
    return render(request, "monitoring/questionnaires.html", {
        "questionnaires": selectors.questionnaires_for(request.user), "form": form,
        "can_enter": access.can_enter(request.user)})


@login_required
def questionnaire_download(request, pk):
    questionnaire = get_object_or_404(selectors.questionnaires_for(request.user), pk=pk)
    response = HttpResponse(bytes(questionnaire.source), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{questionnaire.filename}"'
    return response


@login_required
def import_view(request):
    access.require(access.can_enter(request.user))
    form = ImportForm(request.POST or None, request.FILES or None,
                      questionnaires=selectors.questionnaires_for(request.user))
    problems = []
    if request.method == "POST" and form.is_valid():
        files = [(f.name, f.read()) for f in (form.cleaned_data["files"], form.cleaned_data["extra"]) if f]
        try:
            result = services.import_submissions(request.user, form.cleaned_data["questionnaire"], files)
        except ImportProblems as exc:
            problems = [str(p) for p in exc.problems]
        else:
            messages.success(request, _("%(added)s submissions added, %(there)s were already there.") % {
                "added": result["added"], "there": result["already_there"]})
            return redirect("monitoring:import")
    return render(request, "monitoring/import.html", {"form": form, "problems": problems})


def _scorecard_request(request):
    form = ScorecardForm(request.GET or None, questionnaires=selectors.questionnaires_for(request.user),
                         offices=selectors.offices_for_scorecard(request.user))
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    card = selectors.scorecard(request.user, data["questionnaire"],
                               office_code=data["office"].code if data["office"] else None,
                               date_from=data["date_from"], date_to=data["date_to"])
    return form, card


@login_required
@audited_list("monitoring.scorecard", keep=("questionnaire", "office", "date_from", "date_to"), only_searches=True)
def scorecard_view(request):
    access.require(access.can_see_scorecards(request.user))
    form, card = _scorecard_request(request)
    context = {"form": form, "card": card, "query": request.GET.urlencode()}
    if card is not None:
        indicator = request.GET.get("indicator") or (card.indicators[0][0] if card.indicators else "")
        table = []
        for office in card.offices:
            for period in card.periods:
                if (office.code, period) in card.responses:
                    table.append({"office": office, "period": period, "n": card.responses[(office.code, period)],
                                  "figures": [(label, exports.figure_text(card.figure(office.code, period, name)))
                                              for name, label, _kind in card.indicators]})
        context.update(table=table, indicator=indicator,
                       chart=exports.chart_svg(card, indicator) if card.offices and indicator else "")
    return render(request, "monitoring/scorecard.html", context)


@login_required
def scorecard_download(request, fmt):
    access.require(access.can_see_scorecards(request.user))
    if fmt not in FORMATS:
        raise Http404
    _form, card = _scorecard_request(request)
    if card is None:
        raise Http404
    audit.record(request.user, "export", object_type="monitoring.scorecard",
                 detail={"questionnaire": card.questionnaire.form_id, "format": fmt})
    body = exports.csv_bytes(card) if fmt == "csv" else exports.xlsx_bytes(card)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="scorecard-{card.questionnaire.form_id}.{fmt}"'
    return response
