"""The contract check outside the rules engine (issue 20): the warnings-list lookup of the named recruiter and
employer, and turning a check into an intake case — only when the person consents, or when a caseworker does
the check with the person.

The check itself is `huquq.rules.engine.contract.check` (pure, stores nothing). Nothing here is called before
the person (or the caseworker) asks for it; the public page keeps the answers only in the page itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from huquq.accounts import audit
from huquq.cases import services as case_services
from huquq.cases.models import Channel
from huquq.registry.employers.warnings import PublishedWarning, search_published
from huquq.rules.engine import contract

from .models import ReportRecipient


@dataclass
class NamedWarning:
    role: str  # "recruiter" or "employer"
    name: str  # as the person typed it
    warning: PublishedWarning


def warnings_for(answers: contract.Answers) -> list[NamedWarning]:
    """Published warnings (the moderated list, never unlisted entities) matching the names in the answers."""
    out = []
    for role, name in (("recruiter", answers.recruiter), ("employer", answers.employer)):
        if not name:
            continue
        for warning, _score in search_published(name)[:3]:
            out.append(NamedWarning(role=role, name=name, warning=warning))
    return out


def _summary(answers: contract.Answers, findings: list[contract.Finding]) -> str:
    lines = ["Contract check (issue 20), answers given by the person:"]
    for key, value in answers.as_dict().items():
        if key in ("recruiter", "employer"):
            continue
        lines.append(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")
    lines.append("Findings:")
    for f in findings:
        detail = ", ".join(f.missing or f.pays)
        lines.append(f"  {f.rule_id} ({f.kind}){': ' + detail if detail else ''}")
    return "\n".join(lines)


def _description(violation_type: str, answers: contract.Answers) -> str:
    names = [f"Recruiter (as reported): {answers.recruiter}" if answers.recruiter else "",
             f"Employer (as reported): {answers.employer}" if answers.employer else ""]
    if violation_type == "recruitment_fee" and answers.pays:
        names.append(f"Asked to pay for: {', '.join(sorted(answers.pays))}")
    return "\n".join(n for n in names if n)


@transaction.atomic
def case_from_check(answers: contract.Answers, findings: list[contract.Finding], *, organisation, actor=None,
                    channel: str = Channel.WALK_IN, contact: str = "", consent: bool = False):
    """An intake case in `organisation` with a violation pre-filled for each violation type the findings
    suggest (unverified until a caseworker verifies it). `actor` None: the person sent it from the public
    page and `consent` must be True (recorded as the client's consent to storing)."""
    if actor is None and not consent:
        raise PermissionError("a check is stored only with the person's consent")
    client = {"phone": contact} if contact else {}
    if answers.origin:
        client["citizenship"] = answers.origin
    case = case_services.create_case(
        actor=actor, organisation=organisation, title="Contract check"[:200], client=client, channel=channel,
        host_country=answers.host, summary=_summary(answers, findings))
    for violation_type in contract.violation_types(findings):
        case_services.add_violation(case, actor=actor, type=violation_type, country=answers.host,
                                    description=_description(violation_type, answers))
    if consent:
        case_services.record_consent(case, actor=actor, allows_store=True, given_on=timezone.localdate())
    return case


def send_check(recipient: ReportRecipient, answers: contract.Answers, findings: list[contract.Finding], *,
               contact: str = "", consent: bool):
    """The person sends the check to an organisation that receives reports (the bot's recipients)."""
    case = case_from_check(answers, findings, organisation=recipient.organisation, channel=Channel.WEB,
                           contact=contact, consent=consent)
    audit.record(None, "share", case, organisation=recipient.organisation, detail={"channel": "contract_check"})
    return case
