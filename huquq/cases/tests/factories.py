"""Small builders for case tests."""

from huquq.cases import services


def make_case(org, actor=None, *, citizenship="KG", name="Айгуль Токтогулова", **fields):
    fields.setdefault("title", "Unpaid wages at a construction site")
    fields.setdefault("host_country", "RU")
    fields.setdefault("host_region", "RU-MOW")
    client = {"name": name, "phone": "+7 900 000 00 00", "passport": "AC1234567", "sex": "female",
              "age_group": "30-44", "citizenship": citizenship}
    return services.create_case(actor=actor, organisation=org, client=client, **fields)


def share(case, to_org, actor=None, fields=("summary", "profile", "violations"), state=None, **consent_kw):
    consent = services.record_consent(case, actor=actor, share_with=[to_org], fields=fields, **consent_kw)
    referral = services.send_referral(case, actor=actor, to_organisation=to_org)
    if state:
        referral = services.respond_referral(referral, actor=None, state=state)
    return consent, referral
