from django import forms
from django.utils.translation import gettext_lazy as _

from .statistics import DIMENSIONS, Filters


def _choices(optional: bool):
    choices = [(code, label) for code, label in DIMENSIONS.items()]
    return ([("", _("(none)"))] + choices) if optional else choices


class PeriodForm(forms.Form):
    year_from = forms.IntegerField(label=_("From year"), required=False, min_value=1990, max_value=2100)
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1990, max_value=2100)
    verified_only = forms.BooleanField(label=_("Verified violations only"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            raise forms.ValidationError(_("The first year is after the last year."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(data.get("year_from"), data.get("year_to"), bool(data.get("verified_only")))


class CaseStatisticsForm(PeriodForm):
    rows = forms.ChoiceField(label=_("Rows"), choices=_choices(False), initial="violation_type")
    rows2 = forms.ChoiceField(label=_("Then by"), choices=_choices(True), required=False)
    columns = forms.ChoiceField(label=_("Columns"), choices=_choices(True), required=False, initial="sex")
    field_order = ["rows", "rows2", "columns", "year_from", "year_to", "verified_only"]

    def clean(self):
        data = super().clean()
        chosen = [d for d in (data.get("rows"), data.get("rows2"), data.get("columns")) if d]
        if len(set(chosen)) != len(chosen):
            raise forms.ValidationError(_("Choose each dimension only once."))
        data["dimensions"] = chosen
        return data
