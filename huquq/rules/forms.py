"""The public status form: a short questionnaire turned into an engine profile."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from huquq.languages.formatting import babel_locale
from huquq.rules.engine.countries import country_codes, country_name

CORRIDOR = ["KG", "TJ", "UZ", "KZ", "AM", "BY", "MD", "UA", "GE", "AZ", "TM", "RU"]
REGIONS = [
    ("RU-MOW", _("Moscow")), ("RU-MOS", _("Moscow Region")), ("RU-SPE", _("St Petersburg")),
    ("RU-LEN", _("Leningrad Region")), ("RU-NVS", _("Novosibirsk Region")), ("RU-SVE", _("Sverdlovsk Region")),
    ("RU-KDA", _("Krasnodar Krai")), ("RU-TA", _("Tatarstan")), ("RU-KHM", _("Khanty-Mansi Autonomous Okrug")),
    ("RU-KYA", _("Krasnoyarsk Krai")), ("KZ-ALA", _("Almaty (city)")), ("KZ-AST", _("Astana")),
    ("KZ-ALM", _("Almaty Region")), ("KZ-YUZ", _("South Kazakhstan / Turkestan Region")),
]
DOCS = [
    ("patent", _("Patent (work licence)")), ("work_permit", _("Work permit")),
    ("labour_contract", _("Labour contract")), ("registration", _("Migration registration")),
    ("return_certificate", _("Certificate for return (issued by an Uzbek mission)")),
]


def country_choices(first=CORRIDOR):
    lang = babel_locale(get_language())  # uz-cyrl -> uz_Cyrl: CLDR has the country names in both scripts
    rest = sorted((c for c in country_codes() if c not in first), key=lambda c: country_name(c, lang))
    return [("", "—")] + [(c, f"{country_name(c, lang)} ({c})") for c in list(first) + rest]


MAX_YEAR = 2100


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StatusForm(forms.Form):
    citizenship = forms.ChoiceField(label=_("Citizenship"), choices=())
    host_country = forms.ChoiceField(label=_("Country where you are"), choices=())
    region = forms.CharField(
        label=_("Region"), required=False, max_length=6,
        help_text=_("ISO code of the region, e.g. RU-MOW (Moscow), RU-NVS (Novosibirsk), KZ-ALA (Almaty)."),
        widget=forms.TextInput(attrs={"list": "regions", "autocomplete": "off", "placeholder": "RU-MOW"}))
    entry_date = forms.DateField(label=_("Date of entry"), widget=DateInput())
    employment = forms.ChoiceField(label=_("Who do you work for?"), choices=[
        ("none", _("I do not work / not yet")), ("legal_entity", _("A company or organisation")),
        ("individual", _("A private person (household)")),
    ])
    activity_okved = forms.CharField(
        label=_("Type of work (OKVED code)"), required=False, max_length=12,
        help_text=_("Optional, e.g. 60.22 for taxi driving."))
    ban_start = forms.DateField(label=_("Entry ban: from"), required=False, widget=DateInput())
    ban_end = forms.DateField(label=_("Entry ban: until"), required=False, widget=DateInput())
    as_of = forms.DateField(label=_("Answer for the date"), required=False, widget=DateInput(),
                            help_text=_("Leave empty for today."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["citizenship"].choices = country_choices()
        self.fields["host_country"].choices = country_choices(["RU", "KZ"])
        for code, label in DOCS:
            self.fields[f"doc_{code}_issued"] = forms.DateField(
                label=_("%(document)s: issued") % {"document": label}, required=False, widget=DateInput())
            self.fields[f"doc_{code}_expires"] = forms.DateField(
                label=_("%(document)s: valid until") % {"document": label}, required=False, widget=DateInput())

    @property
    def main_fields(self):
        return [self[n] for n in ("citizenship", "host_country", "region", "entry_date", "employment",
                                  "activity_okved", "as_of")]

    @property
    def document_fields(self):
        return [self[n] for n in self.fields if n.startswith("doc_")]

    @property
    def ban_fields(self):
        return [self["ban_start"], self["ban_end"]]

    def clean(self):
        data = super().clean()
        as_of = data.get("as_of") or date.today()
        data["as_of"] = as_of
        entry = data.get("entry_date")
        if entry and entry > as_of:
            self.add_error("entry_date", _("The date of entry is after the date of the answer."))
        if entry and entry.year < 1992:
            self.add_error("entry_date", _("Dates before 1992 are not supported."))
        if data.get("citizenship") and data.get("citizenship") == data.get("host_country"):
            self.add_error("host_country", _("This is your own country; the rules here are for foreigners."))
        region = (data.get("region") or "").strip().upper()
        data["region"] = region
        host = data.get("host_country")
        if host in ("RU", "KZ") and not region:
            self.add_error("region", _("Choose the region (for example RU-MOW)."))
        elif region and host and not region.startswith(f"{host}-"):
            self.add_error("region", _("This region is not in the chosen country."))
        if bool(data.get("ban_start")) != bool(data.get("ban_end")):
            self.add_error("ban_end" if data.get("ban_start") else "ban_start",
                           _("Give both dates of the ban, or neither."))
        elif data.get("ban_start") and data["ban_end"] < data["ban_start"]:
            self.add_error("ban_end", _("The ban ends before it starts."))
        for code, _label in DOCS:
            issued, expires = data.get(f"doc_{code}_issued"), data.get(f"doc_{code}_expires")
            if issued and expires and expires < issued:
                self.add_error(f"doc_{code}_expires", _("This date is before the date of issue."))
        for name, value in list(data.items()):  # deadlines are computed from these: keep them in range
            if isinstance(value, date) and value.year > MAX_YEAR:
                self.add_error(name, _("Dates after %(year)s are not supported.") % {"year": MAX_YEAR})
        return data

    def profile(self) -> dict:
        d = self.cleaned_data
        profile = {
            "citizenship": d["citizenship"], "host_country": d["host_country"], "region": d["region"],
            "entry_date": d["entry_date"].isoformat(), "employment": d["employment"],
            "activity_okved": (d.get("activity_okved") or "").strip(),
        }
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
    "region": ("region", _("This is not a region code such as RU-MOW.")),
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
