"""The edit form for a directory entry (organisation admins and moderators): languages as checkboxes, and
the places an organisation works in as repeated rows of country, region and city (no JavaScript: a blank
row or two is always there, and "Add another place" submits the form to get one more)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from huquq.registry.directory.models import DirectoryEntry, HelpService
from huquq.safety import SafeTextFormMixin, is_web_url

from . import places, services

BLANK_PLACE_ROWS = 2


class ServiceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label()


def language_choices(extra=()) -> list[tuple[str, str]]:
    codes = list(dict.fromkeys([*places.form_languages(), *extra]))
    return [(code, places.language_name(code)) for code in codes]


def country_choices() -> list:
    """The countries Huquq works in first, then every other ISO 3166-1 country by name."""
    import pycountry

    main = places.form_countries()
    others = sorted(((c.alpha_2, places.country_name(c.alpha_2)) for c in pycountry.countries
                     if c.alpha_2 not in main), key=lambda item: item[1])
    return [("", "—"), *[(code, places.country_name(code)) for code in main], (_("Other countries"), others)]


def region_choices() -> list:
    """Regions grouped by country (ISO 3166-2), after "whole country or not stated"."""
    groups: dict[str, list] = {}
    for code in places.region_codes():
        groups.setdefault(code.split("-")[0], []).append((code, places.region_name(code)))
    return [("", _("Whole country / not stated")),
            *[(places.country_name(country), regions) for country, regions in groups.items()]]


class EntryForm(SafeTextFormMixin, forms.ModelForm):
    services = ServiceChoiceField(queryset=HelpService.objects.order_by("position"), required=False,
                                  widget=forms.CheckboxSelectMultiple, label=_("Services"))
    languages = forms.MultipleChoiceField(label=_("Languages"), required=False, widget=forms.CheckboxSelectMultiple,
                                          help_text=_("The languages your staff help in."))

    class Meta:
        model = DirectoryEntry
        fields = ["name", "other_names", "description", "services", "remote", "phone", "email", "website",
                  "telegram", "address", "opening_hours"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = list(self.instance.languages or []) if self.instance.pk else []
        self.fields["languages"].choices = language_choices(stored)
        if self.instance.pk and not self.is_bound:
            self.fields["languages"].initial = stored

    def clean_website(self):
        website = self.cleaned_data["website"].strip()
        if website and not is_web_url(website):
            raise forms.ValidationError(_("Enter a web address that starts with https:// or http://."))
        return website


class PlaceForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    city = forms.CharField(label=_("City"), required=False, max_length=100,
                           widget=forms.TextInput(attrs={"list": "directory-cities", "autocomplete": "off"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["region"].choices = region_choices()

    def clean(self):
        data = super().clean()
        if self.errors or (self.has_changed() is False):
            return data
        if not data.get("country"):
            if data.get("region") or data.get("city"):
                raise forms.ValidationError(_("Choose the country of this place."))
            return data
        try:
            data["area"] = services.make_area(data["country"], data.get("region", ""), data.get("city", ""))
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


class BasePlaceFormSet(forms.BaseFormSet):
    """Every row is optional: a blank row is skipped, a row marked for removal is dropped."""

    def initial_form_count(self):
        return 0

    def areas(self) -> list[dict]:
        return [form.cleaned_data["area"] for form in self.forms
                if form.cleaned_data.get("area") and not form.cleaned_data.get("DELETE")]


def place_formset(data=None, entry=None, add_row: bool = False):
    """The place rows: the entry's places and BLANK_PLACE_ROWS blank rows; with `add_row` (the "Add another
    place" button) the submitted rows and one more."""
    prefix = "places"
    if data is not None:
        total = data.get(f"{prefix}-TOTAL_FORMS", "0")
        if add_row:
            data = data.copy()
            data[f"{prefix}-TOTAL_FORMS"] = str(min(int(total) + 1 if total.isdigit() else 1, 50))
        factory = forms.formset_factory(PlaceForm, formset=BasePlaceFormSet, extra=0, can_delete=True,
                                        max_num=50, absolute_max=50)
        return factory(data, prefix=prefix)
    initial = [{"country": a.country, "region": a.region, "city": a.city_ru or a.city_latin}
               for a in (entry.areas.all() if entry is not None and entry.pk else [])]
    factory = forms.formset_factory(PlaceForm, formset=BasePlaceFormSet, extra=len(initial) + BLANK_PLACE_ROWS,
                                    can_delete=True, max_num=50, absolute_max=50)
    return factory(initial=initial, prefix=prefix)
