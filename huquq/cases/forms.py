from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from huquq.accounts.models import Organisation, User
from huquq.safety import SafeTextFormMixin

from . import access, countries, regions
from .models import (
    Action,
    AgeGroup,
    Case,
    Deadline,
    FieldGroup,
    Outcome,
    Person,
    Sex,
    Status,
    Violation,
    WageClaim,
)
from .services import CASE_FIELDS
from .vocab import violation_type_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CountryInput(forms.TextInput):
    """A text input with a <datalist> of every country named in the page language (works without
    JavaScript). Shows a stored code as the country's name."""

    def format_value(self, value):
        if value and countries.is_valid(value):
            return countries.name(value, get_language())
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-countries"
        attrs.update({"list": list_id, "autocomplete": "off"})
        options = format_html_join("", '<option value="{}"></option>',
                                   ((label,) for _code, label in countries.choices(get_language())))
        return format_html('{}<datalist id="{}">{}</datalist>', super().render(name, value, attrs, renderer),
                           list_id, options)


class CountryField(forms.CharField):
    """A country typed by name in any language or by code; cleans to the ISO 3166-1 alpha-2 code. Never
    truncates: what cannot be resolved is an error naming what was typed."""

    widget = CountryInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Type or pick the country's name in any language, or its two-letter "
                                         "code."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        code = countries.resolve(value)
        if code is None:
            raise forms.ValidationError(
                _("“%(value)s” is not a country we know. Pick a country from the list or type its two-letter "
                  "code, such as RU or KG."), code="unknown_country", params={"value": value})
        return code


class RegionInput(forms.TextInput):
    """A text input with a <datalist> of the regions (ISO 3166-2) of the form's country, or of the corridor's
    countries, named in the page language (works without JavaScript). Shows a stored code as «name (code)»."""

    country: str | None = None

    def format_value(self, value):
        if value and regions.is_valid(value):
            return regions.label(value, get_language())
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-regions"
        attrs.update({"list": list_id, "autocomplete": "off"})
        options = format_html_join("", '<option value="{}"></option>',
                                   ((label,) for _code, label in regions.choices(get_language(), self.country)))
        return format_html('{}<datalist id="{}">{}</datalist>', super().render(name, value, attrs, renderer),
                           list_id, options)


class RegionField(forms.CharField):
    """A region typed by name in any script or by its ISO 3166-2 code; cleans to the code. What cannot be
    resolved, or names two regions, is an error naming what was typed (never a guess). The form checks that
    the region lies in the country given beside it (`check_region_country`)."""

    widget = RegionInput

    def __init__(self, *, country_field: str | None = None, **kwargs):
        self.country_field = country_field
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Type or pick the region's name in any language, or its ISO 3166-2 "
                                         "code such as RU-MOW."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        code = regions.resolve(value)
        if code is None and self.country_field is None:
            raise unknown_region(value)
        # With a country beside it, a name the country makes unique is resolved by check_region_country.
        return code or value


def unknown_region(value) -> forms.ValidationError:
    return forms.ValidationError(
        _("“%(value)s” is not a region we know, or it names more than one. Pick a region from the list or type "
          "its code, such as RU-MOW or KG-GB."), code="unknown_region", params={"value": value})


def check_region_country(form, region_field: str, country_field: str):
    """A region must lie in the country given beside it; with no country given, the region's country is used."""
    data = form.cleaned_data
    region, country = data.get(region_field), data.get(country_field)
    if region and not regions.is_valid(region):
        code = regions.resolve(region, country) if country else None
        if code is None:
            form.add_error(region_field, unknown_region(region))
            return
        data[region_field] = region = code
    if region and country and not region.startswith(country + "-"):
        form.add_error(region_field, _("%(region)s is not a region of %(country)s.") % {
            "region": regions.label(region, get_language()), "country": countries.name(country, get_language())})
    elif region and country_field in form.fields and not country and country_field not in form.errors:
        data[country_field] = region.split("-")[0]


def person_label(person, groups) -> str:
    """How a form names a person: «Name (role)» for readers allowed to see identities, else the
    pseudonymous code with the role."""
    if "identity" in groups and person.name:
        return f"{person.name} ({person.get_role_display()})"
    return f"{person.code} ({person.get_role_display()})"


class PersonChoiceField(forms.ModelChoiceField):
    groups: frozenset = frozenset()

    def label_from_instance(self, obj):
        return person_label(obj, self.groups)


class DateWidgetsMixin:
    def _date_widgets(self):
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE


class CaseForm(SafeTextFormMixin, DateWidgetsMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    host_country = CountryField(label=_("host country"))
    host_region = RegionField(label=_("host region"), country_field="host_country")

    class Meta:
        model = Case
        fields = [f for f in CASE_FIELDS if f != "closed_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._date_widgets()
        self.fields["host_region"].widget.country = self.instance.host_country or None
        if self.instance.pk:  # editing: the version the editor saw is required for optimistic locking
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True

    def clean(self):
        data = super().clean()
        check_region_country(self, "host_region", "host_country")
        return data

    def clean_currency(self):
        value = self.cleaned_data["currency"].strip().upper()
        if len(value) != 3 or not value.isalpha():
            raise forms.ValidationError(_("Use a three-letter currency code such as RUB, KZT or KGS."))
        return value


class PersonForm(SafeTextFormMixin, DateWidgetsMixin, forms.ModelForm):
    citizenship = CountryField(label=_("citizenship"))

    class Meta:
        model = Person
        fields = ["name", "birth_date", "phone", "passport", "sex", "gender", "age_group", "citizenship",
                  "languages", "migration_card", "registration", "work_permit", "entry_ban"]
        widgets = {"name": forms.TextInput, "phone": forms.TextInput, "passport": forms.TextInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_date"] = forms.DateField(label=_("date of birth"), required=False, widget=DATE)



class OtherPersonForm(PersonForm):
    role = forms.ChoiceField(label=_("role in the case"), choices=Person.Role.choices)

    field_order = ["role"]

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class FilterForm(SafeTextFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("any"))] + Status.choices)
    violation_type = forms.ChoiceField(label=_("Violation type"), required=False)
    host_region = RegionField(label=_("Host region"), help_text="")
    citizenship = CountryField(label=_("Citizenship"), help_text="")
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", _("any"))] + Sex.choices)
    opened_from = forms.DateField(label=_("Opened from"), required=False, widget=DATE)
    opened_to = forms.DateField(label=_("Opened until"), required=False, widget=DATE)
    assigned_to_me = forms.BooleanField(label=_("Assigned to me"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["violation_type"].choices = [("", _("any"))] + violation_type_choices()


class ViolationForm(SafeTextFormMixin, DateWidgetsMixin, forms.ModelForm):
    """One entry may name several violation types; the service saves one violation per type."""

    types = forms.MultipleChoiceField(label=_("violation types"), widget=forms.CheckboxSelectMultiple,
                                      help_text=_("Tick every violation that happened, e.g. passport taken and "
                                                  "wages unpaid: each is saved as a separate violation with the "
                                                  "details below."))
    victim = PersonChoiceField(label=_("victim"), queryset=Person.objects.none(), required=False)
    country = CountryField(label=_("country"))
    region = RegionField(label=_("region"), country_field="country")

    class Meta:
        model = Violation
        fields = ["victim", "started_on", "ended_on", "country", "region", "city", "employer",
                  "state_actor", "description", "evidence_links"]

    field_order = ["types"]

    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._date_widgets()
        self.fields["types"].choices = violation_type_choices()
        self.fields["victim"].queryset = case.persons.all() if case else Person.objects.none()
        self.fields["victim"].groups = access.visible_groups(user, case) if user and case else frozenset()
        self.fields["region"].widget.country = (case.host_country or None) if case else None

    def clean(self):
        data = super().clean()
        check_region_country(self, "region", "country")
        return data

    def clean_evidence_links(self):
        links = [line.strip() for line in self.cleaned_data["evidence_links"].splitlines() if line.strip()]
        for link in links:
            if not link.startswith(("https://", "http://")):
                raise forms.ValidationError(_("Each line must be a web link starting with https://."))
        return "\n".join(links)


class ActionForm(SafeTextFormMixin, DateWidgetsMixin, forms.ModelForm):
    class Meta:
        model = Action
        fields = ["kind", "started_on", "ended_on", "result", "note"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("case", None)
        super().__init__(*args, **kwargs)
        self._date_widgets()


class OutcomeForm(SafeTextFormMixin, DateWidgetsMixin, forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["kind", "achieved_on", "amount", "currency", "note"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("case", None)
        super().__init__(*args, **kwargs)
        self._date_widgets()


class WageClaimForm(SafeTextFormMixin, DateWidgetsMixin, forms.ModelForm):
    class Meta:
        model = WageClaim
        fields = ["agreed_wage", "unit", "period_start", "period_end", "units_worked", "amount_paid",
                  "overtime_hours", "overtime_rate", "due_on", "settled_on", "note"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("case", None)
        super().__init__(*args, **kwargs)
        self._date_widgets()


class DeadlineForm(SafeTextFormMixin, DateWidgetsMixin, forms.ModelForm):
    class Meta:
        model = Deadline
        fields = ["due_on", "title", "assignee"]

    def __init__(self, *args, **kwargs):
        case = kwargs.pop("case", None)
        super().__init__(*args, **kwargs)
        self._date_widgets()
        from django.contrib.auth import get_user_model

        members = get_user_model().objects.filter(is_active=True)
        self.fields["assignee"].queryset = members.filter(organisation=case.organisation) if case else members.none()
        self.fields["assignee"].help_text = _("Gets an e-mail reminder and sees it in their calendar feed; "
                                              "empty: the case's caseworker.")


class ConsentForm(SafeTextFormMixin, forms.Form):
    allows_store = forms.BooleanField(label=_("Store the data"), required=False, initial=True)
    allows_statistics = forms.BooleanField(label=_("Use in anonymised statistics"), required=False)
    allows_publication = forms.BooleanField(label=_("Publish an anonymised story"), required=False)
    share_with = forms.ModelMultipleChoiceField(label=_("Share with these organisations"), required=False,
                                                queryset=Organisation.objects.none(),
                                                widget=forms.CheckboxSelectMultiple)
    fields = forms.MultipleChoiceField(label=_("Which data may be shared"), required=False,
                                       choices=FieldGroup.choices, widget=forms.CheckboxSelectMultiple)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE)
    given_on = forms.DateField(label=_("Given on"), widget=DATE)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["share_with"].queryset = Organisation.objects.exclude(pk=case.organisation_id)

    def clean(self):
        data = super().clean()
        if data.get("share_with") and not data.get("fields"):
            self.add_error("fields", _("Choose which data may be shared with these organisations."))
        return data


class ReferralForm(SafeTextFormMixin, forms.Form):
    to_organisation = forms.ModelChoiceField(label=_("Refer to"), queryset=Organisation.objects.none())
    fields = forms.MultipleChoiceField(label=_("Data to share (within the client's consent)"), required=False,
                                       choices=FieldGroup.choices, widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Note to the receiving organisation"), required=False, widget=forms.Textarea,
                           help_text=_("No names or contacts here unless the client consented to share them."))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = Organisation.objects.exclude(pk=case.organisation_id)


class TransitionForm(SafeTextFormMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s, Status(s).label) for s in case.allowed_transitions()]
        self.fields["version"].initial = case.version


class AssignForm(SafeTextFormMixin, forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), required=False, queryset=User.objects.none(),
                                      empty_label=_("nobody"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(
            organisation_id=case.organisation_id, role__in=access.MANAGER_ROLES, is_active=True)
        self.fields["assignee"].initial = case.assigned_to_id
        self.fields["version"].initial = case.version


class EvidenceForm(SafeTextFormMixin, forms.Form):
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), required=False, max_length=200)


AGE_GROUPS = AgeGroup
