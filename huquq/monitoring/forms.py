import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Office, Visit


class VisitForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["office", "date", "team", "notes"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}), "notes": forms.Textarea(attrs={"rows": 3})}


class UploadForm(forms.Form):
    file = forms.FileField(label=_("XLSForm file (.xlsx, .xls, .md or .csv)"))


class ImportForm(forms.Form):
    questionnaire = forms.ModelChoiceField(queryset=None, label=_("Questionnaire"))
    files = forms.FileField(label=_("Export file (CSV, XLSX, or ODK Central's zip)"))
    extra = forms.FileField(label=_("Repeat-group file (ODK Central CSV), if any"), required=False)

    def __init__(self, *args, questionnaires=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = questionnaires


class ScorecardForm(forms.Form):
    questionnaire = forms.ModelChoiceField(queryset=None, label=_("Questionnaire"))
    office = forms.ModelChoiceField(queryset=None, label=_("Office"), required=False, empty_label=_("All offices"))
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, questionnaires=None, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = questionnaires
        self.fields["office"].queryset = offices if offices is not None else Office.objects.none()


ISO_COUNTRY = re.compile(r"^[A-Z]{2}$")


class OfficeForm(forms.ModelForm):
    """Add or edit an office on the site (no JavaScript). The link to a consulate's own organisation (which
    opens the office's scorecard to its consular staff) stays with the site administrators."""

    class Meta:
        model = Office
        fields = ["code", "name", "kind", "country", "city", "nationals_served", "source_file", "source_quote"]
        labels = {"source_file": _("Source (a document, or a public page's address and title)"),
                  "source_quote": _("Passage that names the office")}
        widgets = {"source_quote": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True  # answers and exports refer to offices by code

    def clean_country(self):
        country = self.cleaned_data["country"].strip().upper()
        if not ISO_COUNTRY.match(country):
            raise forms.ValidationError(_("Enter a two-letter ISO 3166-1 country code, for example RU."))
        return country

    def clean_nationals_served(self):
        codes = self.cleaned_data["nationals_served"].upper().split()
        wrong = [c for c in codes if not ISO_COUNTRY.match(c)]
        if wrong:
            raise forms.ValidationError(_("Not a two-letter country code: %(codes)s") % {"codes": ", ".join(wrong)})
        return " ".join(dict.fromkeys(codes))
