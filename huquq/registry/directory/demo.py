"""Demo data of the registry app: the help directory's services and seed entries (idempotent).

For trying the edit form, the demo organisation "Demo NGO Bishkek" (from accounts/demo.py) gets its own,
clearly fictional directory entry without contacts; its org_admin (bishkek-org-admin) may edit it and the
demo superuser (admin) may verify it.
"""

from huquq.accounts.models import Organisation

from . import seed
from .models import DirectoryEntry, ServedArea


def load() -> str:
    summary = str(seed.load())
    org = Organisation.objects.filter(slug="demo-bishkek").first()
    if org is not None and not DirectoryEntry.objects.filter(organisation=org).exists():
        entry = DirectoryEntry.objects.create(
            slug="demo-ngo-bishkek", name="Demo NGO Bishkek (demo entry)", organisation=org,
            description="A fictional entry for trying the edit form; not a real organisation.",
        )
        ServedArea.objects.create(entry=entry, country="KG", region="KG-GB", city_ru="Бишкек", city_latin="Bishkek")
        summary += "; demo entry for Demo NGO Bishkek"
    return summary
