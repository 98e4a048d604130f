"""Thin views of the help directory: public search, entry page, JSON API; edit and verify for staff."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from huquq.ops import fragments

from . import places, search, selectors, services
from .api import entries_payload
from .forms import EntryForm, place_formset

RESULTS_PER_PAGE = 30


@require_GET
def help_search(request):
    """The page's body depends only on the query string, the language and the directory's contents: it is
    cached under these, and a directory edit raises the version in the key (ops.fragments)."""
    html = fragments.cached(
        ("registry.help_search", get_language(), fragments.version(fragments.DIRECTORY),
         tuple(sorted(request.GET.lists()))),
        lambda: _help_search_body(request))
    return render(request, "registry/help/search.html", {"body": mark_safe(html)})  # noqa: S308 - our template


def _help_search_body(request) -> tuple[str, int]:
    result = search.search(request.GET)
    page = Paginator(result.matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "result": result,
        "page": page,
        "sections": result.sections_of(list(page.object_list)),
        "query_string": urlencode(result.raw),
        "services": selectors.services(),
        "countries": [(code, places.country_name(code)) for code in places.form_countries()],
        "languages": [(code, places.language_name(code)) for code in places.form_languages()],
        "cities": places.cities(),
        "request": request,  # for its query string only (links back to this search)
        "LANGUAGE_CODE": get_language(),
    }
    html = render_to_string("registry/help/_search_body.html", context)
    return html, len(html) * 2


def _entry_or_404(slug):
    entry = selectors.public_entry(slug)
    if entry is None:
        raise Http404
    return entry


def _back_query(value: str) -> str:
    """The search the visitor came from, keeping only search parameters."""
    params = QueryDict(value.lstrip("?"))
    kept = {name: params.get(name)[:100] for name in search.PARAMS if params.get(name)}
    return "?" + urlencode(kept) if kept else ""


@require_GET
def help_entry(request, slug):
    entry = _entry_or_404(slug)
    return render(request, "registry/help/entry.html", {
        "entry": entry,
        "can_edit": services.can_edit(request.user, entry),
        "can_verify": services.can_verify(request.user),
        "back": _back_query(request.GET.get("back", "")),
    })


@login_required
def help_edit(request, slug):
    entry = _entry_or_404(slug)
    if not services.can_edit(request.user, entry):
        raise PermissionDenied
    # The form edits its own copy: update_entry compares the stored entry with the cleaned data.
    form = EntryForm(request.POST or None, instance=selectors.public_entry(slug))
    add_row = request.method == "POST" and "add_place" in request.POST
    place_rows = place_formset(request.POST if request.method == "POST" else None, entry=entry, add_row=add_row)
    if request.method == "POST" and not add_row and form.is_valid() and place_rows.is_valid():
        data = {field: form.cleaned_data[field] for field in services.EDITABLE_FIELDS if field in form.cleaned_data}
        services.update_entry(actor=request.user, entry=entry, data=data,
                              services=list(form.cleaned_data["services"]), areas=place_rows.areas())
        messages.success(request, _("The entry was saved."))
        return redirect("registry:help_entry", slug=entry.slug)
    return render(request, "registry/help/edit.html", {"entry": entry, "form": form, "places": place_rows,
                                                       "cities": places.cities()})


@require_POST
@login_required
def help_verify(request, slug):
    entry = _entry_or_404(slug)
    if not services.can_verify(request.user):
        raise PermissionDenied
    services.verify_entry(actor=request.user, entry=entry)
    messages.success(request, _("Marked as verified today."))
    return redirect("registry:help_entry", slug=entry.slug)


@login_required
def my_entry(request):
    entry = selectors.entry_of_organisation(request.user.organisation)
    if entry is None:
        return render(request, "registry/help/no_entry.html", status=200)
    return redirect("registry:help_edit", slug=entry.slug)


@require_GET
def help_api(request):
    payload = entries_payload(request.GET, base_url=request.build_absolute_uri(reverse("registry:help")))
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response
