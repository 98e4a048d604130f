"""Thin views: public reference statistics; staff-only case statistics (suppressed, audited)."""

from __future__ import annotations

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from huquq.accounts import audit
from huquq.accounts.reads import audited_list
from huquq.accounts.tenancy import role_required

from . import charts, selectors, shadow
from .exports import csv_lines, xlsx_bytes
from .facts import outcome_facts, sees_exact_counts, violation_facts
from .forms import CaseStatisticsForm, PeriodForm
from .models import Indicator, ReferenceTable
from .statistics import Filters, case_table, outcome_summary, shadow_category_table

STATISTICS_ROLES = ("analyst", "org_admin", "caseworker", "lawyer")
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _download(rows, title, notes, fmt, filename):
    if fmt not in FORMATS:
        raise Http404
    if fmt == "csv":  # streamed line by line
        response = StreamingHttpResponse(csv_lines(rows, notes), content_type=FORMATS[fmt])
    else:
        response = HttpResponse(xlsx_bytes(rows, title, notes), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def index(request):
    user = request.user
    staff = user.is_authenticated and (user.is_superuser or user.has_role(*STATISTICS_ROLES))
    return render(request, "reports/index.html", {"staff": staff, "tables": selectors.reference_tables()})


# ----------------------------------------------------------------------------------- reference (public)

def reference_list(request):
    return render(request, "reports/reference_list.html", {
        "tables": selectors.reference_tables(), "indicators": selectors.indicators_with_counts()})


def reference_table(request, code):
    table = get_object_or_404(ReferenceTable, code=code)
    return render(request, "reports/reference_table.html", {
        "table": table, "grid": selectors.table_grid(table),
        "observations": table.observations.select_related("indicator"),
        "chart": selectors.reference_chart_svg(table)})


def reference_download(request, code, fmt):
    table = get_object_or_404(ReferenceTable, code=code)
    rows = selectors.observation_export_rows(table.observations.select_related("indicator", "table"))
    notes = [f"{table.title} — {table.seed_file}", f"{_('Original publisher')}: {table.publisher}",
             *[n["message"] for n in table.check_notes]]
    return _download(rows, table.title, notes, fmt, table.code)


def indicator(request, code):
    item = get_object_or_404(Indicator, code=code)
    return render(request, "reports/indicator.html", {"indicator": item, "comparisons": selectors.comparisons(item)})


def comparisons_view(request):
    return render(request, "reports/comparisons.html", {"comparisons": selectors.comparisons(only_conflicts=True)})


# ----------------------------------------------------------------------------------- case statistics (staff)

def _case_request(request):
    form = CaseStatisticsForm(request.GET or {"rows": "violation_type", "columns": "sex"})
    if not form.is_valid():
        return form, None, None
    return form, form.cleaned_data["dimensions"], form.filters()


@role_required(*STATISTICS_ROLES)
@audited_list("reports.case_statistics", keep=("rows", "rows2", "columns", "year_from", "year_to", "verified_only"),
              only_searches=True)
def case_statistics(request):
    form, dimensions, filters = _case_request(request)
    context = {"form": form}
    if dimensions:
        facts = violation_facts(request.user)
        exact = sees_exact_counts(request.user)
        table = case_table(facts, dimensions, filters, exact=exact)
        title = " × ".join(table.row_headers + ([table.column_header] if table.column else []))
        context.update(table=table, title=title, chart=charts.case_table_svg(table, title),
                       query=request.GET.urlencode(), exact=exact)
    return render(request, "reports/case_statistics.html", context)


@role_required(*STATISTICS_ROLES)
def case_statistics_download(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    form, dimensions, filters = _case_request(request)
    if not dimensions:
        raise Http404
    facts = violation_facts(request.user)
    table = case_table(facts, dimensions, filters)
    audit.record(request.user, "export", object_type="reports.case_statistics",
                 detail={"dimensions": dimensions, "format": fmt})
    notes = [_("Cells from 1 to 4 are shown as <5; cells marked x are hidden so that a small cell cannot be "
               "worked out from the totals.")]
    return _download(table.matrix(), " × ".join(dimensions), notes, fmt, slugify("-".join(dimensions)))


def _shadow_context(request, exact: bool = False):
    form = PeriodForm(request.GET)
    filters = form.filters() if form.is_valid() else Filters()
    facts = violation_facts(request.user)
    categories = shadow_category_table(facts, filters, exact=exact)
    outcomes = outcome_summary(outcome_facts(request.user), filters, exact=exact)
    return form, filters, categories, outcomes


@role_required(*STATISTICS_ROLES)
@audited_list("reports.shadow_tables", keep=("year_from", "year_to", "verified_only"))
def shadow_tables(request):
    exact = sees_exact_counts(request.user)
    form, filters, categories, outcomes = _shadow_context(request, exact=exact)
    title = _("Violations of labour rights by category and sex")
    remedies_title = _("Access to remedies, by sex")
    return render(request, "reports/shadow_tables.html", {
        "form": form, "categories": categories, "outcomes": outcomes, "query": request.GET.urlencode(),
        "chart": charts.case_table_svg(categories, title), "title": title, "exact": exact,
        "remedies_title": remedies_title, "remedies_chart": charts.case_table_svg(outcomes.remedies, remedies_title),
        "report_formats": shadow.RENDERERS})


@role_required(*STATISTICS_ROLES)
def shadow_download(request, which, fmt):
    if fmt not in FORMATS or which not in ("categories", "remedies", "wages"):
        raise Http404
    _form, _filters, categories, outcomes = _shadow_context(request)
    if which == "categories":
        rows = categories.matrix()
    elif which == "remedies":
        rows = outcomes.remedies.matrix()
    else:
        rows = [[_("Currency"), _("Cases"), _("Wages recovered")]] + \
               [[w.currency, w.cases_display, w.amount if w.amount is not None else "x"] for w in outcomes.wages]
    audit.record(request.user, "export", object_type="reports.shadow_tables", detail={"table": which, "format": fmt})
    return _download(rows, which, [], fmt, f"shadow-{which}")


@role_required(*STATISTICS_ROLES)
def shadow_report(request, fmt):
    """The assembled shadow report (the same builder as `huquq report shadow`), for publication: suppressed."""
    if fmt not in shadow.RENDERERS:
        raise Http404
    form = PeriodForm(request.GET)
    filters = form.filters() if form.is_valid() else Filters()
    violations, outcomes = shadow.load_facts(request.user)
    date_from, date_to = shadow.period(violations, filters.year_from, filters.year_to)
    report = shadow.build(violations, outcomes, date_from, date_to, request.LANGUAGE_CODE,
                          monitoring_user=request.user)
    audit.record(request.user, "export", object_type="reports.shadow_report",
                 detail={"from": str(date_from), "to": str(date_to), "format": fmt})
    response = HttpResponse(shadow.RENDERERS[fmt](report), content_type=shadow.CONTENT_TYPES[fmt])
    if fmt != "html":
        filename = f"shadow-report-{date_from}-{date_to}-{request.LANGUAGE_CODE}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
