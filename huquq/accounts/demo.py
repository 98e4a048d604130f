"""Demo organisations and one user per role. Passwords are printed by `make demo`; never use them live."""

from .models import Organisation, User
from .services import create_member, create_organisation

DEMO_PASSWORD = "huquq-demo-2026"

DEMO_ORGANISATIONS = [
    # (slug, name, kind, country, serves nationals of)
    ("demo-bishkek", "Demo NGO Bishkek", Organisation.Kind.NGO, "KG", ""),
    ("demo-moscow", "Demo migrant centre Moscow", Organisation.Kind.NGO, "RU", ""),
    ("demo-kg-consulate", "Demo consulate of Kyrgyzstan", Organisation.Kind.CONSULATE, "RU", "KG"),
]
ROLES = ["intake", "caseworker", "lawyer", "analyst", "org_admin"]


def load() -> str:
    created = 0
    for slug, name, kind, country, nationals in DEMO_ORGANISATIONS:
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            org = create_organisation(name=name, slug=slug, kind=kind, country=country,
                                      serves_nationals_of=nationals)
        roles = ["consular"] if kind == Organisation.Kind.CONSULATE else ROLES
        for role in roles:
            username = f"{slug.split('-', 1)[1]}-{role}".replace("_", "-")
            if not User.objects.filter(username=username).exists():
                create_member(organisation=org, username=username, role=role, password=DEMO_PASSWORD)
                created += 1
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "", DEMO_PASSWORD)
        created += 1
    return f"{created} demo users (password {DEMO_PASSWORD!r}; e.g. bishkek-caseworker, admin)"
