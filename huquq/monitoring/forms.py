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
