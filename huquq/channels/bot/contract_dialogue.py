"""The bot's contract check (issue 20): the public page's questions, one per message, with the engine's
answer keys as buttons; the answer is `huquq.rules.engine.contract.check` and the recruiter/employer lookup
is `contract_services.warnings_for` (the page's matcher).

Nothing is stored beyond the chat's encrypted dialogue state while the questions are asked; the state is
cleared when the answer is given (or the person starts something else). Sending the check to an organisation
goes through the existing report dialogue, which asks for consent first.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from huquq.channels import contract_services, services
from huquq.channels.contract_forms import PAYMENT_LABELS, TERM_LABELS, ContractCheckForm
from huquq.channels.contract_views import ACTION_LABELS, KIND_LABELS, _help_links
from huquq.channels.models import BotChat
from huquq.languages.uz_cyrl import latin_to_cyrillic
from huquq.registry.directory import places
from huquq.rules.engine import contract
from huquq.rules.presentation import source_view

from . import dialogue as d

ORIGINS = ("KG", "TJ", "UZ")
MESSAGE_LIMIT = 3900  # Telegram refuses messages over 4096 characters
YES_NO_STEPS = ("written", "understood", "copy", "notarised", "passport", "substitution")


def _label(name: str) -> str:
    return str(ContractCheckForm.base_fields[name].label)


def _yes_no(step: str) -> d.Reply:
    return d.Reply(_label(step), [[(_("Yes"), "v:yes"), (_("No"), "v:no")]])


def _pick(step: str, chosen: list[str]) -> d.Reply:
    labels = TERM_LABELS if step == "terms" else PAYMENT_LABELS
    rows = [[(("✓ " if code in chosen else "") + str(label), f"t:{code}")] for code, label in labels.items()]
    rows.append([(_("Done"), "v:done")])
    return d.Reply(_label(step) + "\n" + _("Press a button for each one, then press Done."), rows)


def _ask(step: str, data: dict) -> d.Reply:
    if step == "origin":
        lang = translation.get_language()
        return d.Reply(_("Your citizenship? Press a button or type the two-letter country code."),
                       [[(places.country_name(c, lang), f"v:{c}") for c in ORIGINS],
                        [(_("Another country"), "v:other")]])
    if step == "host":
        return d.Reply(_label("host"), [[(str(label), f"v:{code or 'other'}")]
                                        for code, label in ContractCheckForm.base_fields["host"].choices])
    if step in ("terms", "pays"):
        return _pick(step, data.get(step, []))
    if step in ("recruiter", "employer"):
        return d.Reply(_label(step) + "\n" + _("Type the name, or press Skip."), [[(_("Skip"), "v:skip")]])
    return _yes_no(step)


def _next_step(step: str, data: dict) -> str:
    """The question after `step`; the page's order, skipping what does not apply (as the engine does)."""
    order = ["origin", "host", "written", "understood", "terms", "copy", "notarised", "pays", "passport",
             "substitution", "recruiter", "employer", "answer"]
    position = order.index(step) + 1
    while True:
        candidate = order[position]
        if candidate in ("understood", "terms", "copy", "notarised") and data.get("written") != "yes":
            position += 1
        elif candidate == "notarised" and data.get("origin") != "UZ":
            position += 1
        else:
            return candidate


def start(chat: BotChat) -> list[d.Reply]:
    services.save_state(chat, {"flow": "contract", "step": "origin", "data": {}})
    return [d.Reply(_("I will ask the questions of the contract check one by one. I keep your answers only "
                      "until I give you the result, then I erase them.")), _ask("origin", {})]


def flow(chat: BotChat, state: dict, event: d.Event) -> list[d.Reply]:
    step, data = state.get("step", ""), state.setdefault("data", {})
    value = event.button[2:] if event.button.startswith("v:") else event.text.strip()
    if step == "origin":
        code = "" if value == "other" else value.upper()
        if code and not (len(code) == 2 and places.is_country(code)):
            return [d.Reply(_("Please press a button or type a two-letter country code such as KG.")),
                    _ask(step, data)]
        data["origin"] = code
    elif step == "host":
        if value not in ("RU", "KZ", "other"):
            return [d.Reply(_("Please press one of the buttons.")), _ask(step, data)]
        data["host"] = "" if value == "other" else value
    elif step in YES_NO_STEPS:
        if value not in ("yes", "no"):
            return [d.Reply(_("Please press one of the buttons.")), _ask(step, data)]
        data[step] = value
    elif step in ("terms", "pays"):
        allowed = contract.TERMS if step == "terms" else contract.PAYMENTS
        chosen = data.setdefault(step, [])
        if event.button.startswith("t:") and event.button[2:] in allowed:
            code = event.button[2:]
            chosen.remove(code) if code in chosen else chosen.append(code)
            services.save_state(chat, state)
            return [_pick(step, chosen)]
        if value != "done":
            return [d.Reply(_("Please press one of the buttons.")), _pick(step, chosen)]
    elif step in ("recruiter", "employer"):
        if not value or value.startswith("/"):
            return [d.Reply(_("Type a name, please.")), _ask(step, data)]
        data[step] = "" if event.button == "v:skip" else value[:200]
    else:
        return d._unknown()
    following = _next_step(step, data)
    if following == "answer":
        services.save_state(chat, {})  # the answers are erased before the result is given
        return answer(chat, data)
    state["step"] = following
    services.save_state(chat, state)
    return [_ask(following, data)]


def _finding_text(finding: contract.Finding) -> str:
    text = finding.text
    if translation.get_language() == "uz-cyrl" and finding.text_lang == "uz":  # as the page (contract_views._row)
        text = latin_to_cyrillic(text)
    text = text if len(text) <= d.MAX_TEXT else text[:d.MAX_TEXT].rsplit(" ", 1)[0] + "…"
    lines = [f"• {KIND_LABELS.get(finding.kind, '')}: {text}"]
    if finding.missing:
        lines.append(_("Missing from your contract:") + " " + ", ".join(str(TERM_LABELS[t]) for t in finding.missing))
    if finding.pays:
        lines.append(_("You are asked to pay for:") + " " + ", ".join(str(PAYMENT_LABELS[p]) for p in finding.pays))
    lines.append(_("What to do:") + " " + str(ACTION_LABELS[finding.action]))
    titles = list(dict.fromkeys(source_view(s).label for s in finding.sources))
    if titles:
        lines.append(_("Sources") + ": " + "; ".join(titles))
    return "\n".join(lines)


def _chunks(blocks: list[str]) -> list[str]:
    out, current = [], ""
    for block in blocks:
        if current and len(current) + 2 + len(block) > MESSAGE_LIMIT:
            out.append(current)
            current = ""
        current = f"{current}\n\n{block}" if current else block
    if current:
        out.append(current)
    return out


def answer(chat: BotChat, data: dict) -> list[d.Reply]:
    """The result: warnings for the named recruiter/employer, the findings, the links; nothing stored."""
    try:
        answers = contract.parse_answers(data)
    except contract.AnswerError:
        return [d.Reply(_("I could not use these answers. Please start again."),
                        [[(_("Start again"), "menu:contract")]])]
    lang = (translation.get_language() or "ru").split("-")[0]
    findings = contract.check(answers, d.today(), lang)
    blocks = []
    warned = contract_services.warnings_for(answers)
    for w in warned:
        heading = (_("The recruiter you named is on the warnings list") if w.role == "recruiter"
                   else _("The employer you named is on the warnings list"))
        blocks.append("⚠ " + heading + "\n" + _(
            "“%(typed)s” matches “%(listed)s”, published after verified reports from casework.")
            % {"typed": w.name[:100], "listed": w.warning.name} + "\n"
            + f"{settings.SITE_URL}{reverse('registry:warning', args=[w.warning.entity_id])}")
    for role, name in (("recruiter", answers.recruiter), ("employer", answers.employer)):
        if name and not any(w.role == role for w in warned):
            blocks.append(_("“%(name)s” is not on the warnings list. The list names only employers with verified "
                            "violations from several reporters, so this is not a guarantee.") % {"name": name[:100]})
    if findings:
        blocks.append(_("Contract check: the result"))
        blocks.extend(_finding_text(f) for f in findings)
    else:
        blocks.append(_("Nothing missing or unlawful was found in your answers. Keep your copy of the contract and "
                        "your passport with you."))
    links = [_("Who can help")] + [f"• {label}: {settings.SITE_URL}{url}" for label, url in _help_links(answers)]
    links.append(_("The full check with quotes of the sources: %(url)s")
                 % {"url": settings.SITE_URL + reverse("channels:contract_check")})
    blocks.append("\n".join(links))
    blocks.append(_("This check is information, not legal advice. The rules are dated and cited; a lawyer has not "
                    "yet confirmed them all."))
    replies = [d.Reply(text) for text in _chunks(blocks)]
    replies.append(d.Reply(_("Your answers are erased. Do you want to report this to an organisation that helps "
                             "migrants? I will ask for your consent first."),
                           [[(_("Report a violation"), "menu:report")], [(_("No, back to the menu"), "menu:back")]]))
    return replies
