"""Public pages of the warnings list: no login, no JavaScript, nothing about victims or cases."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from huquq.cases.vocab import violation_types
from huquq.ops import fragments

from . import warnings as warnings_list
from .forms import WarningSearchForm


def violation_label(code: str) -> str:
    """The casework vocabulary's label for a violation type (the code itself for a retired or unknown one)."""
    term = violation_types().get(code)
    return str(term.label) if term else code.replace("_", " ")


def _rule() -> dict:
    return {"min_verified_violations": warnings_list.min_violations(),
            "min_reporters": warnings_list.min_reporters(),
            "right_of_reply_days": warnings_list.reply_days()}


def _with_labels(warning):
    warning.violations = [(violation_label(code), count) for code, count in warning.violation_counts]
    return warning


def warnings_index(request):
    """The page's body depends only on the query string, the language, the date (the reply window) and the
    list's data (employers and casework): cached under these, with the data's version (ops.fragments)."""
    html = fragments.cached(
        ("registry.warnings", get_language(), timezone.localdate().isoformat(),
         fragments.version(fragments.WARNINGS), tuple(sorted(request.GET.lists()))),
        lambda: _warnings_body(request))
    return render(request, "registry/employers/warnings_index.html",
                  {"body": mark_safe(html)})  # noqa: S308 - rendered by our template


def _warnings_body(request) -> tuple[str, int]:
    form = WarningSearchForm(request.GET or None)
    query = ""
    results = None
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            results = [(_with_labels(w), score) for w, score in warnings_list.search_published(query)]
    listed = [_with_labels(w) for w in warnings_list.published_warnings()]
    html = render_to_string("registry/employers/_warnings_body.html", {
        "form": form, "query": query, "results": results, "listed": listed, "rule": _rule(),
        "LANGUAGE_CODE": get_language()})
    return html, len(html) * 2


def warning_detail(request, pk: int):
    warning = warnings_list.published_warning(pk)
    if warning is None:
        raise Http404
    return render(request, "registry/employers/warning_detail.html", {"warning": _with_labels(warning)})


def warnings_feed(request):
    items = []
    for w in warnings_list.published_warnings():
        items.append({
            "id": w.entity_id,
            "name": w.name,
            "legal_form": w.legal_form,
            "kind": w.kind,
            "city": w.city,
            "other_names": w.other_names,
            "violations": [{"type": code, "label": violation_label(code), "count": count}
                           for code, count in w.violation_counts],
            "first_date": w.first_date.isoformat() if w.first_date else None,
            "last_date": w.last_date.isoformat() if w.last_date else None,
            "right_of_reply": {
                "notice_sent_on": w.notice_sent_on.isoformat() if w.notice_sent_on else None,
                "response": w.response_text,
                "response_received_on": w.response_received_on.isoformat() if w.response_received_on else None,
            },
            "correction": w.correction,
            "corrected_at": w.corrected_at.isoformat() if w.corrected_at else None,
            "url": request.build_absolute_uri(reverse("registry:warning", args=[w.entity_id])),
        })
    return JsonResponse({
        "generated_at": timezone.now().isoformat(),
        "note": _("Not being on this list does not mean an employer is safe."),
        "rule": _rule(),
        "warnings": items,
    }, json_dumps_params={"ensure_ascii": False})
