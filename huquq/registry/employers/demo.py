"""Demo employers for `huquq load_demo`: invented firms only (never a real firm on a warnings list).

"Демо-Строй" is approved for the warnings list with a right-of-reply notice sent 30 days ago and a reply;
it appears on the public list only once casework provides two verified violations from two reporters
(huquq.cases.selectors.employer_violation_evidence, e.g. from cases/demo.py), exactly as a real entry would.
"""

import datetime as dt

from django.utils import timezone

from huquq.accounts.models import User

from . import services
from . import warnings as warnings_list
from .models import Employer

DEMO = [
    # (name, kind, city, country, inn or bin, other spellings). No identifiers: any number with valid check
    # digits may belong to a real firm, and a demo must never put a real firm on a warnings list.
    ("ООО «Демо-Строй»", "employer", "Москва", "RU", "",
     ["OOO Demo-Stroy", "Демострой ООО", "demo stroi"]),
    ("ООО «Пример Сервис»", "intermediary", "Москва", "RU", "", ["Primer Servis", "Пример-Сервис"]),
    ("ТОО «Демо Құрылыс»", "employer", "Алматы", "KZ", "", ["TOO Demo Qurylys", "Демо Курылыс"]),
    ("ИП Образцов Демьян", "recruitment_agency", "Екатеринбург", "RU", "", ["IP Obraztsov"]),
]


def load() -> str:
    created = 0
    for name, kind, city, country, ident, variants in DEMO:
        if Employer.objects.filter(names__name=name).exists():
            continue
        fields = {"bin": ident} if country == "KZ" and ident else {"inn": ident} if ident else {}
        employer = services.create_employer(name=name, kind=kind, city=city, country=country, **fields)
        for variant in variants:
            services.add_name(employer, variant)
        created += 1
    moderator = User.objects.filter(is_superuser=True).first()
    demo = Employer.objects.filter(names__name="ООО «Демо-Строй»").first()
    if moderator and demo and not hasattr(demo, "warning"):
        warnings_list.approve(demo, actor=moderator)
        notice = warnings_list.record_notice(demo, actor=moderator, method="letter (demo)",
                                             sent_on=timezone.localdate() - dt.timedelta(days=30))
        warnings_list.record_response(notice, actor=moderator,
                                      response_text="Демо-ответ: компания не согласна и просит связаться с ней.")
    return f"{created} demo employers (invented names); Демо-Строй approved for the warnings list"
