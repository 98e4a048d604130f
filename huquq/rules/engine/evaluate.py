"""Evaluate a profile on a date against the rulebook: obligations, rights, risks, conflicts, gaps."""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import MISSING, fields
from datetime import date, timedelta
from typing import Any

from .countries import REGION_RE, country_codes
from .model import (
    DOCUMENT_TYPES,
    EMPLOYMENT,
    ORIGIN_SIDE_TOPICS,
    SERVICE_FOR_TOPIC,
    TOPICS,
    Answer,
    Document,
    Item,
    Profile,
    Rule,
)
from .rulebook import Rulebook, default_rulebook
from .rulebook import subtract_intervals as _minus
from .stay import Regime, last_legal_day
from .workdays import add_working_days as _add_working_days_in

LANGS = ("ru", "ky", "tg", "uz", "en")
HOSTS_COVERED = ("RU", "KZ")
STALE_AFTER = timedelta(days=365)
PROFILE_KEYS = {"citizenship", "host_country", "region", "entry_date", "employment", "activity_okved", "documents",
                "ban", "topics", "as_of", "stays", "patent_paid_until"}
LAST_DAY = date(2099, 12, 31)  # the engine answers for dates up to here (calendars and due dates stay in range)
OKVED_RE = re.compile(r"^\d{2}(\.\d{1,2}){0,3}$")
KIND_ORDER = {"conflict": 0, "obligation": 1, "risk": 2, "right": 3, "info": 4, "not_covered": 5}

# Sentences the engine writes itself (rule wordings live in the rulebook). Russian is the fallback.
MESSAGES = {
    "not_covered": {
        "ru": "Справочник правил ничего не говорит об этом для вашей ситуации. Это не значит, что правил нет: "
              "уточните в организации, которая помогает мигрантам.",
        "en": "The rulebook says nothing on this for your situation. That does not mean there is no rule: "
              "check with an organisation that helps migrants.",
        "ky": "Эрежелер жыйнагында сиздин абалыңыз үчүн бул тууралуу эч нерсе жок. Бул эреже жок дегенди "
              "билдирбейт: мигранттарга жардам берген уюмдан тактаңыз.",
        "tg": "Маҷмӯаи қоидаҳо дар ин бора барои вазъи шумо чизе намегӯяд. Ин маънои онро надорад, ки қоида "
              "нест: дар ташкилоте, ки ба муҳоҷирон кумак мекунад, аниқ кунед.",
        "uz": "Qoidalar toʻplamida sizning holatingiz uchun bu haqda hech narsa yoʻq. Bu qoida yoʻq degani "
              "emas: muhojirlarga yordam beradigan tashkilotda aniqlashtiring.",
    },
    "conflict": {
        "ru": "Источники расходятся, и справочник не может решить, какое правило действует на эту дату. "
              "Надёжнее успеть к самому раннему сроку и уточнить у юриста.",
        "en": "The sources disagree and the rulebook cannot decide which rule applies on this date. "
              "It is safer to meet the earliest deadline and check with a lawyer.",
        "ky": "Булактар бири-бирине дал келбейт жана эрежелер жыйнагы бул күнү кайсы эреже колдонуларын "
              "чече албайт. Эң эрте мөөнөткө үлгүрүп, юристтен тактап алганыңыз ишенимдүү.",
        "tg": "Манбаъҳо мухталифанд ва маҷмӯаи қоидаҳо муайян карда наметавонад, ки дар ин сана кадом қоида "
              "амал мекунад. Беҳтар аст то мӯҳлати аз ҳама барвақт улгуред ва бо ҳуқуқшинос маслиҳат кунед.",
        "uz": "Manbalar bir-biriga zid va qoidalar toʻplami bu sanada qaysi qoida amal qilishini hal qila "
              "olmaydi. Eng erta muddatga ulgurish va huquqshunos bilan aniqlashtirish xavfsizroq.",
    },
    "stale": {
        "ru": "Внимание: самый новый источник этого ответа написан {date}, больше года назад. Законы с тех пор "
              "могли измениться — проверьте в организации из справочника помощи.",
        "en": "Warning: the newest source behind this answer was written on {date}, more than a year ago. "
              "The law may have changed since — check with an organisation in the help directory.",
        "ky": "Көңүл буруңуз: бул жооптун эң жаңы булагы {date} жазылган, бир жылдан ашык мурун. Ошондон "
              "бери мыйзамдар өзгөрүшү мүмкүн — жардам маалымдамасындагы уюмдан текшериңиз.",
        "tg": "Диққат: навтарин манбаи ин ҷавоб {date} навишта шудааст, беш аз як сол пеш. Аз он вақт "
              "қонунҳо метавонистанд тағйир ёбанд — дар ташкилоти маълумотномаи кумак санҷед.",
        "uz": "Diqqat: bu javobning eng yangi manbasi {date} da yozilgan, bir yildan koʻproq oldin. Shundan "
              "beri qonunlar oʻzgargan boʻlishi mumkin — yordam maʼlumotnomasidagi tashkilotda tekshiring.",
    },
    "unconfirmed": {
        "ru": "Не подтверждено юристом.",
        "en": "Not confirmed by a lawyer.",
        "ky": "Юрист ырастаган эмес.",
        "tg": "Ҳуқуқшинос тасдиқ накардааст.",
        "uz": "Huquqshunos tasdiqlamagan.",
    },
    "confirmed": {
        "ru": "Подтверждено юристом ({who}, {date}).",
        "en": "Confirmed by a lawyer ({who}, {date}).",
        "ky": "Юрист ырастаган ({who}, {date}).",
        "tg": "Ҳуқуқшинос тасдиқ кардааст ({who}, {date}).",
        "uz": "Huquqshunos tasdiqlagan ({who}, {date}).",
    },
    "stay": {
        "ru": "Последний законный день пребывания: {date}. Считаются все дни в стране, и прежние поездки тоже.",
        "en": "Last lawful day of your stay: {date}. Every day in the country counts, earlier trips too.",
        "ky": "Мыйзамдуу болуунун акыркы күнү: {date}. Өлкөдөгү ар бир күн эсептелет, мурунку сапарлар да.",
        "tg": "Рӯзи охири будубоши қонунӣ: {date}. Ҳар рӯзи дар кишвар ҳисоб мешавад, сафарҳои пештара ҳам.",
        "uz": "Qonuniy turishning oxirgi kuni: {date}. Mamlakatdagi har bir kun hisoblanadi, oldingi safarlar ham.",
    },
    "overdue": {
        "ru": "Срок прошёл {date}. Не ждите: обратитесь сегодня в организацию, которая помогает мигрантам "
              "(ссылка ниже), и возьмите с собой документы. Что может последовать, сказано в рисках ниже.",
        "en": "The deadline passed on {date}. Do not wait: contact an organisation that helps migrants today "
              "(link below) and bring your documents. What can follow is listed under the risks below.",
        "ky": "Мөөнөт {date} өтүп кетти. Күтпөңүз: бүгүн мигранттарга жардам берген уюмга кайрылыңыз (шилтеме "
              "төмөндө) жана документтериңизди алып барыңыз. Эмне болушу мүмкүн экени төмөнкү тобокелдиктерде.",
        "tg": "Мӯҳлат {date} гузашт. Интизор нашавед: имрӯз ба ташкилоте, ки ба муҳоҷирон кӯмак мекунад, муроҷиат "
              "кунед (истинод дар поён) ва ҳуҷҷатҳоятонро гиред. Оқибатҳои эҳтимолӣ дар хавфҳои поён омадаанд.",
        "uz": "Muddat {date} kuni o'tdi. Kutmang: bugun migrantlarga yordam beradigan tashkilotga murojaat qiling "
              "(havola quyida) va hujjatlaringizni olib boring. Nima bo'lishi mumkinligi quyidagi xavflarda.",
    },
    "option": {
        "ru": "Вариант (источник {date}): {text}",
        "en": "Option (source of {date}): {text}",
        "ky": "Вариант (булак {date}): {text}",
        "tg": "Вариант (манбаъи {date}): {text}",
        "uz": "Variant (manba {date}): {text}",
    },
}


def message(key: str, lang: str, **kwargs) -> str:
    table = MESSAGES[key]
    return table.get(lang, table["ru"]).format(**kwargs)


class ProfileError(ValueError):
    """A profile or date the engine cannot use; `field` names the bad field."""

    def __init__(self, field: str, message_text: str):
        self.field = field
        self.message = message_text
        super().__init__(f"{field}: {message_text}")


# ---------------------------------------------------------------- parsing input

def parse_date(value, field: str) -> date:
    day = None
    if isinstance(value, date):
        day = value
    elif isinstance(value, str):
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                day = date.fromisoformat(value.strip())
        except ValueError:
            pass
    if day is None:
        raise ProfileError(field, f"{value!r} is not a date in the form YYYY-MM-DD")
    if day > LAST_DAY:
        raise ProfileError(field, f"{day} is out of range: the rulebook answers for dates up to {LAST_DAY}")
    return day


def _stays(raw, entry: date) -> tuple[tuple[date, date], ...]:
    """Earlier stays in the host country, each {entry, exit}, all before the current entry, not overlapping."""
    if raw in (None, ""):
        return ()
    if not isinstance(raw, list):
        raise ProfileError("stays", "must be a list of {entry, exit}")
    out = []
    for n, s in enumerate(raw):
        f = f"stays[{n}]"
        if not isinstance(s, dict) or set(s) - {"entry", "exit"}:
            raise ProfileError(f, "must be an object {entry, exit}")
        if s.get("entry") in (None, "") or s.get("exit") in (None, ""):
            raise ProfileError(f, "both the entry and the exit date are required")
        first, last = parse_date(s["entry"], f"{f}.entry"), parse_date(s["exit"], f"{f}.exit")
        if last < first:
            raise ProfileError(f"{f}.exit", "the exit is before the entry")
        if last >= entry:
            raise ProfileError(f"{f}.exit", f"an earlier stay must end before the current entry ({entry})")
        out.append((first, last))
    out.sort()
    for (_a, b), (c, _d) in zip(out, out[1:], strict=False):
        if c <= b:
            raise ProfileError("stays", f"two stays overlap ({c} is inside an earlier stay)")
    return tuple(out)


def _country(value, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(field, "a two-letter country code (ISO 3166-1 alpha-2) is required")
    code = value.strip().upper()
    if code not in country_codes():
        raise ProfileError(field, f"unknown country code {value!r} (expected ISO 3166-1 alpha-2, e.g. KG, RU)")
    return code


def parse_profile(data, as_of: date | None = None) -> tuple[Profile, date]:
    """A Profile and the as-of date from a JSON-like dict; ProfileError names the first bad field."""
    if not isinstance(data, dict):
        raise ProfileError("profile", "must be a JSON object")
    unknown = sorted(set(data) - PROFILE_KEYS)
    if unknown:
        raise ProfileError(unknown[0], f"unknown field (expected: {', '.join(sorted(PROFILE_KEYS))})")
    as_of = _as_of(data, as_of)
    citizenship = _country(data.get("citizenship"), "citizenship")
    host = _country(data.get("host_country"), "host_country")
    if host == citizenship:
        raise ProfileError("host_country", "is the same as the citizenship: the rulebook is about foreigners")
    region = _region(data.get("region") or "", host)
    entry = _entry_date(data.get("entry_date"), as_of)
    employment = data.get("employment") or "none"
    if employment not in EMPLOYMENT:
        raise ProfileError("employment", f"must be one of {', '.join(EMPLOYMENT)}")
    okved = data.get("activity_okved") or ""
    if not isinstance(okved, str) or (okved and not OKVED_RE.match(okved.strip())):
        raise ProfileError("activity_okved", f"{okved!r} is not an OKVED code such as 60.22")
    documents = _documents(data.get("documents"))
    ban_start, ban_end = _ban(data.get("ban") or None)
    topics = data.get("topics")
    if topics is None:
        topics = TOPICS
    elif not isinstance(topics, list) or any(t not in TOPICS for t in topics):
        raise ProfileError("topics", f"must be a list of: {', '.join(TOPICS)}")
    stays = _stays(data.get("stays"), entry)
    paid = data.get("patent_paid_until")
    paid = parse_date(paid, "patent_paid_until") if paid not in (None, "") else None
    return Profile(citizenship=citizenship, host_country=host, region=region, entry_date=entry,
                   employment=employment, activity_okved=okved.strip(), documents=documents,
                   ban_start=ban_start, ban_end=ban_end, topics=tuple(dict.fromkeys(topics)), stays=stays,
                   patent_paid_until=paid), as_of


def _as_of(data: dict, as_of: date | None) -> date:
    if as_of is None:
        as_of = parse_date(data["as_of"], "as_of") if data.get("as_of") is not None else date.today()
    if as_of > LAST_DAY:
        raise ProfileError("as_of", f"{as_of} is out of range: the rulebook answers for dates up to {LAST_DAY}")
    return as_of


def _region(region, host: str) -> str:
    """An ISO 3166-2 code of the host country; required where the rulebook covers the host."""
    if not isinstance(region, str):
        raise ProfileError("region", "must be an ISO 3166-2 code such as RU-MOW")
    region = region.strip().upper()
    if region:
        m = REGION_RE.match(region)
        if not m:
            raise ProfileError("region", f"{region!r} is not an ISO 3166-2 code such as RU-MOW or KZ-ALA")
        if m.group(1) != host:
            raise ProfileError("region", f"{region!r} is not a region of the host country {host}")
    elif host in HOSTS_COVERED:
        raise ProfileError("region", "the region (ISO 3166-2, e.g. RU-MOW, KZ-ALA) is required")
    return region


def _entry_date(raw, as_of: date) -> date:
    if raw in (None, ""):
        raise ProfileError("entry_date", "the date of entry is required")
    entry = parse_date(raw, "entry_date")
    if entry > as_of:
        raise ProfileError("entry_date", f"the entry date {entry} is after the as-of date {as_of}")
    if entry.year < 1992:
        raise ProfileError("entry_date", "entry dates before 1992 are not supported")
    return entry


def _documents(raw_docs) -> tuple[Document, ...]:
    """Documents as a list of {type, issued, expires} (or bare type names), or a dict {type: {issued, …}}."""
    raw_docs = raw_docs or []
    if isinstance(raw_docs, dict):
        raw_docs = [{"type": k, **(v if isinstance(v, dict) else {})} for k, v in raw_docs.items()]
    if not isinstance(raw_docs, list):
        raise ProfileError("documents", "must be a list of {type, issued, expires}")
    documents = []
    for n, d in enumerate(raw_docs):
        f = f"documents[{n}]"
        if isinstance(d, str):
            d = {"type": d}
        if not isinstance(d, dict):
            raise ProfileError(f, "must be an object {type, issued, expires}")
        if set(d) - {"type", "issued", "expires"}:
            raise ProfileError(f"{f}.{sorted(set(d) - {'type', 'issued', 'expires'})[0]}", "unknown field")
        if d.get("type") not in DOCUMENT_TYPES:
            raise ProfileError(f"{f}.type", f"must be one of {', '.join(DOCUMENT_TYPES)}")
        issued = parse_date(d["issued"], f"{f}.issued") if d.get("issued") else None
        expires = parse_date(d["expires"], f"{f}.expires") if d.get("expires") else None
        if issued and expires and expires < issued:
            raise ProfileError(f"{f}.expires", "expires before it was issued")
        documents.append(Document(d["type"], issued, expires))
    return tuple(documents)


def _ban(ban) -> tuple[date | None, date | None]:
    """An entry ban {start, end}: both dates required, the end not before the start."""
    if ban is None:
        return None, None
    if not isinstance(ban, dict):
        raise ProfileError("ban", "must be an object {start, end}")
    if set(ban) - {"start", "end"}:
        raise ProfileError(f"ban.{sorted(set(ban) - {'start', 'end'})[0]}", "unknown field")
    if ban.get("start") in (None, ""):
        raise ProfileError("ban.start", "the start date of the ban is required")
    ban_start = parse_date(ban.get("start"), "ban.start")
    if ban.get("end") in (None, ""):
        raise ProfileError("ban.end", "the end date of the ban is required")
    ban_end = parse_date(ban.get("end"), "ban.end")
    if ban_end < ban_start:
        raise ProfileError("ban.end", "the ban ends before it starts")
    return ban_start, ban_end


def parse_profile_json(text: str, as_of: date | None = None) -> tuple[Profile, date]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError("profile", f"malformed JSON: {exc.msg if hasattr(exc, 'msg') else exc}") from None
    return parse_profile(data, as_of)


# ---------------------------------------------------------------- evaluation

def add_working_days(start: date, days: int, country: str = "RU") -> date:
    """Working days in the host country's official calendar (weekends, holidays, transfers: see workdays.py)."""
    return _add_working_days_in(country, start, days)


def _holds(profile: Profile, doc: str, day: date) -> bool:
    return any(d.type == doc and d.valid_on(day) for d in profile.documents)


def applies(book: Rulebook, rule: Rule, p: Profile, as_of: date) -> bool:
    """Whether one rule applies (the readable form of the test `evaluate` runs on compiled tuples)."""
    day = p.entry_date if rule.basis == "entry" else as_of
    if not rule.in_window(day):
        return False
    if "*" not in rule.regions and p.region not in rule.regions:
        return False
    if p.region in rule.regions_not:
        return False
    if not book.citizenship_matches(rule, p.citizenship, day):
        return False
    return conditions_hold(rule.conditions, p, as_of)


def okved_within(code: str, group: str) -> bool:
    """Whether an OKVED code lies in a group: "49.3" holds 49.31 and 49.32.1 (OKVED2 subclasses add a digit
    to the class), "47" holds every 47.x, "60.22" holds 60.22.1 (a dotted sub-level, as in the 2001 edition)."""
    if code == group or code.startswith(group + "."):
        return True
    if len(group) == 2:
        return code[:2] == group
    return len(group) == 4 and group[2] == "." and code.startswith(group)


def conditions_hold(c, p: Profile, as_of: date) -> bool:
    if c.employment is not None and p.employment not in c.employment:
        return False
    if c.okved_prefixes is not None:
        code = p.activity_okved
        if not code or not any(okved_within(code, o) for o in c.okved_prefixes):
            return False
    if c.holds is not None and not all(_holds(p, d, as_of) for d in c.holds):
        return False
    if c.lacks is not None and all(_holds(p, d, as_of) for d in c.lacks):
        return False
    if c.ban_active is not None:
        active = p.ban_start is not None and p.ban_end is not None and p.ban_start <= as_of <= p.ban_end
        if active != c.ban_active:
            return False
    if c.ban_remaining_below is not None:
        frac, on = c.ban_remaining_below
        if p.ban_start is None or p.ban_end is None or not (p.ban_start <= on <= p.ban_end):
            return False
        total = (p.ban_end - p.ban_start).days
        if total <= 0 or (p.ban_end - on).days >= frac * total:
            return False
    if c.entry_before is not None and not p.entry_date < c.entry_before:
        return False
    if c.entry_on_or_after is not None and not p.entry_date >= c.entry_on_or_after:
        return False
    if c.patent_paid_known and p.patent_paid_until is None:
        return False
    return True


def _text(rule: Rule, lang: str) -> str:
    return rule.text.get(lang) or rule.text["ru"]


def _text_lang(rule: Rule, lang: str) -> str:
    return lang if rule.text.get(lang) else "ru"


def _due(rule: Rule, p: Profile) -> date | None:
    if rule.due_days is None:
        return None
    start = p.entry_date if rule.due_from == "entry" else p.patent_paid_until
    if start is None:
        return None
    if rule.working_days:
        return add_working_days(start, rule.due_days, p.host_country)
    return start + timedelta(days=rule.due_days)


def help_url(lang: str, country: str, topic: str) -> str:
    return f"/{lang}/registry/help/?country={country}&service={SERVICE_FOR_TOPIC.get(topic, topic)}"


def _finish(item: Item, rules: list[Rule], p: Profile, as_of: date, lang: str) -> Item:
    """Source date, confirmation and freshness notices shared by rule and conflict items."""
    url_lang = lang if lang in LANGS else "ru"
    newest = max(r.source_date for r in rules)
    item.source_date = newest
    item.confirmed = all(r.confirmed for r in rules)
    if len(rules) == 1 and item.confirmed:
        item.confirmed_on, item.confirmed_by = rules[0].confirmed_on, rules[0].confirmed_by
    item.checked_on = _checked_on(rules)
    item.stale = as_of - newest > STALE_AFTER
    item.notice = _notice(tuple(rules), lang, item.stale)
    country = p.citizenship if item.topic in ORIGIN_SIDE_TOPICS else p.host_country
    item.help_url = _help_url(url_lang, country, item.topic)
    return item


def _checked_on(rules) -> date | None:
    """The oldest `checked_on` of the rules behind a line, None when one of them was never checked."""
    days = [r.checked_on for r in rules]
    return None if not days or None in days else min(days)


_NOTICES: dict = {}
_HELP: dict = {}


def _notice(rules: tuple[Rule, ...], lang: str, stale: bool) -> str:
    key = (tuple(id(r) for r in rules), lang, stale)
    found = _NOTICES.get(key)
    if found is None:
        notices = []
        newest = max(r.source_date for r in rules)
        if stale:
            notices.append(message("stale", lang, date=newest.isoformat()))
        if len(rules) == 1 and rules[0].confirmed:
            notices.append(message("confirmed", lang, who=rules[0].confirmed_by,
                                   date=rules[0].confirmed_on.isoformat()))  # type: ignore[union-attr]  # confirmed implies confirmed_on
        elif not all(r.confirmed for r in rules):
            notices.append(message("unconfirmed", lang))
        found = _NOTICES[key] = " ".join(notices)
        if len(_NOTICES) > 100_000:  # rulebooks are rebuilt when lawyers' changes are approved
            _NOTICES.clear()
    return found


def _help_url(lang: str, country: str, topic: str) -> str:
    key = (lang, country, topic)
    found = _HELP.get(key)
    if found is None:
        found = _HELP[key] = help_url(lang, country, topic)
    return found


_STALE_DAYS = STALE_AFTER.days
_PLANS: dict = {}


def _conflict_static(group: tuple[Rule, ...], profile: Profile, as_of: date, lang: str) -> dict:
    """The parts of a conflict item that do not depend on the entry date."""
    docs = {r.document for r in group}
    text = " ".join([message("conflict", lang)] + [
        message("option", lang, date=r.source_date.isoformat(), text=_text(r, lang)) for r in group])
    probe = Item(topic=group[0].topic, kind="conflict", text=text)
    _finish(probe, list(group), profile, as_of, lang)
    return dict(topic=probe.topic, kind="conflict", text=text, document=docs.pop() if len(docs) == 1 else None,
                mandatory=any(r.mandatory for r in group), sources=tuple(s for r in group for s in r.sources),
                rule_ids=tuple(r.id for r in group), source_date=probe.source_date, confirmed=probe.confirmed,
                confirmed_on=probe.confirmed_on, confirmed_by=probe.confirmed_by, checked_on=probe.checked_on,
                stale=probe.stale,
                notice=probe.notice, help_url=probe.help_url)


def _alternatives(group: tuple[Rule, ...], profile: Profile | None, lang: str) -> tuple[tuple[dict, ...], date | None]:
    alternatives, dues = [], []
    for r in group:
        d = _due(r, profile) if profile is not None else None
        if d:
            dues.append(d)
        alternatives.append({"rule_id": r.id, "due": d.isoformat() if d else None, "text": _text(r, lang),
                             "text_lang": _text_lang(r, lang),
                             "source_date": r.source_date.isoformat(),
                             "checked_on": r.checked_on.isoformat() if r.checked_on else None,
                             "sources": [s.as_dict() for s in r.sources]})
    return tuple(alternatives), (min(dues) if dues else None)


def _plan(applicable: tuple[Rule, ...], profile: Profile, as_of: date, lang: str) -> tuple:
    """Everything about an answer that does not depend on the exact dates: grouping into slots, conflicts,
    texts, notices, help links and order. Cached by the caller on the applicable rules and the staleness."""
    url_lang = lang if lang in LANGS else "ru"
    slots: dict[str, list[Rule]] = {}
    for rule in applicable:
        slots.setdefault(rule.slot, []).append(rule)
    entries: list[tuple[tuple, str, Any]] = []  # (sort key, kind, payload)
    covered = set()
    group: Sequence[Rule]
    for group in slots.values():
        if len(group) > 1:
            overridden = set().union(*(r.overrides for r in group))
            group = [r for r in group if r.id not in overridden] or group
        covered.add(group[0].topic)
        if len(group) == 1:
            r = group[0]
            stale = as_of - r.source_date > STALE_AFTER
            country = profile.citizenship if r.topic in ORIGIN_SIDE_TOPICS else profile.host_country
            kwargs: dict[str, Any] = dict(topic=r.topic, kind=r.kind, text=_text(r, lang),
                                          text_lang=_text_lang(r, lang),
                          document=r.document,
                          sources=r.sources, rule_ids=(r.id,),
                          mandatory=r.mandatory, source_date=r.source_date, confirmed=r.confirmed,
                          confirmed_on=r.confirmed_on if r.confirmed else None,
                          confirmed_by=r.confirmed_by if r.confirmed else None, checked_on=r.checked_on,
                          stale=stale,
                          notice=_notice((r,), lang, stale), help_url=_help_url(url_lang, country, r.topic))
            days = (r.due_days * 7 // 5 + 3 if r.working_days else r.due_days) if r.due_days is not None else 10**6
            entries.append(((KIND_ORDER[r.kind], days, TOPICS.index(r.topic), r.id), "rule", (r, kwargs)))
        else:
            group = tuple(sorted(group, key=lambda r: (r.source_date, r.id)))
            days = min((r.due_days for r in group if r.due_days), default=10**6)
            kwargs = _conflict_static(group, profile, as_of, lang)
            dated = any(r.due_days for r in group)
            if not dated:
                kwargs["alternatives"] = _alternatives(group, None, lang)[0]
            entries.append(((KIND_ORDER["conflict"], days, TOPICS.index(group[0].topic), group[0].id),
                            "conflict", (group, kwargs, dated)))
    for topic in profile.topics:
        if topic not in covered:
            country = profile.citizenship if topic in ORIGIN_SIDE_TOPICS else profile.host_country
            kwargs = dict(topic=topic, kind="not_covered", text=message("not_covered", lang),
                          text_lang=lang if lang in MESSAGES["not_covered"] else "ru",
                          help_url=_help_url(url_lang, country, topic))
            entries.append(((KIND_ORDER["not_covered"], 10**6, TOPICS.index(topic), ""), "nc", kwargs))
    entries.sort(key=lambda e: e[0])
    exact_order = not any(r.working_days or r.due_from != "entry" for r in applicable)
    return tuple((kind, payload) for _k, kind, payload in entries), exact_order


_ITEM_FIELDS = [f for f in fields(Item)]
_STALE_EDGES: dict = {}
_PLANS_NEAR: dict = {}  # plans by the as-of date's place among the staleness edges (finer than by staleness)


def _positional(kwargs: dict) -> tuple:
    """Item keyword arguments as the full positional tuple (defaults filled in): cheaper to construct from."""
    return tuple(kwargs[f.name] if f.name in kwargs else
                 (f.default if f.default is not MISSING
                  else f.default_factory()) for f in _ITEM_FIELDS)  # type: ignore[operator]  # every Item field has a default or a factory


def _fast_plan(plan: tuple) -> tuple:
    entries, exact_order = plan
    out = []
    for kind, payload in entries:
        if kind == "rule":
            rule, kwargs = payload
            out.append(("rule", (rule, _positional(dict(kwargs, due=None)))))
        elif kind == "nc":
            out.append(("fixed", _positional(payload)))
        else:
            out.append((kind, payload))
    return tuple(out), exact_order


def evaluate(profile: Profile, as_of: date, lang: str = "ru", rulebook: Rulebook | None = None) -> Answer:
    """The answer for one profile on one date. Pure function of its arguments (and the rulebook)."""
    book = rulebook or default_rulebook()
    if profile.entry_date > as_of:
        raise ProfileError("entry_date", f"the entry date {profile.entry_date} is after the as-of date {as_of}")
    all_topics = len(profile.topics) == len(TOPICS)
    limits = _stay_limits(book, profile, as_of) if all_topics or "stay" in profile.topics else []
    applicable = _applicable(book, profile, as_of, all_topics)
    entries, exact_order = _cached_plan(book, applicable, profile, as_of, lang, all_topics)
    items = _build_items(entries, profile, lang)
    stay = _stay_item(limits, profile, as_of, lang) if limits else None
    if stay is not None:
        items = [i for i in items if not (i.kind == "not_covered" and i.topic == "stay")] + [stay]
        exact_order = False
    if not exact_order:
        items.sort(key=lambda i: (KIND_ORDER[i.kind], i.due or date.max, TOPICS.index(i.topic), i.rule_ids))
    _mark_overdue(items, profile, as_of, lang)
    return Answer(as_of=as_of, items=items, lang=lang)


def _stay_limits(book: Rulebook, profile: Profile, as_of: date) -> list:
    """The stay-limit rules of this host, citizenship and region with their intervals in force: the stay
    calculator counts every day under the limit in force that day."""
    region = profile.region
    limits = []
    for rule, _on_entry, intervals, regions, regions_not, cond in book.compiled_limits(profile.host_country,
                                                                                       profile.citizenship):
        if (regions is None or region in regions) and (regions_not is None or region not in regions_not) and \
                (cond is None or conditions_hold(cond, profile, as_of)):
            limits.append((rule, intervals))
    return limits


def _applicable(book: Rulebook, profile: Profile, as_of: date, all_topics: bool) -> tuple[Rule, ...]:
    """The rules whose window and citizenship test hold on the entry or as-of date, for this region, in the
    rulebook's compiled order (see Rulebook.selector; `applies` is the same test written rule by rule)."""
    topics = profile.topics
    found = []
    for rule, cond in book.selector(profile.host_country, profile.citizenship, profile.region).in_force(
            profile.entry_date.toordinal(), as_of.toordinal()):
        if cond is not None and not conditions_hold(cond, profile, as_of):
            continue
        if all_topics or rule.topic in topics:
            found.append(rule)
    return tuple(found)


def _cached_plan(book: Rulebook, applicable: tuple[Rule, ...], profile: Profile, as_of: date, lang: str,
                 all_topics: bool) -> tuple:
    """The answer plan for these rules, reused across profiles. Which rules are stale depends on the as-of date
    only through its place among the days on which a source turns a year old: that place stands for the
    staleness of every rule in the key."""
    as_of_ord = as_of.toordinal()
    edges = _STALE_EDGES.get(book)
    if edges is None:
        edges = _STALE_EDGES[book] = sorted({r.source_ord + _STALE_DAYS for r in book.rules})
    context = (book, lang, profile.host_country, profile.citizenship, None if all_topics else profile.topics)
    near = (applicable, bisect_left(edges, as_of_ord), context)
    plan = _PLANS_NEAR.get(near)
    if plan is None:
        stale = tuple(as_of_ord - r.source_ord > _STALE_DAYS for r in applicable)
        key = (applicable, stale, context)
        plan = _PLANS.get(key)
        if plan is None:
            if len(_PLANS) > 200_000:
                _PLANS.clear()
            plan = _PLANS[key] = _fast_plan(_plan(applicable, profile, as_of, lang))
        if len(_PLANS_NEAR) > 400_000:
            _PLANS_NEAR.clear()
        _PLANS_NEAR[near] = plan
    return plan


def _build_items(entries: tuple, profile: Profile, lang: str) -> list[Item]:
    """Items from the plan's entries: only due dates (and dated conflicts' alternatives) depend on the profile."""
    items: list[Item] = []
    append = items.append
    for kind, payload in entries:
        if kind == "rule":
            rule, args = payload
            if rule.due_days is None:
                append(Item(*args))
            else:
                append(Item(*args[:3], _due(rule, profile), *args[4:]))  # type: ignore[call-arg]  # args: _positional
        elif kind == "fixed":
            append(Item(*payload))
        else:
            group, kwargs, dated = payload
            if dated:
                alternatives, due = _alternatives(group, profile, lang)
                append(Item(due=due, alternatives=alternatives, **kwargs))
            else:
                append(Item(**kwargs))
    return items


def _mark_overdue(items: list[Item], profile: Profile, as_of: date, lang: str) -> None:
    """Days left on every dated item; a due date passed without the document in hand is overdue."""
    as_of_ord = as_of.toordinal()
    for item in items:
        if item.due is not None:
            item.days_left = item.due.toordinal() - as_of_ord
            if item.days_left < 0 and not (item.document and _holds(profile, item.document, as_of)):
                item.overdue = True
                item.what_now = message("overdue", lang, date=item.due.isoformat())


def _in(intervals, day: int) -> bool:
    return any(a <= day <= b for a, b in intervals)


def _stay_item(limits: list, profile: Profile, as_of: date, lang: str) -> Item | None:
    """The `stay` item: the last lawful day under the limits in force on each day; a conflict when rules of one
    slot overlap and give different last days."""
    as_of_ord = as_of.toordinal()
    if not any(_in(iv, as_of_ord) for _r, iv in limits):
        return None  # no limit in force on the as-of date: historic answers stay as they were
    entry = profile.entry_date.toordinal()
    past = tuple((a.toordinal(), b.toordinal()) for a, b in profile.stays)
    outcomes = []
    for choice in _stay_choices(limits):
        regimes = [Regime(days=r.limit[0], per=r.limit[1], intervals=iv) for r, iv in choice]
        last = last_legal_day(entry, past, regimes, max(entry, as_of_ord) + 3 * 366)
        bite = last + 1 if last is not None else as_of_ord
        used = [r for r, iv in choice if _in(iv, bite)] or [r for r, iv in choice if _in(iv, as_of_ord)]
        outcomes.append((last, tuple(dict.fromkeys(used))))
    lasts = {o[0] for o in outcomes}
    all_rules = tuple(dict.fromkeys(r for o in outcomes for r in o[1]))
    if len(lasts) > 1:
        return _stay_conflict(outcomes, all_rules, profile, as_of, lang)
    last = lasts.pop()
    if last is None:
        return None
    due = date.fromordinal(last)
    text = " ".join([message("stay", lang, date=due.isoformat())] + [_text(r, lang) for r in all_rules])
    item = Item(topic="stay", kind="obligation", text=text, due=due, mandatory=True,
                sources=tuple(s for r in all_rules for s in r.sources), rule_ids=tuple(r.id for r in all_rules))
    return _finish(item, list(all_rules), profile, as_of, lang)


def _stay_choices(limits: list) -> list[list[tuple]]:
    """One choice of limits per way of reading the rulebook: a slot whose rules overlap (sources disagree on
    dates) gives one choice per rule, each an alternative of the conflict."""
    slots: dict[str, list] = {}
    for rule, iv in limits:
        slots.setdefault(rule.slot, []).append((rule, iv))
    choices: list[list[tuple]] = [[]]
    for members in slots.values():
        overlapping = len(members) > 1 and any(
            _minus(iv, other) != iv for n, (_r, iv) in enumerate(members) for (_o, other) in members[n + 1:])
        if not overlapping:
            for c in choices:
                c.extend(members)
            continue
        nxt = []
        for c in choices:
            for rule, iv in members:
                # rules with another limit keep the days the chosen one leaves free (C1: 90/180 until the change,
                # 90/year after it); rules with the same limit are other dates for the same change (C2): dropped
                rest = [(o, _minus(oiv, iv)) for o, oiv in members if o is not rule and o.limit != rule.limit]
                nxt.append(c + [(rule, iv)] + rest)
        choices = nxt[:8]
    return choices


def _stay_conflict(outcomes: list, all_rules: tuple[Rule, ...], profile: Profile, as_of: date,
                   lang: str) -> Item:
    """The stay item when readings of the rulebook give different last lawful days: one alternative each."""
    alternatives = []
    for outcome_last, outcome_rules in outcomes:
        outcome_due = date.fromordinal(outcome_last) if outcome_last is not None else None
        checked = _checked_on(outcome_rules)
        alternatives.append({"rule_id": "+".join(r.id for r in outcome_rules),
                             "due": outcome_due.isoformat() if outcome_due else None,
                             "text": " ".join(_text(r, lang) for r in outcome_rules),
                             "source_date": max(r.source_date for r in outcome_rules).isoformat(),
                             "checked_on": checked.isoformat() if checked else None,
                             "sources": [s.as_dict() for r in outcome_rules for s in r.sources]})
    dues = [date.fromordinal(o[0]) for o in outcomes if o[0] is not None]
    text = " ".join([message("conflict", lang)] + [
        message("option", lang, date=a["source_date"], text=(message("stay", lang, date=a["due"]) + " " + a["text"])
                if a["due"] else a["text"]) for a in alternatives])
    item = Item(topic="stay", kind="conflict", text=text, due=min(dues) if dues else None, mandatory=True,
                sources=tuple(s for r in all_rules for s in r.sources), rule_ids=tuple(r.id for r in all_rules),
                alternatives=tuple(alternatives))
    return _finish(item, list(all_rules), profile, as_of, lang)


def status(data, as_of: date | None = None, lang: str = "ru", rulebook: Rulebook | None = None) -> Answer:
    """Parse a profile dict (or JSON text) and evaluate it: the one function CLI, web page and bots call."""
    profile, on = parse_profile_json(data, as_of) if isinstance(data, str) else parse_profile(data, as_of)
    return evaluate(profile, on, lang, rulebook)
