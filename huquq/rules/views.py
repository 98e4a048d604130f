from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from huquq.accounts.tenancy import role_required
from huquq.languages.uz_cyrl import latin_to_cyrillic
from huquq.ops import fragments

from . import presentation, services
from .calendar import answer_to_ics
from .engine import ProfileError, evaluate, parse_profile
from .forms import ENGINE_FIELD_ERRORS, ReviewForm, RuleChangeForm, StatusForm, region_options
from .models import RuleChange
from .selectors import changes_for_review, current_rulebook, rule_as_yaml, rulebook_version

KIND_LABELS = {
    "obligation": gettext_lazy("You must"), "right": gettext_lazy("Your right"), "risk": gettext_lazy("Risk"),
    "info": gettext_lazy("Good to know"),
    "conflict": gettext_lazy("Sources disagree"), "not_covered": gettext_lazy("Not covered"),
}

TOPIC_LABELS = {
    "registration": gettext_lazy("Registration"), "work_authorization": gettext_lazy("Permission to work"),
    "expulsion": gettext_lazy("Expulsion"), "entry_ban": gettext_lazy("Entry ban"),
    "activity_ban": gettext_lazy("Banned kinds of work"), "entry_document": gettext_lazy("Documents for entry"),
    "job_change": gettext_lazy("Losing or changing a job"), "family": gettext_lazy("Family and children"),
    "complaint": gettext_lazy("Complaints"), "pension": gettext_lazy("Pension"),
    "consular": gettext_lazy("Consulate"), "labour_contract": gettext_lazy("Labour contract"),
    "labour_rights": gettext_lazy("Rights at work"), "stay": gettext_lazy("Length of stay"), "health": gettext_lazy("Health care"),
}
DOCUMENT_LABELS = {
    "patent": gettext_lazy("patent (work licence)"), "work_permit": gettext_lazy("work permit"),
    "labour_contract": gettext_lazy("labour contract"), "registration": gettext_lazy("migration registration"),
    "migration_card": gettext_lazy("migration card"), "foreign_passport": gettext_lazy("foreign passport"),
    "language_certificate": gettext_lazy("language, history and law certificate"),
    "consular_registration": gettext_lazy("consular registration"),
    "residence_permit": gettext_lazy("residence permit"), "none": gettext_lazy("no document needed"),
    "return_certificate": gettext_lazy("certificate for return"),
}
LABELS = {"kind_labels": KIND_LABELS, "topic_labels": TOPIC_LABELS, "document_labels": DOCUMENT_LABELS}


def _lang():
    return (get_language() or "ru").split("-")[0]


def _in_page_script(answer):
    """Uzbek Cyrillic pages get the engine's Uzbek (Latin) wording transliterated; other texts are kept."""
    if get_language() != "uz-cyrl":
        return answer
    for item in answer.items:
        if item.text_lang == "uz":
            item.text, item.text_lang = latin_to_cyrillic(item.text), "uz-cyrl"
        item.notice = latin_to_cyrillic(item.notice)
        item.alternatives = tuple({**alt, "text": latin_to_cyrillic(alt["text"]), "text_lang": "uz-cyrl"}
                                  if alt.get("text_lang") == "uz" else alt for alt in item.alternatives)
    return answer


# The status page's body is cached with this in place of the CSRF token; each response gets its own token.
CSRF_SLOT = "huquq-csrf-token-slot"


def _evaluated(form, key=None):
    """The answer to a valid form, or None after adding the engine's complaint to the form."""
    try:
        profile, as_of = parse_profile(form.profile(), form.cleaned_data["as_of"])
        return _in_page_script(evaluate(profile, as_of, _lang(), rulebook=current_rulebook(key)))
    except ProfileError as exc:
        field, msg = ENGINE_FIELD_ERRORS.get(exc.field.split(".")[0].split("[")[0], (None, None))
        form.add_error(field, msg or _("Please check the answers above."))
        return None


def _status_body(data, staff: bool, rulebook_key: tuple) -> tuple[tuple[str, int], int]:
    """The page's content for the submitted values (None: the empty form): (html, status), size."""
    form = StatusForm(data)
    answer = _evaluated(form, rulebook_key) if data is not None and form.is_valid() else None
    context = {"form": form, "regions": region_options(_lang()), "csrf_token": CSRF_SLOT, "staff": staff,
               "LANGUAGE_CODE": get_language(),
               **LABELS}
    if answer is not None:
        context.update(answer=answer, dated=[i for i in answer.items if i.due and not i.overdue],
                       summary=presentation.summary(answer), sections=presentation.sections(answer),
                       not_covered=presentation.not_covered(answer))
    html = render_to_string("rules/_status_body.html", context)
    return (html, 400 if data is not None and answer is None else 200), len(html) * 2


@require_http_methods(["GET", "POST"])
def status_page(request):
    """Public: the questionnaire and the answer (HTML, printable HTML or .ics).

    The HTML page's body depends only on the submitted values, the language, the date, the rulebook in force
    and whether a staff member asks (rule ids shown): it is cached under exactly these (ops.fragments)."""
    fmt = request.POST.get("format", "html") if request.method == "POST" else "html"
    if fmt != "html":
        return _status_download(request, fmt)
    data = request.POST if request.method == "POST" else None
    values = None if data is None else tuple(sorted(
        (name, tuple(items)) for name, items in data.lists() if name != "csrfmiddlewaretoken"))
    staff = request.user.is_authenticated
    rulebook_key = rulebook_version()
    html, status = fragments.cached(
        ("rules.status", get_language(), date.today().isoformat(), rulebook_key, staff, values),
        lambda: _status_body(data, staff, rulebook_key))
    return _status_response(request, html, status)


def _status_response(request, html: str, status: int):
    body = mark_safe(html.replace(CSRF_SLOT, get_token(request)))  # noqa: S308 - rendered by our template
    return render(request, "rules/status.html", {"body": body}, status=status)


def _status_download(request, fmt: str):
    form = StatusForm(request.POST)
    answer = _evaluated(form) if form.is_valid() else None
    if answer is None:
        (html, status), _size = _status_body(request.POST, request.user.is_authenticated, rulebook_version())
        return _status_response(request, html, status)
    if fmt == "ics":
        body = answer_to_ics(answer, _("Huquq: my deadlines"), describe=lambda s: presentation.source_view(s).label)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="huquq-status-{answer.as_of}.ics"'
        return response
    return render(request, "rules/status_print.html", {
        "answer": answer, "summary": presentation.summary(answer), "sections": presentation.sections(answer),
        "not_covered": presentation.not_covered(answer), "staff": request.user.is_authenticated, **LABELS})


@role_required("lawyer", "org_admin")
def change_list(request):
    return render(request, "rules/change_list.html", {"changes": changes_for_review()[:200],
                                                      "can_propose": request.user.is_superuser
                                                      or request.user.has_role("lawyer")})


@role_required("lawyer")
def change_new(request):
    initial = {}
    if request.method == "GET" and request.GET.get("rule"):
        initial["body"] = rule_as_yaml(request.GET["rule"])
    form = RuleChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_change(request.user, form.cleaned_data["body"], form.cleaned_data["rationale"])
        except ValidationError as exc:
            for msg in exc.messages:
                form.add_error("body", msg)
        else:
            messages.success(request, _("Change proposed; another lawyer or an administrator must approve it."))
            return redirect("rules:changes")
    return render(request, "rules/change_form.html", {"form": form})


@role_required("lawyer", "org_admin")
def change_detail(request, pk):
    change = get_object_or_404(RuleChange.objects.select_related("proposed_by", "reviewed_by"), pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_change(request.user, change, approve=request.POST.get("decision") == "approve",
                                   note=form.cleaned_data["note"])
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("You may not review this change."))
        except ValidationError as exc:
            for msg in exc.messages:
                form.add_error(None, msg)
        else:
            messages.success(request, _("Review saved."))
            return redirect("rules:changes")
    return render(request, "rules/change_detail.html", {"change": change, "form": form,
                                                        "can_review": change.proposed_by_id != request.user.pk})
