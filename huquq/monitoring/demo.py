"""Demo data for monitoring: the offices the seeds name, the three shipped questionnaires and a monitor user.

No answers are invented here: scorecards stay empty until someone records a visit or imports an export.
"""

from huquq.accounts.demo import DEMO_PASSWORD
from huquq.accounts.models import Organisation, User
from huquq.accounts.services import create_member

from .models import Office
from .services import install_shipped_forms, load_offices


def load() -> str:
    created = load_offices()
    forms = install_shipped_forms()
    consulate = Organisation.objects.filter(slug="demo-kg-consulate").first()
    if consulate is not None:
        Office.objects.filter(code="kg-embassy-ru", organisation__isnull=True).update(organisation=consulate)
    bishkek = Organisation.objects.filter(slug="demo-bishkek").first()
    users = 0
    if bishkek is not None and not User.objects.filter(username="bishkek-monitor").exists():
        create_member(organisation=bishkek, username="bishkek-monitor", role="monitor", password=DEMO_PASSWORD)
        users = 1
    return f"{created} offices, {len(forms)} questionnaires, {users} monitor user (bishkek-monitor)"
