"""Thin views of the public contract check (issue 20): questionnaire, answer, consent screen, send.

Nothing is stored by the check: the answers travel in the page (a hidden field) until the person consents to
send them to an organisation, or a caseworker opens a case from them.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from huquq.cases import access
from huquq.languages.uz_cyrl import latin_to_cyrillic
from huquq.registry.directory.links import help_search_url
from huquq.rules.engine import contract
from huquq.rules.presentation import source_view

from . import contract_services, selectors
from .contract_forms import PAYMENT_LABELS, TERM_LABELS, ContractCheckForm, SendForm

ACTION_LABELS = {
    "ask_in_writing": gettext_lazy("Ask for this in writing, in the contract, before you sign or leave."),
    "ask_copy": gettext_lazy("Ask for your own signed copy and keep it with you."),
    "ask_translation": gettext_lazy("Ask for a translation into a language you read; do not sign before."),
    "register_with_agency": gettext_lazy("Have the contract notarised and translated, and file it with the "
                                         "Labour Migration Agency."),
    "do_not_pay": gettext_lazy("Do not pay. Ask for the demand in writing and talk to an organisation first."),
    "keep_passport": gettext_lazy("Do not hand over your passport. Keep it, or a copy, with you."),
    "do_not_sign": gettext_lazy("Do not sign. Ask for the terms you were promised in writing."),
}
KIND_LABELS = {"obligation": gettext_lazy("Required"), "right": gettext_lazy("Your right"),
               "risk": gettext_lazy("Risk"), "info": gettext_lazy("Good to know")}


def _lang() -> str:
    return (get_language() or "ru").split("-")[0]


def _row(finding: contract.Finding) -> dict:
    text, text_lang = finding.text, finding.text_lang
    if get_language() == "uz-cyrl" and text_lang == "uz":
        text, text_lang = latin_to_cyrillic(text), "uz-cyrl"
    seen, sources = set(), []
    for s in finding.sources:
        view = source_view(s)
        if (view.label, view.url, view.quote) not in seen:
            seen.add((view.label, view.url, view.quote))
            sources.append(view)
    return {"finding": finding, "text": text, "text_lang": text_lang, "kind": KIND_LABELS.get(finding.kind, ""),
            "action": ACTION_LABELS[finding.action], "sources": sources,
            "missing": [TERM_LABELS[t] for t in finding.missing], "pays": [PAYMENT_LABELS[p] for p in finding.pays]}


def _help_links(answers: contract.Answers) -> list[tuple[str, str]]:
    out = []
    if answers.origin:
        out.append((_("Help before you leave, in your country"),
                    help_search_url(country=answers.origin, service="pre_departure_info")))
    if answers.host:
        out.append((_("Legal advice in the country of work"), help_search_url(country=answers.host,
                                                                              service="legal_advice")))
    if not out:
        out.append((_("Find help"), help_search_url()))
    return out


def _can_open_case(user) -> bool:
    return user.is_authenticated and access.can_create(user) and user.organisation_id is not None


@require_http_methods(["GET", "POST"])
def contract_check(request):
    """Public: the questionnaire (GET) and the answer (POST). Stores nothing."""
    form = ContractCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            answers = form.answers()
        except contract.AnswerError:
            form.add_error(None, _("Please check the answers above."))
        else:
            findings = contract.check(answers, timezone.localdate(), _lang())
            return render(request, "channels/contract_answer.html", {
                "answers": answers, "answers_json": json.dumps(answers.as_dict()),
                "rows": [_row(f) for f in findings], "warnings": contract_services.warnings_for(answers),
                "help_links": _help_links(answers), "can_open_case": _can_open_case(request.user)})
    return render(request, "channels/contract_check.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


def _answers_and_findings(raw: str):
    answers = contract.parse_answers(json.loads(raw))
    return answers, contract.check(answers, timezone.localdate(), _lang())


@require_http_methods(["GET", "POST"])
def contract_send(request):
    """Consent screen (first POST, from the answer page) and sending (POST with consent). Nothing is stored
    unless the consent box is ticked and an organisation chosen. A GET (a bookmark) goes back to the check."""
    if request.method == "GET":
        return redirect("channels:contract_check")
    recipients = selectors.recipients_for("", _lang())
    if "consent_step" not in request.POST:
        form = SendForm(initial={"answers": request.POST.get("answers", "")}, recipients=recipients)
        return render(request, "channels/contract_send.html", {"form": form, "recipients": recipients})
    form = SendForm(request.POST, recipients=recipients)
    if not form.is_valid():
        return render(request, "channels/contract_send.html", {"form": form, "recipients": recipients},
                      status=400)
    answers = form.cleaned_data["answers"]
    recipient = next(r for r in recipients if r.pk == form.cleaned_data["recipient"])
    findings = contract.check(answers, timezone.localdate(), _lang())
    case = contract_services.send_check(recipient, answers, findings, contact=form.cleaned_data["contact"],
                                        consent=form.cleaned_data["consent"])
    return render(request, "channels/contract_sent.html", {"organisation": recipient.organisation,
                                                           "reference": case.reference})


@require_http_methods(["GET", "POST"])
def contract_open_case(request):
    """Staff: a caseworker who did the check with a person opens an intake case from it (POST; a GET goes
    back to the check)."""
    if request.method == "GET":
        return redirect("channels:contract_check")
    if not _can_open_case(request.user):
        raise PermissionDenied
    try:
        answers, findings = _answers_and_findings(request.POST.get("answers", ""))
    except (ValueError, TypeError, AttributeError):
        messages.error(request, _("The answers were damaged; please start the check again."))
        return redirect("channels:contract_check")
    case = contract_services.case_from_check(answers, findings, organisation=request.user.organisation,
                                             actor=request.user)
    return redirect("cases:detail", pk=case.pk)
