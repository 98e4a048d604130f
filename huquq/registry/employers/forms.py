from django import forms
from django.utils.translation import gettext_lazy as _

from huquq.safety import SafeTextFormMixin

from .models import DuplicateDecision, Employer


class WarningSearchForm(SafeTextFormMixin, forms.Form):
    q = forms.CharField(label=_("Firm or recruiter name, in any alphabet"), max_length=200, required=False)


class EmployerForm(SafeTextFormMixin, forms.ModelForm):
    class Meta:
        model = Employer
        fields = ["name", "legal_form", "kind", "inn", "ogrn", "bin", "country", "region", "city", "okved"]
        help_texts = {
            "inn": _("10 digits for a firm, 12 for an individual entrepreneur; the check digits are verified."),
            "ogrn": _("13 digits (OGRN) or 15 digits (OGRNIP)."),
            "bin": _("12 digits (Kazakhstan)."),
            "region": _("ISO 3166-2 code, e.g. RU-MOW or KZ-75."),
            "okved": _("OKVED code, e.g. 41.20."),
        }


class AddNameForm(SafeTextFormMixin, forms.Form):
    name = forms.CharField(label=_("Name variant"), max_length=300)


class MergeForm(SafeTextFormMixin, forms.Form):
    other = forms.IntegerField(label=_("Number of the entity to merge into this one"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class SplitForm(SafeTextFormMixin, forms.Form):
    names = forms.MultipleChoiceField(label=_("Name variants that belong to another firm"),
                                      widget=forms.CheckboxSelectMultiple)
    new_name = forms.CharField(label=_("Name of the new entity"), max_length=300, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, variants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["names"].choices = [(str(v.pk), v.name) for v in variants]


class ReasonForm(SafeTextFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class CorrectionForm(SafeTextFormMixin, forms.Form):
    correction = forms.CharField(label=_("Correction to publish beside the warning"), max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 3}))


class NoticeForm(SafeTextFormMixin, forms.Form):
    sent_on = forms.DateField(label=_("Notice sent on (YYYY-MM-DD)"))
    method = forms.CharField(label=_("How it was sent"), max_length=200, required=False)


class ResponseForm(SafeTextFormMixin, forms.Form):
    response_text = forms.CharField(label=_("Employer's response, as received"), max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 4}))
    received_on = forms.DateField(label=_("Received on (YYYY-MM-DD)"), required=False)


class DuplicateDecisionForm(SafeTextFormMixin, forms.Form):
    employer_a = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    employer_b = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    name_a = forms.CharField(max_length=300, widget=forms.HiddenInput)
    name_b = forms.CharField(max_length=300, widget=forms.HiddenInput)
    score = forms.FloatField(required=False, widget=forms.HiddenInput)
    verdict = forms.ChoiceField(label=_("Decision"), choices=DuplicateDecision.Verdict.choices)
    reason = forms.CharField(label=_("Reason (optional)"), max_length=300, required=False)
