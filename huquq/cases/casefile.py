"""The printable case file (for a labour inspectorate, a court or a consular lawyer): one structure built
once, masked per reader, and written as an HTML print view (template cases/case_file.html) or a PDF
(fpdf2 with the DejaVu font the shadow report uses; it covers Russian, Kyrgyz, Tajik and Uzbek Cyrillic).

Masking follows `access.visible_groups`: a reader sees only the field groups they may see; people are named
only for readers who may see identities, otherwise by their pseudonymous code. Reading the file is
recorded in the audit log by the view (`services.record_case_file_read`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from huquq.languages import formatting

from . import access, countries, latepay, regions, selectors, services
from .forms import person_label
from .vocab import provisions_for


@dataclass
class Item:
    title: str
    pairs: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Section:
    key: str
    heading: str
    pairs: list[tuple[str, str]] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty: str = ""


@dataclass
class CaseFile:
    reference: str
    title: str
    printed: str
    masked_note: str
    sections: list[Section]


def _d(value) -> str:
    if not value:
        return "—"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return formatting.date(value, format="medium")


def _money(amount, currency) -> str:
    return formatting.money(amount, currency)


def units(value) -> str:
    """Months, days or hours worked for people: «2», «1,45» (not «2,0000»)."""
    from decimal import ROUND_HALF_UP, Decimal

    return formatting.number(Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP).normalize())


def _place(country: str, region: str, city: str) -> str:
    lang = get_language()
    parts = [countries.name(country, lang) if country else "", regions.name(region, lang) if region else "", city]
    return ", ".join(p for p in parts if p) or "—"


def build(user, case, *, today: datetime.date | None = None) -> CaseFile:
    groups = access.visible_groups(user, case)
    owner = access.is_owner(user, case)
    today = today or timezone.localdate()
    sections = [_summary(case, groups, owner)]
    if access.shows_persons(groups):
        sections.append(_people(case, groups))
    if access.shows_timeline(groups):
        timeline = access.filter_timeline(selectors.timeline(case), groups)
        sections.append(_timeline(timeline, groups))
        if "violations" in groups:
            sections.append(_violations([i["obj"] for i in timeline if i["kind"] == "violation"]))
    if "actions" in groups:
        sections.append(_wages(case, today))
    if owner:
        sections.append(_deadlines(case))
    hidden = sorted(set(access.ALL_GROUPS) - set(groups))
    masked = (_("Left out because you may not see them: %(groups)s.") % {"groups": ", ".join(
        str(dict(_group_labels()).get(g, g)) for g in hidden)}) if hidden else ""
    title = case.title if "summary" in groups else ""
    printed = _("Printed on %(date)s by %(user)s.") % {"date": _d(today), "user": user.get_username()}
    return CaseFile(case.reference, title, printed, masked, [s for s in sections if s is not None])


def _group_labels():
    from .models import FieldGroup

    return FieldGroup.choices


def _summary(case, groups, owner) -> Section | None:
    if "summary" not in groups:
        return None
    pairs = [(_("Organisation"), case.organisation.name), (_("Status"), str(case.get_status_display())),
             (_("Opened"), _d(case.opened_on)), (_("Closed"), _d(case.closed_on)),
             (_("Place"), _place(case.host_country, case.host_region, case.host_city))]
    if owner:
        pairs.append((_("Assigned to"), str(case.assigned_to or "—")))
    return Section("summary", _("About the case"), pairs=pairs, notes=[case.summary] if case.summary else [])


def _people(case, groups) -> Section:
    items = []
    lang = get_language()
    for p in case.persons.all():
        pairs = [(_("Code"), p.code), (_("Role"), str(p.get_role_display()))]
        if "identity" in groups:
            pairs += [(_("Name"), p.name or "—"), (_("Date of birth"), _d(p.birth_date))]
        if "contact" in groups:
            pairs.append((_("Phone"), p.phone or "—"))
        if "passport" in groups:
            pairs.append((_("Passport"), p.passport or "—"))
        if "profile" in groups:
            pairs += [(_("Sex"), str(p.get_sex_display())), (_("Age group"), str(p.get_age_group_display())),
                      (_("Citizenship"), countries.name(p.citizenship, lang) if p.citizenship else "—"),
                      (_("Languages"), p.languages or "—"),
                      (_("Legal status at the time"), "; ".join([
                          f"{_('migration card')}: {p.get_migration_card_display()}",
                          f"{_('registration')}: {p.get_registration_display()}",
                          f"{_('patent or permit')}: {p.get_work_permit_display()}",
                          f"{_('entry ban')}: {p.get_entry_ban_display()}"]))]
        items.append(Item(person_label(p, groups), pairs))
    return Section("people", _("People"), items=items, empty=_("No people recorded."))


def _violation_item(v, groups) -> Item:
    pairs = [(_("Period"), f"{_d(v.started_on)} — {_d(v.ended_on)}" if v.ended_on else _d(v.started_on))]
    if v.victim_id and access.shows_persons(groups):
        pairs.append((_("Victim"), person_label(v.victim, groups)))
    if v.employer_id:
        pairs.append((_("By"), str(v.employer)))
    elif v.state_actor:
        pairs.append((_("By"), str(v.get_state_actor_display())))
    pairs.append((_("Place"), _place(v.country, v.region, v.city)))
    pairs.append((_("Verified"), _("yes") if v.verified else _("no")))
    notes = [v.description] if v.description else []
    notes += v.evidence_links.splitlines() if v.evidence_links else []
    return Item(_("Violation: %(type)s") % {"type": v.type_label}, pairs, notes)


def _timeline(items, groups) -> Section:
    out = []
    for entry in items:
        obj = entry["obj"]
        if entry["kind"] == "violation":
            item = _violation_item(obj, groups)
        elif entry["kind"] == "action":
            item = Item(_("Action: %(kind)s") % {"kind": obj.get_kind_display()},
                        [(_("Period"), f"{_d(obj.started_on)} — {_d(obj.ended_on)}" if obj.ended_on
                          else _d(obj.started_on)), (_("Result"), str(obj.get_result_display()))],
                        [obj.note] if obj.note else [])
        else:
            pairs = [(_("Date"), _d(obj.achieved_on))]
            if obj.amount:
                pairs.append((_("Amount"), _money(obj.amount, obj.currency or "RUB")))
            item = Item(_("Outcome: %(kind)s") % {"kind": obj.get_kind_display()}, pairs,
                        [obj.note] if obj.note else [])
        item.title = f"{_d(entry['date'])} · {item.title}"
        out.append(item)
    return Section("timeline", _("Timeline"), items=out, empty=_("Nothing recorded yet."))


def _violations(violations) -> Section:
    items = []
    for v in violations:
        notes = []
        for p in provisions_for(v.type):
            article = f", {_('art.')} {p.article}" if p.article else ""
            notes.append(f"{p.instrument_name}{article} — «{p.source.quote}»")
        items.append(Item(v.type_label, [(_("Period"), _d(v.started_on))],
                          notes or [_("No legal instrument is recorded for this violation type.")]))
    return Section("violations", _("Violations and the legal instruments they engage"), items=items,
                   empty=_("No violations recorded."))


def wage_item(claim, calc, late) -> Item:
    """One wage claim for people: amounts in the page language's format, months as «2» or «1,45»."""
    cur = calc.currency
    worked = f"{units(calc.units_worked)} ({claim.get_unit_display()})"
    if claim.period_start:
        worked += f", {_d(claim.period_start)} — {_d(claim.period_end)}"
    pairs = [(_("Agreed wage"), f"{_money(claim.agreed_wage, cur)} {claim.get_unit_display()}"),
             (_("Worked"), worked), (_("Wages due"), _money(calc.base_due, cur)),
             (_("Overtime due"), _money(calc.overtime_due, cur)), (_("Already paid"), _money(calc.paid, cur)),
             (_("Owed"), _money(calc.owed, cur))]
    notes = []
    if late is not None:
        pairs.append((_("Wages were due on"), _d(claim.due_on)))
        pairs.append((_("Paid in full on"), _d(claim.settled_on) if claim.settled_on else
                      _("not yet (counted until %(date)s)") % {"date": _d(late.until)}))
        if late.result is not None:
            r = late.result
            pairs.append((_("Compensation for late payment (minimum)"), _money(r.amount, cur)))
            pairs.append((_("Owed with compensation"), _money(calc.owed + r.amount, cur)))
            for p in r.periods:
                notes.append(_("%(start)s — %(end)s: %(days)s days × %(amount)s × %(rate)s%% ÷ 150 "
                               "(key rate decided on %(decided)s; %(source)s)") % {
                    "start": _d(p.start), "end": _d(p.end), "days": p.days, "amount": _money(calc.owed, cur),
                    "rate": formatting.number(p.rate), "decided": _d(p.decision.decided_on),
                    "source": p.decision.url})
            notes.append(_("Russian Labour Code Art. 236: the employer pays interest “%(quote)s” (%(source)s).")
                         % {"quote": latepay.ARTICLE_236, "source": latepay.ARTICLE_236_SOURCE})
        else:
            notes.append(late.refusal)
    if claim.note:
        notes.append(claim.note)
    return Item(_("Wage claim in %(currency)s") % {"currency": cur}, pairs, notes)


def _wages(case, today) -> Section:
    rows = services.wage_claims_with_compensation(case, today=today)
    items = [wage_item(claim, calc, late) for claim, calc, late in rows]
    totals: dict[str, object] = {}
    for _claim, calc, late in rows:  # currencies are never added together
        extra = late.result.amount if late is not None and late.result is not None else 0
        totals[calc.currency] = totals.get(calc.currency, 0) + calc.owed + extra
    pairs = [(_("Total owed in %(currency)s") % {"currency": cur}, _money(total, cur))
             for cur, total in sorted(totals.items())]
    return Section("wages", _("Wage claim"), pairs=pairs, items=items, empty=_("No wage claim calculated yet."))


def _deadlines(case) -> Section:
    items = [Item(f"{_d(d.due_on)} — {d.title}", [(_("Done"), _d(d.done_on) if d.done_on else _("open"))])
             for d in case.deadlines.all()]
    return Section("deadlines", _("Deadlines"), items=items, empty=_("No deadlines."))


# --- PDF -------------------------------------------------------------------------------------------

def render_pdf(casefile: CaseFile) -> bytes:
    from fpdf import FPDF

    from huquq.text.fonts import dejavu_paths

    regular, bold = dejavu_paths()
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.add_page()

    def text(value, size=9.5, style="", height=5):
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(0, height, value, new_x="LMARGIN", new_y="NEXT", align="L")

    text(f"{casefile.reference}{': ' + casefile.title if casefile.title else ''}", 15, "B", 7)
    text(casefile.printed, 8.5)
    if casefile.masked_note:
        text(casefile.masked_note, 8.5)
    for section in casefile.sections:
        pdf.ln(2)
        text(section.heading, 12, "B", 7)
        for label, value in section.pairs:
            text(f"{label}: {value}")
        for note in section.notes:
            text(note)
        for item in section.items:
            pdf.ln(1)
            text(item.title, 10, "B")
            for label, value in item.pairs:
                text(f"{label}: {value}", 9)
            for note in item.notes:
                text(note, 8.5, height=4.5)
        if not (section.pairs or section.items or section.notes) and section.empty:
            text(section.empty)
    return bytes(pdf.output())
