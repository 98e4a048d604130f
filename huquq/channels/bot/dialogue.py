"""The bot's dialogue: one event from a chat in, replies out. No Telegram library here.

Each step parses the person's input, calls the same service, selector or engine the web pages call, and
renders a reply in the chat's language. Business rules stay in those services:
- know your status: huquq.rules.engine.evaluate with the rulebook in force (as the /rules/ page);
- find help: huquq.registry.directory.search.search (the /registry/help/ ranking);
- check an employer: huquq.registry.employers.warnings.search_published (the register's matcher);
- report a violation: huquq.channels.services.submit_report (an intake case, evidence encrypted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huquq.cases.vocab import violation_types
from huquq.channels import selectors, services
from huquq.channels.models import BotChat, ReportRecipient
from huquq.registry.directory import places
from huquq.registry.directory import search as directory_search
from huquq.registry.directory import selectors as directory_selectors
from huquq.registry.employers import warnings as warnings_list
from huquq.rules.calendar import answer_to_ics
from huquq.rules.engine import ProfileError, evaluate, parse_profile
from huquq.rules.regions import regions as known_regions
from huquq.rules.regions import resolve as resolve_region
from huquq.rules.selectors import current_rulebook
from huquq.rules.views import DOCUMENT_LABELS, TOPIC_LABELS

from . import contract_dialogue  # it reads Reply and _menu from this module when called

LANGUAGES = [code for code, _name in settings.LANGUAGES]
CITIZENSHIPS = ("KG", "TJ", "UZ")
HOSTS = ("RU", "KZ")
HELP_SERVICES = ("legal_advice", "wage_claims", "entry_ban_check", "court_representation", "medical_help",
                 "shelter")
REPORT_TYPES = ("wage_theft", "no_written_contract", "document_confiscation", "forced_overtime",
                "police_extortion", "unsafe_work", "xenophobic_attack", "other")
MAX_MEDIA = 3
MAX_TEXT = 300


@dataclass
class Reply:
    text: str
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)  # rows of (label, callback data)
    document: tuple[str, bytes] | None = None  # (file name, content) sent as a file with `text` as caption


@dataclass
class Event:
    text: str = ""  # a typed message or a /command
    button: str = ""  # callback data of a pressed button
    media: tuple[str, str, Path] | None = None  # (file name, content type, downloaded private temp file)
    too_large: bool = False  # a voice note or photo over MEDIA_LIMIT_BYTES (not downloaded)


def today() -> dt.date:
    return timezone.localdate()


def _menu() -> Reply:
    return Reply(_("What would you like to do?"), [
        [(_("Know my status and deadlines"), "menu:status")],
        [(_("Find help near me"), "menu:help")],
        [(_("Check an employer"), "menu:employer")],
        [(_("Check a contract"), "menu:contract")],
        [(_("Report a violation"), "menu:report")],
        [(_("What do you store about me?"), "menu:mydata")],
    ])


def _language_choice() -> Reply:
    return Reply("Тилди тандаңыз · Забонро интихоб кунед · Tilni tanlang · Выберите язык · Choose a language",
                 [[(name, f"lang:{code}")] for code, name in settings.LANGUAGES])


def _unknown() -> list[Reply]:
    return [Reply(_("Sorry, I did not understand. Choose one of the buttons below, or send /start to begin "
                    "again, /mydata to see what I store, /forget to erase it, /stop to end reminders.")), _menu()]


def handle(chat_id: int | str, event: Event, telegram_language: str = "") -> list[Reply]:
    """Answer one event of one chat. Creates the chat on first contact (nothing else is stored then)."""
    chat = services.find_chat(chat_id)
    if chat is None and event.media is not None:
        Path(event.media[2]).unlink(missing_ok=True)
    if chat is None:
        guess = telegram_language[:2] if telegram_language[:2] in LANGUAGES else settings.LANGUAGE_CODE
        chat = services.get_or_create_chat(chat_id, guess)
        if not event.button.startswith("lang:"):
            with translation.override(chat.language):
                return [_language_choice()]
    try:
        with translation.override(chat.language):
            return _dispatch(chat, event)
    finally:
        if event.media is not None:  # not taken by a report in progress (stash_media removes it when it is)
            Path(event.media[2]).unlink(missing_ok=True)


def _dispatch(chat: BotChat, event: Event) -> list[Reply]:
    command = event.text.strip().split()[0].split("@")[0].lower() if event.text.strip().startswith("/") else ""
    if command == "/start":
        services.save_state(chat, {})
        return [_language_choice()]
    if command == "/mydata" or event.button == "menu:mydata":
        return [_mydata(chat)]
    if command == "/forget":
        return [Reply(_("Erase everything I store about this chat (answers, reminders, language)? Reports "
                        "already handed to an organisation stay with it."),
                      [[(_("Yes, erase"), "forget:yes"), (_("No"), "forget:no")]])]
    if command == "/stop":
        count = services.stop_reminders(chat)
        return [Reply(_("Reminders are off (%(count)d cancelled). Nothing else was changed.") % {"count": count})]
    if command == "/help":
        return _unknown()[1:]
    if event.button.startswith("lang:"):
        code = event.button.split(":", 1)[1]
        if code in LANGUAGES:
            services.set_language(chat, code)
            translation.activate(code)
        services.save_state(chat, {})
        return [Reply(_("Hello! I answer questions about migration rules, help you find an organisation "
                        "that helps, check an employer and pass on a report of a violation.")), _menu()]
    if event.button == "forget:yes":
        kept = services.forget_chat(chat)
        text = _("Done: I erased this chat's answers, reminders and language, and I no longer know this chat.")
        if kept:
            text += " " + _("Your reports (%(refs)s) stay with the organisations that received them, under "
                            "their own rules on consent; contact them to withdraw.") % {"refs": ", ".join(kept)}
        return [Reply(text)]
    if event.button == "forget:no":
        return [_menu()]
    if event.button.startswith("menu:"):
        flow = event.button.split(":", 1)[1]
        starter = STARTERS.get(flow)
        if starter:
            return starter(chat)
    state = services.load_state(chat)
    flow = FLOWS.get(state.get("flow", ""))
    if flow is None:
        return _unknown()
    return flow(chat, state, event)


def _mydata(chat: BotChat) -> Reply:
    data = selectors.chat_data_summary(chat)
    lines = [_("What I store about this chat:"),
             _("Language: %(language)s") % {"language": data["language"]},
             _("Since: %(date)s") % {"date": data["since"].isoformat()}]
    profile = data["status_profile"]
    if profile:
        lines.append(_("Answers for the status check: %(answers)s") % {
            "answers": ", ".join(f"{k}={v}" for k, v in profile.items() if k != "documents")})
    lines.append(_("Reminders waiting: %(count)d") % {"count": data["reminders"]})
    if data["sms_phone"]:
        lines.append(_("Reminders go by SMS to: %(phone)s") % {"phone": data["sms_phone"]})
    lines.append(_("Reports handed to organisations: %(count)d") % {"count": data["reports"]})
    lines.append(_("The chat number is stored encrypted; messages are not stored. /forget erases all of this."))
    return Reply("\n".join(lines))


# --- know your status --------------------------------------------------------------------------------

def _start_status(chat: BotChat) -> list[Reply]:
    services.save_state(chat, {"flow": "status", "step": "citizenship", "data": {}})
    return [Reply(_("Your citizenship? Press a button or type the two-letter country code."),
                  [[(places.country_name(c, chat.language), f"v:{c}") for c in CITIZENSHIPS]])]


# Buttons for the regions most migrants are in; any other region is typed by name (rules.regions resolves it).
BUTTON_REGIONS = ("RU-MOW", "RU-MOS", "RU-SPE", "RU-LEN", "RU-NVS", "RU-SVE", "RU-KDA", "RU-TA", "RU-KHM",
                  "RU-KYA", "KZ-ALA", "KZ-AST", "KZ-ALM", "KZ-YUZ", "KZ-75", "KZ-71", "KZ-19", "KZ-79")


def _ask_region(host: str) -> Reply:
    lang = translation.get_language()
    shown = [r for r in known_regions() if r.code in BUTTON_REGIONS and r.code.startswith(host + "-")]
    return Reply(_("In which region or city are you? Press a button or type the name."),
                 [[(r.label(lang), f"v:{r.code}")] for r in shown])


def _region_from_text(text: str, host: str) -> str:
    found = resolve_region(text, host)
    if len(found) == 1:
        return found[0]
    city = places.find_city(text)
    if city is not None and city.country == host and city.region:
        return city.region
    return ""


def _parse_day(text: str) -> dt.date | None:
    text = text.strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _status_flow(chat: BotChat, state: dict, event: Event) -> list[Reply]:
    step, data = state.get("step"), state.setdefault("data", {})
    value = event.button[2:] if event.button.startswith("v:") else event.text.strip()
    answer_step = STATUS_STEPS.get(step)
    if answer_step is None:
        return _unknown()
    return answer_step(chat, state, data, value)


def _status_citizenship(chat: BotChat, state: dict, data: dict, value: str) -> list[Reply]:
    code = value.upper()
    if not (len(code) == 2 and places.is_country(code)):
        return [Reply(_("Please press a button or type a two-letter country code such as KG."))]
    data["citizenship"], state["step"] = code, "host"
    services.save_state(chat, state)
    return [Reply(_("In which country are you now?"),
                  [[(places.country_name(c, chat.language), f"v:{c}") for c in HOSTS if c != code]])]


def _status_host(chat: BotChat, state: dict, data: dict, value: str) -> list[Reply]:
    code = value.upper()
    if code not in HOSTS or code == data["citizenship"]:
        return [Reply(_("Please press one of the buttons."))]
    data["host_country"], state["step"] = code, "region"
    services.save_state(chat, state)
    return [_ask_region(code)]


def _status_region(chat: BotChat, state: dict, data: dict, value: str) -> list[Reply]:
    region = _region_from_text(value, data["host_country"])
    if not region:
        return [Reply(_("I do not know this region. Press a button or type the name of a city.")),
                _ask_region(data["host_country"])]
    data["region"], state["step"] = region, "entry"
    services.save_state(chat, state)
    return [Reply(_("When did you last enter the country? Type the date as DD.MM.YYYY."))]


def _status_entry(chat: BotChat, state: dict, data: dict, value: str) -> list[Reply]:
    day = _parse_day(value)
    if day is None or day > today() or day.year < 1992:
        return [Reply(_("Please type a past date as DD.MM.YYYY, for example 01.03.2026."))]
    data["entry_date"], state["step"] = day.isoformat(), "earlier"
    services.save_state(chat, state)
    return [_ask_earlier(data)]


def _status_earlier(chat: BotChat, state: dict, data: dict, value: str) -> list[Reply]:
    if value == "yes":
        state["step"] = "stay"
        services.save_state(chat, state)
        return [_ask_stay_dates()]
    if value != "no":
        return [Reply(_("Please press one of the buttons.")), _ask_earlier(data)]
    state["step"] = "work"
    services.save_state(chat, state)
    return [_ask_work()]


def _status_stay(chat: BotChat, state: dict, data: dict, value: str) -> list[Reply]:
    stay, error = _parse_stay(value, data)
    if error:
        return [Reply(error), _ask_stay_dates()]
    data.setdefault("stays", []).append(stay)
    data["stays"].sort(key=lambda s: s["entry"])
    more = len(data["stays"]) < MAX_STAYS
    state["step"] = "more_stays" if more else "work"
    services.save_state(chat, state)
    saved = _("Saved: %(entry)s – %(exit)s.") % {
        "entry": dt.date.fromisoformat(stay["entry"]).strftime("%d.%m.%Y"),
        "exit": dt.date.fromisoformat(stay["exit"]).strftime("%d.%m.%Y")}
    if not more:
        return [Reply(saved), _ask_work()]
    return [Reply(saved + " " + _("Were you there another time as well?"),
                  [[(_("Yes, add another stay"), "v:yes"), (_("No more"), "v:no")]])]


def _status_more_stays(chat: BotChat, state: dict, data: dict, value: str) -> list[Reply]:
    if value == "yes":
        state["step"] = "stay"
        services.save_state(chat, state)
        return [_ask_stay_dates()]
    if value != "no":
        return [Reply(_("Please press one of the buttons."))]
    state["step"] = "work"
    services.save_state(chat, state)
    return [_ask_work()]


def _status_work(chat: BotChat, state: dict, data: dict, value: str) -> list[Reply]:
    if value not in ("legal_entity", "individual", "none"):
        return [Reply(_("Please press one of the buttons."))]
    data["employment"], state["step"] = value, "patent"
    services.save_state(chat, state)
    return [Reply(_("If you have a patent: until which date is it paid? Type DD.MM.YYYY, or press Skip."),
                  [[(_("Skip"), "v:skip")]])]


def _status_patent(chat: BotChat, state: dict, data: dict, value: str) -> list[Reply]:
    if value != "skip":
        day = _parse_day(value)
        if day is None:
            return [Reply(_("Please type the date as DD.MM.YYYY, or press Skip."), [[(_("Skip"), "v:skip")]])]
        data["documents"] = [{"type": "patent", "expires": day.isoformat()}]
    return _status_answer(chat, data)


# The "know your status" questions in order: each step reads the answer to its question and asks the next.
STATUS_STEPS: dict[str, Callable[[BotChat, dict, dict, str], list[Reply]]] = {
    "citizenship": _status_citizenship, "host": _status_host, "region": _status_region,
    "entry": _status_entry, "earlier": _status_earlier, "stay": _status_stay, "more_stays": _status_more_stays,
    "work": _status_work, "patent": _status_patent,
}


MAX_STAYS = 5


def _ask_earlier(data: dict) -> Reply:
    host = places.country_name(data["host_country"], translation.get_language())
    return Reply(_("Before this entry, were you in %(country)s during the last 180 days or since the start of "
                   "this year? Earlier stays count towards the limits on how long you may stay.")
                 % {"country": host}, [[(_("Yes"), "v:yes"), (_("No"), "v:no")]])


def _ask_stay_dates() -> Reply:
    return Reply(_("Type the entry and exit dates of that stay as two dates DD.MM.YYYY, for example "
                   "05.01.2026 20.02.2026."))


def _ask_work() -> Reply:
    return Reply(_("Do you work, and for whom?"), [
        [(_("A company or organisation"), "v:legal_entity")],
        [(_("A private person (household)"), "v:individual")],
        [(_("I do not work / not yet"), "v:none")]])


def _parse_stay(text: str, data: dict) -> tuple[dict | None, str]:
    """An earlier stay {entry, exit} from two typed dates, or an error message in the chat's language. The
    checks are the engine's (rules.engine.evaluate._stays), asked here so the person can correct one stay."""
    parts = [p for p in text.replace("–", " ").replace("—", " ").replace(",", " ").split() if p != "-"]
    days = [_parse_day(p) for p in parts]
    if len(days) != 2 or None in days:
        return None, _("I could not read two dates. Please type them as DD.MM.YYYY DD.MM.YYYY.")
    first, last = days
    current = dt.date.fromisoformat(data["entry_date"])
    if last < first:
        return None, _("The exit date is before the entry date. Please check the order of the dates.")
    if first.year < 1992:
        return None, _("Please type a past date as DD.MM.YYYY, for example 01.03.2026.")
    if last >= current:
        return None, _("That stay must have ended before your last entry (%(date)s).") % {
            "date": current.strftime("%d.%m.%Y")}
    for other in data.get("stays", []):
        if first <= dt.date.fromisoformat(other["exit"]) and dt.date.fromisoformat(other["entry"]) <= last:
            return None, _("These dates overlap a stay you already gave. Please check them.")
    return {"entry": first.isoformat(), "exit": last.isoformat()}, ""


def _status_answer(chat: BotChat, data: dict) -> list[Reply]:
    as_of = today()
    try:
        profile, as_of = parse_profile(dict(data), as_of)
        answer = evaluate(profile, as_of, chat.language, rulebook=current_rulebook())
    except ProfileError:
        services.save_state(chat, {})
        return [Reply(_("I could not use these answers. Please start again."), [[(_("Start again"),
                                                                                   "menu:status")]])]
    services.save_status_profile(chat, data)
    dated = sorted((i for i in answer.items if getattr(i, "due", None)), key=lambda i: i.due)
    lines = [_("Your deadlines (as of %(date)s):") % {"date": as_of.strftime("%d.%m.%Y")}]
    deadlines = []
    for item in dated:
        overdue = getattr(item, "overdue", None)
        overdue = item.due < as_of if overdue is None else bool(overdue)
        topic = str(TOPIC_LABELS.get(item.topic, item.topic))
        doc = f" ({DOCUMENT_LABELS[item.document]})" if getattr(item, "document", None) in DOCUMENT_LABELS else ""
        mark = _("OVERDUE") + " " if overdue else ""
        text = item.text if len(item.text) <= MAX_TEXT else item.text[:MAX_TEXT].rsplit(" ", 1)[0] + "…"
        lines.append(f"• {mark}{item.due.strftime('%d.%m.%Y')}: {topic}{doc}. {text}")
        if not overdue:
            deadlines.append({"topic": item.topic, "document": getattr(item, "document", None) or "",
                              "due": item.due.isoformat()})
    if not dated:
        lines.append(_("No dated deadline follows from your answers."))
    others = len(answer.items) - len(dated)
    if others:
        lines.append(_("%(count)d more points without a date (rights, risks, what is not covered) are on the "
                       "full page.") % {"count": others})
    lines.append(_("Full answer with sources: %(url)s") % {"url": f"{settings.SITE_URL}/{chat.language}/rules/"})
    services.save_state(chat, {"flow": "status", "step": "subscribe", "deadlines": deadlines})
    replies = [Reply("\n".join(lines))]
    if dated:
        replies.append(Reply(_("The dates as a calendar file for your phone:"),
                             document=("huquq-deadlines.ics", answer_to_ics(answer, "Huquq"))))
    if deadlines:
        replies.append(Reply(_("Shall I remind you of these dates (7 days before, 1 day before and on the day)?"),
                             [[(_("Yes, remind me"), "sub:yes"), (_("By SMS"), "sub:sms"), (_("No"), "sub:no")]]))
    return replies


def _subscribe_flow(chat: BotChat, state: dict, event: Event) -> list[Reply]:
    if event.button == "sub:yes":
        count = services.subscribe(chat, state.get("deadlines", []))
        services.save_state(chat, {})
        return [Reply(_("Done: %(count)d reminders. They will only say that a date is near; send /stop to end "
                        "them.") % {"count": count}), _menu()]
    if event.button == "sub:sms":
        state["step"] = "sms_phone"
        services.save_state(chat, state)
        return [Reply(_("Type the phone number for the SMS in international format: + and the country code, "
                        "then the number. I keep it encrypted until /stop or /forget."))]
    if state.get("step") == "sms_phone" and event.text and not event.text.startswith("/"):
        phone = services.normalise_phone(event.text)
        if not phone:
            return [Reply(_("This is not a phone number in international format. Type + and the country code, "
                            "then the number (digits only)."))]
        count = services.subscribe(chat, state.get("deadlines", []), sms_phone=phone)
        services.save_state(chat, {})
        return [Reply(_("Done: %(count)d reminders by SMS to %(phone)s. They will only say that a date is near; "
                        "send /stop here to end them.") % {"count": count, "phone": phone}), _menu()]
    if event.button == "sub:no":
        services.save_state(chat, {})
        return [_menu()]
    return _unknown()


# --- find help ---------------------------------------------------------------------------------------

def _start_help(chat: BotChat) -> list[Reply]:
    services.save_state(chat, {"flow": "help", "step": "city"})
    return [Reply(_("In which city are you? Type its name."))]


def _help_flow(chat: BotChat, state: dict, event: Event) -> list[Reply]:
    if state.get("step") == "city":
        city = places.find_city(event.text)
        if city is None:
            return [Reply(_("I do not know this city. Type it again, for example Москва, Novosibirsk, Almaty."))]
        services.save_state(chat, {"flow": "help", "step": "service", "city": event.text.strip()})
        buttons = []
        for code in HELP_SERVICES:
            service = directory_selectors.service_by_code(code)
            if service is not None:
                buttons.append([(service.label(chat.language), f"v:{code}")])
        return [Reply(_("What do you need?"), buttons)]
    if state.get("step") == "service" and event.button.startswith("v:"):
        params = {"city": state["city"], "service": event.button[2:], "language": chat.language}
        result = directory_search.search(params)
        services.save_state(chat, {})
        top = result.matches[:3]
        if not top:
            return [Reply(_("I found no organisation for this search. The full directory: %(url)s")
                          % {"url": f"{settings.SITE_URL}/{chat.language}/registry/help/"}), _menu()]
        lines = [_("Who can help (best match first):")]
        for match in top:
            e = match.entry
            contacts = ", ".join(x for x in (e.phone, e.telegram, e.email, e.website, e.address) if x)
            lines.append(f"• {e.name}" + (f" — {contacts}" if contacts else ""))
        query = urlencode(result.query.params())
        lines.append(_("More: %(url)s") % {"url": f"{settings.SITE_URL}/{chat.language}/registry/help/?{query}"})
        return [Reply("\n".join(lines)), _menu()]
    return _unknown()


# --- check an employer -------------------------------------------------------------------------------

def _start_employer(chat: BotChat) -> list[Reply]:
    services.save_state(chat, {"flow": "employer"})
    return [Reply(_("Type the employer's or recruiter's name, in any script."))]


def _employer_flow(chat: BotChat, state: dict, event: Event) -> list[Reply]:
    name = event.text.strip()
    if not name or name.startswith("/"):
        return [Reply(_("Type a name, please."))]
    services.save_state(chat, {})
    found = warnings_list.search_published(name)[:3]
    if not found:
        return [Reply(_("“%(name)s” is not on the warnings list. The list names only employers with verified "
                        "violations from several reporters, so this is not a guarantee.") % {"name": name[:100]}),
                _menu()]
    lines = [_("On the warnings list:")]
    for warning, _score in found:
        counts = ", ".join(f"{violation_types()[code].label if code in violation_types() else code}: {n}"
                           for code, n in warning.violation_counts)
        lines.append(f"• {warning.name} ({warning.city}) — {counts}")
        lines.append(f"  {settings.SITE_URL}/{chat.language}/registry/warnings/{warning.entity_id}/")
    return [Reply("\n".join(lines)), _menu()]


# --- report a violation ------------------------------------------------------------------------------

def _start_report(chat: BotChat) -> list[Reply]:
    services.save_state(chat, {"flow": "report", "step": "consent"})
    return [Reply(_("Before you report: what you tell me (what happened, employer, city, how to contact you, "
                    "a voice note or photo if you send one) goes to one organisation that helps migrants and "
                    "has agreed to receive reports from this bot. Only its staff see it; files are stored "
                    "encrypted. The organisation keeps the case under its own rules; you can ask it to delete "
                    "it. Nothing is published. Do you agree?"),
                  [[(_("I agree"), "consent:yes"), (_("No, cancel"), "consent:no")]])]


def _report_flow(chat: BotChat, state: dict, event: Event) -> list[Reply]:
    step = state.get("step")
    value = event.button[2:] if event.button.startswith("v:") else event.text.strip()
    if step == "consent":
        if event.button == "consent:no":
            services.save_state(chat, {})
            return [Reply(_("Cancelled; nothing was stored.")), _menu()]
        if event.button != "consent:yes":
            return [Reply(_("Please press one of the buttons."))]
        state["step"] = "type"
        services.save_state(chat, state)
        return [Reply(_("What happened?"), [[(violation_types()[c].label, f"v:{c}")] for c in REPORT_TYPES
                                            if c in violation_types()])]
    if step == "type":
        if value not in violation_types():
            return [Reply(_("Please press one of the buttons."))]
        state.update(step="employer", type=value)
        services.save_state(chat, state)
        return [Reply(_("Who is the employer or intermediary? Type the name, or press Skip."),
                      [[(_("Skip"), "v:skip")]])]
    if step == "employer":
        state.update(step="city", employer="" if value == "skip" else value[:200])
        services.save_state(chat, state)
        return [Reply(_("In which city did it happen?"))]
    if step == "city":
        if not value:
            return [Reply(_("Type the name of the city, please."))]
        state.update(step="contact", city=value[:100])
        services.save_state(chat, state)
        return [Reply(_("How can the organisation contact you (phone or Telegram name)? Or press Skip: they "
                        "will not be able to answer you then."), [[(_("Skip"), "v:skip")]])]
    if step == "contact":
        state.update(step="media", contact="" if value == "skip" else value[:100], media=[])
        services.save_state(chat, state)
        return [Reply(_("You may send a voice note or a photo (up to %(n)d), then press Send. Or press Send now.")
                      % {"n": MAX_MEDIA}, [[(_("Send the report"), "v:send")]])]
    if step == "media":
        if event.too_large:
            return [Reply(_("The file is larger than 10 MB."), [[(_("Send the report"), "v:send")]])]
        if event.media is not None:
            name, content_type, path = event.media
            pending = state.setdefault("media", [])
            if len(pending) >= MAX_MEDIA:
                Path(path).unlink(missing_ok=True)
                return [Reply(_("That is enough files; press Send."), [[(_("Send the report"), "v:send")]])]
            pending.append({"token": services.stash_media(path), "name": name, "type": content_type})
            services.save_state(chat, state)
            return [Reply(_("Received. Send more, or press Send."), [[(_("Send the report"), "v:send")]])]
        if value == "send":
            return _choose_recipient(chat, state)
        return [Reply(_("Send a voice note or a photo, or press Send."), [[(_("Send the report"), "v:send")]])]
    if step == "recipient" and event.button.startswith("org:"):
        recipient = ReportRecipient.objects.filter(pk=event.button[4:], active=True).first()
        if recipient is None:
            return [Reply(_("Please press one of the buttons."))]
        return _submit(chat, state, recipient)
    return _unknown()


def _choose_recipient(chat: BotChat, state: dict) -> list[Reply]:
    recipients = selectors.recipients_for(state.get("city", ""), chat.language)
    if not recipients:
        services.drop_media(services.state_media_tokens(state))
        services.save_state(chat, {})
        return [Reply(_("Sorry: no organisation receives reports from this bot for this city yet. Nothing was "
                        "stored. Find help by phone: %(url)s") % {"url": f"{settings.SITE_URL}/{chat.language}"
                                                                        "/registry/help/"}), _menu()]
    if len(recipients) == 1:
        return _submit(chat, state, recipients[0])
    state["step"] = "recipient"
    services.save_state(chat, state)
    return [Reply(_("Several organisations can receive it. Choose one:"),
                  [[(r.organisation.name, f"org:{r.pk}")] for r in recipients[:8]])]


def _submit(chat: BotChat, state: dict, recipient: ReportRecipient) -> list[Reply]:
    case = services.submit_report(chat, recipient, violation_type=state["type"], employer_name=state.get(
        "employer", ""), city=state.get("city", ""), contact=state.get("contact", ""), description="",
        pending=[m for m in state.get("media", []) if isinstance(m, dict)])
    lost = case.media_lost
    services.save_state(chat, {})
    text = _("Sent to %(org)s. Your reference: %(ref)s. They decide how to follow up and contact you if you left "
             "a contact.") % {"org": recipient.organisation.name, "ref": case.reference}
    if lost > 0:
        text += " " + _("%(n)d files were lost on our side; please send them to the organisation directly.") % {
            "n": lost}
    return [Reply(text), _menu()]


def _status_or_subscribe(chat: BotChat, state: dict, event: Event) -> list[Reply]:
    if state.get("step") in ("subscribe", "sms_phone"):
        return _subscribe_flow(chat, state, event)
    return _status_flow(chat, state, event)


STARTERS = {"status": _start_status, "help": _start_help, "employer": _start_employer, "report": _start_report,
            "contract": lambda chat: contract_dialogue.start(chat), "back": lambda chat: [_menu()]}
FLOWS = {"status": _status_or_subscribe, "help": _help_flow, "employer": _employer_flow, "report": _report_flow,
         "contract": lambda chat, state, event: contract_dialogue.flow(chat, state, event)}
