"""How an answer is shown to a migrant: a summary of dated deadlines, items grouped by what they ask of the
reader and by topic, and sources named the way a reader recognises them (report title, publisher and year; a
law's name; a page's title and publisher) — the seed file name and the quoted passage are for staff."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .engine import Answer, Item
from .engine.model import TOPICS, Source

# The five seed reports, as their title pages name them.
SEED_REPORTS = {
    "000_08e710d63eae9192.txt": ("The Rights of Migrant Workers from Former Soviet Countries: Real-Life Challenges "
                                 "and Unfulfilled Obligations", "ADC Memorial", 2016),
    "001_1d57c263cde623bd.txt": ("Protecting the Rights of Kyrgyz Migrants (briefing document)",
                                 "Tian Shan Policy Center", 2012),
    "002_833f41cdaa839972.txt": ("Shadow report on implementation of the Global Compact for Safe, Orderly and "
                                 "Regular Migration in the Central Asian region",
                                 "Solidarity Center, ILI, Insan Leilek, KIBHR, Migrant Workers' Union of Kyrgyzstan",
                                 2020),
    "003_7d9f1d547931b5c5.txt": ("In Search of Better Lives: Analyzing Post-Soviet Migration from Tajikistan to "
                                 "Russia", "Nodira Davlyatova, Kansas State University (MA thesis)", 2014),
    "004_67cb893f4e659152.txt": ("Report on the monitoring of consular services of the Kyrgyz Republic in the "
                                 "Russian Federation and the Republic of Kazakhstan", "Bir Duino Kyrgyzstan", 2013),
}

SECTIONS = (
    ("must", _("What you must do"), ("conflict", "obligation")),
    ("risks", _("Risks"), ("risk",)),
    ("rights", _("Your rights"), ("right",)),
    ("info", _("Good to know"), ("info",)),
)


def relative_days(days: int) -> str:
    if days == 0:
        return str(_("today"))
    if days > 0:
        return ngettext("in %(n)d day", "in %(n)d days", days) % {"n": days}
    return ngettext("%(n)d day ago", "%(n)d days ago", -days) % {"n": -days}


@dataclass
class SourceView:
    label: str  # what a reader sees: title, publisher, year / law and article
    url: str = ""
    staff_label: str = ""  # the seed file name or the page address, for staff
    quote: str = ""


def seed_label(document: str) -> str:
    """A seed report as a reader knows it: "title, publisher, year" (the file name when it is not one)."""
    title, publisher, year = SEED_REPORTS.get(document, (document, "", None))
    return ", ".join(str(x) for x in (title, publisher, year) if x)


def source_view(source: Source) -> SourceView:
    if source.kind == "seed":
        return SourceView(label=seed_label(source.document), staff_label=source.document, quote=source.quote)
    if source.kind == "law":
        label = source.document + (f", {_('Article')} {source.article}" if source.article else "")
        return SourceView(label=label, url=source.url, staff_label=source.document, quote=source.quote)
    year = (source.published or source.retrieved).year
    label = ", ".join(x for x in (source.title, source.publisher, str(year)) if x)
    return SourceView(label=label, url=source.url, staff_label=source.url, quote=source.quote)


@dataclass
class Row:
    item: Item
    sources: list[SourceView]
    relative: str = ""
    alternatives: list[dict] = field(default_factory=list)


def _row(item: Item) -> Row:
    alternatives = [dict(a, source_views=[_source_from_dict(s) for s in a.get("sources", [])],
                         due_date=date.fromisoformat(a["due"]) if a.get("due") else None)
                    for a in item.alternatives]
    # one entry per distinct source (a rule may quote the same page twice)
    seen, views = set(), []
    for s in item.sources:
        v = source_view(s)
        if (v.label, v.url) not in seen:
            seen.add((v.label, v.url))
            views.append(v)
    return Row(item=item, sources=views,
               relative=relative_days(item.days_left) if item.days_left is not None else "",
               alternatives=alternatives)


def _source_from_dict(d: dict) -> SourceView:
    if "retrieved" in d:
        year = (d.get("published") or d["retrieved"])[:4]
        label = ", ".join(x for x in (d.get("title"), d.get("publisher"), year) if x)
        return SourceView(label=label, url=d.get("url", ""), staff_label=d.get("url", ""), quote=d.get("quote", ""))
    if "article" in d:
        return SourceView(label=f"{d['document']}, {_('Article')} {d['article']}", url=d.get("url") or "",
                          staff_label=d["document"], quote=d.get("quote", ""))
    title, publisher, year = SEED_REPORTS.get(d["document"], (d["document"], "", None))
    return SourceView(label=", ".join(str(x) for x in (title, publisher, year) if x), staff_label=d["document"],
                      quote=d.get("quote", ""))


def summary(answer: Answer) -> list[Row]:
    """Dated deadlines that ask something of the reader: overdue ones first, then by date."""
    dated = [i for i in answer.items if i.due and i.kind in ("obligation", "conflict")]
    dated.sort(key=lambda i: (not i.overdue, i.due))
    return [_row(i) for i in dated]


def sections(answer: Answer) -> list[dict]:
    """Must-do, risks, rights and good-to-know items, each section grouped by topic in the engine's order."""
    out = []
    for key, title, kinds in SECTIONS:
        items = [i for i in answer.items if i.kind in kinds]
        if not items:
            continue
        by_topic: dict[str, list[Row]] = {}
        for item in sorted(items, key=lambda i: TOPICS.index(i.topic)):
            by_topic.setdefault(item.topic, []).append(_row(item))
        out.append({"key": key, "title": title, "topics": list(by_topic.items())})
    return out


def not_covered(answer: Answer) -> list[Item]:
    return [i for i in answer.items if i.kind == "not_covered"]
