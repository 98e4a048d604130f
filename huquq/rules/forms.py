"""The public status form: a short questionnaire turned into an engine profile."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from huquq.languages.formatting import babel_locale
from huquq.rules.engine.countries import country_codes, country_name
from huquq.rules.engine.evaluate import LAST_DAY
from huquq.rules.regions import regions, resolve
from huquq.widgets import FastDateInput, FastSelect, FastTextInput

CORRIDOR = ["KG", "TJ", "UZ", "KZ", "AM", "BY", "MD", "UA", "GE", "AZ", "TM", "RU"]
def region_options(lang: str | None = None) -> list[tuple[str, str]]:
    """Every Russian and Kazakh region as (code, name in the page language) for the form's list."""
    return [(r.code, r.label(lang)) for r in regions()]


# Plain names of kinds of work, with the OKVED code of each: OKVED2 (OK 029-2014) from 2017, the 2001 edition
# (OK 029-2001) before. Used only to fill `activity_okved`; the regional bans in the rulebook cite the codes.
ACTIVITIES = [
    ("", _("Other work, or I do not know"), "", ""),
    ("taxi", _("Taxi driver"), "49.32", "60.22"),
    ("courier", _("Courier, delivery"), "53.20", "64.12"),
    ("shop", _("Shop seller"), "47.11", "52.11"),
    ("driver", _("Bus or lorry driver"), "49.3", "60.2"),
    ("construction", _("Building work"), "41.20", "45.21"),
    ("catering", _("Café or restaurant"), "56.10", "55.30"),
]
OKVED2_FROM = date(2017, 1, 1)


def activity_code(activity: str, on: date) -> str:
    for key, _label, okved2, okved2001 in ACTIVITIES:
        if key == activity:
            return okved2 if on >= OKVED2_FROM else okved2001
    return ""
DOCS = [
    ("patent", _("Patent (work licence)")), ("work_permit", _("Work permit")),
    ("labour_contract", _("Labour contract")), ("registration", _("Migration registration")),
    ("return_certificate", _("Certificate for return (issued by an Uzbek mission)")),
]


def country_choices(first=CORRIDOR):
    # uz-cyrl -> uz_Cyrl: CLDR has the country names in both scripts
    return _country_choices(babel_locale(get_language()), tuple(first))


def host_country_choices():
    return country_choices(["RU", "KZ"])


@lru_cache(maxsize=64)
def _country_choices(lang: str, first: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The sorted country list changes only with the language: computed once per language and process."""
    rest = sorted((c for c in country_codes() if c not in first), key=lambda c: country_name(c, lang))
    return (("", "—"),) + tuple((c, f"{country_name(c, lang)} ({c})") for c in list(first) + rest)


class DateInput(FastDateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StatusForm(forms.Form):
    # Callables: the choices are read in the language of the request when the form is rendered or checked.
    citizenship = forms.ChoiceField(label=_("Citizenship"), choices=country_choices, widget=FastSelect)
    host_country = forms.ChoiceField(label=_("Country where you are"), choices=host_country_choices,
                                     widget=FastSelect)
    region = forms.CharField(
        label=_("Region"), required=False, max_length=80,
        help_text=_("Type the name of the region or city in any alphabet (Москва, Moskva, Moscow) or pick it "
                    "from the list."),
        widget=FastTextInput(attrs={"list": "regions", "autocomplete": "off"}))
    entry_date = forms.DateField(label=_("Date of entry"), widget=DateInput())
    employment = forms.ChoiceField(label=_("Who do you work for?"), widget=FastSelect, choices=[
        ("none", _("I do not work / not yet")), ("legal_entity", _("A company or organisation")),
        ("individual", _("A private person (household)")),
    ])
    activity = forms.ChoiceField(label=_("Type of work"), required=False, widget=FastSelect,
                                 choices=[(k, label) for k, label, _a, _b in ACTIVITIES])
    activity_okved = forms.CharField(
        label=_("Or the OKVED code of the work"), required=False, max_length=12,
        help_text=_("Optional, for specialists: e.g. 49.32 for taxi driving (60.22 before 2017)."),
        widget=FastTextInput)
    stay1_entry = forms.DateField(label=_("Earlier trip: entry"), required=False, widget=DateInput())
    stay1_exit = forms.DateField(label=_("Earlier trip: exit"), required=False, widget=DateInput())
    stay2_entry = forms.DateField(label=_("Another earlier trip: entry"), required=False, widget=DateInput())
    stay2_exit = forms.DateField(label=_("Another earlier trip: exit"), required=False, widget=DateInput())
    patent_paid_until = forms.DateField(label=_("Patent paid until"), required=False, widget=DateInput(),
                                        help_text=_("The last day covered by your monthly patent payments."))
    ban_start = forms.DateField(label=_("Entry ban: from"), required=False, widget=DateInput())
    ban_end = forms.DateField(label=_("Entry ban: until"), required=False, widget=DateInput())
    as_of = forms.DateField(label=_("Answer for the date"), required=False, widget=DateInput(),
                            help_text=_("Leave empty for today."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in DOCS:
            self.fields[f"doc_{code}_issued"] = forms.DateField(
                label=_("%(document)s: issued") % {"document": label}, required=False, widget=DateInput())
            self.fields[f"doc_{code}_expires"] = forms.DateField(
                label=_("%(document)s: valid until") % {"document": label}, required=False, widget=DateInput())

    @property
    def main_fields(self):
        return [self[n] for n in ("citizenship", "host_country", "region", "entry_date", "employment",
                                  "activity", "activity_okved", "patent_paid_until", "as_of")]

    @property
    def stay_fields(self):
        return [self[n] for n in ("stay1_entry", "stay1_exit", "stay2_entry", "stay2_exit")]

    @property
    def document_fields(self):
        return [self[n] for n in self.fields if n.startswith("doc_")]

    @property
    def ban_fields(self):
        return [self["ban_start"], self["ban_end"]]

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, date) and value > LAST_DAY:
                self.add_error(name, _("This date is out of range: the rules cover dates up to 2099."))
                data.pop(name, None)
        as_of = data.get("as_of") or date.today()
        data["as_of"] = as_of
        entry = data.get("entry_date")
        if entry and entry > as_of:
            self.add_error("entry_date", _("The date of entry is after the date of the answer."))
        if entry and entry.year < 1992:
            self.add_error("entry_date", _("Dates before 1992 are not supported."))
        if data.get("citizenship") and data.get("citizenship") == data.get("host_country"):
            self.add_error("host_country", _("This is your own country; the rules here are for foreigners."))
        self._clean_region(data)
        for n in ("1", "2"):
            first, last = data.get(f"stay{n}_entry"), data.get(f"stay{n}_exit")
            if bool(first) != bool(last):
                self.add_error(f"stay{n}_exit" if first else f"stay{n}_entry",
                               _("Give both dates of the trip, or neither."))
            elif first and last and last < first:
                self.add_error(f"stay{n}_exit", _("This date is before the date of entry of the trip."))
            elif last and entry and last >= entry:
                self.add_error(f"stay{n}_exit", _("An earlier trip must end before your last entry."))
        if bool(data.get("ban_start")) != bool(data.get("ban_end")):
            self.add_error("ban_end" if data.get("ban_start") else "ban_start",
                           _("Give both dates of the ban, or neither."))
        elif data.get("ban_start") and data["ban_end"] < data["ban_start"]:
            self.add_error("ban_end", _("The ban ends before it starts."))
        for code, _label in DOCS:
            issued, expires = data.get(f"doc_{code}_issued"), data.get(f"doc_{code}_expires")
            if issued and expires and expires < issued:
                self.add_error(f"doc_{code}_expires", _("This date is before the date of issue."))
        return data

    def _clean_region(self, data) -> None:
        text = (data.get("region") or "").strip()
        host = data.get("host_country")
        data["region"] = ""
        if not text:
            if host in ("RU", "KZ"):
                self.add_error("region", _("Choose the region or type its name (for example Москва)."))
            return
        found = resolve(text, host if host in ("RU", "KZ") else None)
        if len(found) == 1:
            data["region"] = found[0]
        elif found:
            names = ", ".join(f"{label} ({code})" for code, label in region_options() if code in found)
            self.add_error("region", _("Several regions match: %(names)s. Choose one from the list.")
                           % {"names": names})
        elif resolve(text):
            self.add_error("region", _("This region is not in the chosen country."))
        elif host in ("RU", "KZ"):
            self.add_error("region", _("We do not know this region. Type its name or choose it from the list."))
        else:
            data["region"] = text.upper() if len(text) <= 6 else ""

    def profile(self) -> dict:
        d = self.cleaned_data
        okved = (d.get("activity_okved") or "").strip()
        if not okved and d.get("activity"):
            okved = activity_code(d["activity"], d.get("as_of") or date.today())
        profile = {
            "citizenship": d["citizenship"], "host_country": d["host_country"], "region": d["region"],
            "entry_date": d["entry_date"].isoformat(), "employment": d["employment"],
            "activity_okved": okved,
        }
        stays = [{"entry": d[f"stay{n}_entry"].isoformat(), "exit": d[f"stay{n}_exit"].isoformat()}
                 for n in ("1", "2") if d.get(f"stay{n}_entry") and d.get(f"stay{n}_exit")]
        if stays:
            profile["stays"] = stays
        if d.get("patent_paid_until"):
            profile["patent_paid_until"] = d["patent_paid_until"].isoformat()
        docs = []
        for code, _label in DOCS:
            issued, expires = d.get(f"doc_{code}_issued"), d.get(f"doc_{code}_expires")
            if issued or expires:
                docs.append({"type": code, "issued": issued.isoformat() if issued else None,
                             "expires": expires.isoformat() if expires else None})
        if docs:
            profile["documents"] = docs
        if d.get("ban_start") and d.get("ban_end"):
            profile["ban"] = {"start": d["ban_start"].isoformat(), "end": d["ban_end"].isoformat()}
        return profile


# Engine field names (ProfileError.field) → form field, with a message in the user's language.
ENGINE_FIELD_ERRORS = {
    "citizenship": ("citizenship", _("Unknown country.")),
    "host_country": ("host_country", _("Unknown country.")),
    "region": ("region", _("We do not know this region. Type its name or choose it from the list.")),
    "stays": ("stay1_entry", _("Check the dates of your earlier trips.")),
    "patent_paid_until": ("patent_paid_until", _("Check this date.")),
    "as_of": ("as_of", _("This date is out of range.")),
    "entry_date": ("entry_date", _("Check the date of entry.")),
    "employment": ("employment", _("Choose one of the options.")),
    "activity_okved": ("activity_okved", _("This is not an OKVED code such as 60.22.")),
    "ban": ("ban_end", _("Check the dates of the ban.")),
}


class RuleChangeForm(forms.Form):
    body = forms.CharField(
        label=_("Rule (YAML or JSON)"), widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
        help_text=_("One rule in the rulebook format (see docs/status.md). Use the id of an existing rule to amend "
                    "or confirm it (fill confirmed_on and confirmed_by), or a new id with supersedes to replace it "
                    "from a date. Rules from outside the seed reports must cite a named public law with article "
                    "and date."))
    rationale = forms.CharField(label=_("Why this change"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("Review note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
