"""Demo cases: stories told in the seed reports, pseudonymised (no real names), each citing its seed.

Loaded by `huquq load_demo` after accounts' demo organisations exist. Idempotent: skipped when the
demo organisation already has demo cases (reference prefix DEMO-).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from huquq.accounts.models import Organisation

from . import services
from .models import Case

# (org slug, reference, title, summary, seed, quote, client, host, violations, actions, outcomes, status)
STORIES = [
    {
        "org": "demo-moscow", "reference": "DEMO-0001",
        "title": "Unpaid street cleaners of Housing Service No. 2 (St Petersburg)",
        "summary": "A street cleaner and about 60 co-workers hired through intermediary 'contractors' were not "
                   "paid for more than three months, had no contracts or permits; the contractor and police "
                   "evicted her from housing. Story retold from the seed; names removed.",
        "seed": "003_7d9f1d547931b5c5.txt",
        "quote": "had not received their pay for more than three months, while continuing to work",
        "client": {"sex": "female", "citizenship": "TJ", "age_group": "unknown", "work_permit": "none"},
        "host": ("RU", "RU-SPE", "Saint Petersburg"), "opened_on": datetime.date(2011, 3, 1),
        "violations": [("wage_theft", datetime.date(2010, 12, 1), "employer"),
                       ("no_written_contract", datetime.date(2010, 12, 1), "employer"),
                       ("police_extortion", None, "police")],
        "actions": [("media", "Approached a television station; the housing services refused to talk.")],
        "outcomes": [], "status": "action",
    },
    {
        "org": "demo-moscow", "reference": "DEMO-0002",
        "title": "Saw-mill workers' passports taken, wages refused (Sosnovy Bor)",
        "summary": "Three workers at a saw-mill worked two months; the employer's son took their passports and "
                   "refused to pay, demanding a fee for work permits. Names removed.",
        "seed": "003_7d9f1d547931b5c5.txt",
        "quote": "took their passports and refused to pay their salary",
        "client": {"sex": "male", "citizenship": "TJ", "age_group": "unknown", "work_permit": "none"},
        "host": ("RU", "RU-LEN", "Sosnovy Bor"), "opened_on": datetime.date(2011, 1, 15),
        "violations": [("document_confiscation", None, "employer"), ("wage_theft", None, "employer")],
        "actions": [("negotiation", "")], "outcomes": [], "status": "assessment",
    },
    {
        "org": "demo-bishkek", "reference": "DEMO-0003",
        "title": "Pechatny Express printing-house fire (Moscow): compensation for families",
        "summary": "Seventeen women died in a fire at a printing house; 14 were migrant workers from Kyrgyzstan. "
                   "Families were paid compensation after consultations between the states.",
        "seed": "000_08e710d63eae9192.txt",
        "quote": "Seventeen women, 14 of whom were migrant workers from Kyrgyzstan",
        "client": {"sex": "female", "citizenship": "KG", "age_group": "unknown"},
        "host": ("RU", "RU-MOW", "Moscow"), "opened_on": datetime.date(2016, 8, 27),
        "violations": [("injury_or_death_at_work", datetime.date(2016, 8, 27), ""),
                       ("unsafe_work", datetime.date(2016, 8, 27), "")],
        "actions": [("consular_request", "The embassy raised compensation for the victims' families.")],
        "outcomes": [("compensation", Decimal("300000"), "KGS",
                      "Each family was paid 300,000 som in September 2016 (seed 000).")],
        "status": "resolved",
    },
    {
        "org": "demo-moscow", "reference": "DEMO-0004",
        "title": "Deportation order against a Belarusian citizen without a migration card",
        "summary": "A district court ordered deportation and detention for not having a migration card; the order "
                   "had to be appealed to the city court to obtain release. Name removed.",
        "seed": "000_08e710d63eae9192.txt",
        "quote": "ruled to deport Belarusian citizen",
        "client": {"sex": "male", "citizenship": "BY", "age_group": "unknown", "migration_card": "no"},
        "host": ("RU", "RU-SPE", "Saint Petersburg"), "opened_on": datetime.date(2016, 4, 14),
        "violations": [("expulsion", datetime.date(2016, 4, 14), "court"),
                       ("unlawful_detention", datetime.date(2016, 4, 14), "court")],
        "actions": [("court_claim", "Appeal to the Saint Petersburg City Court.")],
        "outcomes": [("released", None, "", "Released after the appeal.")], "status": "resolved",
    },
    {
        "org": "demo-moscow", "reference": "DEMO-0005",
        "title": "Infant separated from his mother during a migration raid died (Saint Petersburg)",
        "summary": "A mother was detained in a raid; officers took her five-month-old son from her; he died in "
                   "hospital that night. The criminal case was closed. Names removed.",
        "seed": "000_08e710d63eae9192.txt",
        "quote": "a five-month old infant, Umarali Nazarov, who had been separated from his mother",
        "client": {"sex": "female", "citizenship": "TJ", "age_group": "unknown", "migration_card": "unknown"},
        "host": ("RU", "RU-SPE", "Saint Petersburg"), "opened_on": datetime.date(2015, 10, 13),
        "violations": [("unlawful_detention", datetime.date(2015, 10, 13), "migration_service"),
                       ("denial_of_medical_care", datetime.date(2015, 10, 13), "police"),
                       ("expulsion", None, "court"), ("consular_refusal", None, "consulate")],
        "actions": [("police_report", "Criminal case opened under public pressure; later closed.")],
        "outcomes": [], "status": "closed",
    },
    {
        "org": "demo-bishkek", "reference": "DEMO-0006",
        "title": "Fire in a sewing workshop where workers lived (Moscow, Stromynka)",
        "summary": "Twelve people, including three children, living in a sewing workshop died in a night fire; "
                   "eight were Kyrgyz citizens.",
        "seed": "000_08e710d63eae9192.txt",
        "quote": "twelve people, including three children, living in a sewing workshop in Moscow",
        "client": {"sex": "unknown", "citizenship": "KG", "age_group": "unknown"},
        "host": ("RU", "RU-MOW", "Moscow"), "opened_on": datetime.date(2016, 1, 15),
        "violations": [("injury_or_death_at_work", None, ""), ("unsafe_work", None, "")],
        "actions": [], "outcomes": [], "status": "assessment",
    },
]


def load() -> str:
    created = 0
    orgs = {o.slug: o for o in Organisation.objects.filter(slug__in=["demo-bishkek", "demo-moscow",
                                                                      "demo-kg-consulate"])}
    if "demo-bishkek" not in orgs or "demo-moscow" not in orgs:
        return "skipped: accounts demo organisations missing"
    for story in STORIES:
        org = orgs[story["org"]]
        if Case.objects.filter(organisation=org, reference=story["reference"]).exists():
            continue
        country, region, city = story["host"]
        summary = f"{story['summary']}\n\nSource: {story['seed']} — “{story['quote']}”"
        case = services.create_case(actor=None, organisation=org, reference=story["reference"],
                                    title=story["title"], summary=summary, opened_on=story["opened_on"],
                                    host_country=country, host_region=region, host_city=city,
                                    currency="KGS" if story["org"] == "demo-bishkek" else "RUB",
                                    client={"name": "", **story["client"]})
        for code, started, actor in story["violations"]:
            services.add_violation(case, actor=None, type=code, started_on=started, country=country,
                                   region=region, city=city, state_actor=actor if actor not in ("", "employer") else "",
                                   description=f"See {story['seed']}.")
        for kind, note in story["actions"]:
            services.add_action(case, actor=None, kind=kind, started_on=story["opened_on"], note=note)
        for kind, amount, currency, note in story["outcomes"]:
            services.add_outcome(case, actor=None, kind=kind, amount=amount, currency=currency,
                                 achieved_on=story["opened_on"], note=note)
        consul = orgs.get("demo-kg-consulate")
        share_with = [consul] if consul and story["client"]["citizenship"] == "KG" else []
        services.record_consent(case, actor=None, share_with=share_with, fields=["summary", "profile", "violations"],
                                allows_statistics=True, given_on=story["opened_on"])
        path = {"assessment": ["assessment"], "action": ["assessment", "action"],
                "resolved": ["assessment", "action", "resolved"], "closed": ["assessment", "closed"]}
        for status in path.get(story["status"], []):
            services.transition(case, actor=None, to_status=status, reason="demo: as told in the seed")
        # The seeds do not say when these cases were closed: do not pretend it was today.
        Case.objects.filter(pk=case.pk).update(closed_on=None)
        if share_with:
            services.send_referral(case, actor=None, to_organisation=consul, note="demo referral")
        created += 1
    return f"{created} demo cases from the seed reports"
