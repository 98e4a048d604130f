"""The public contract check's questionnaire (issue 20) and the consent form for sending it to an organisation."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from huquq.rules.engine import contract
from huquq.rules.forms import country_choices

YES_NO = [("yes", _("Yes")), ("no", _("No"))]

TERM_LABELS = {
    "parties": _("Who the employer is (name, address)"),
    "job": _("Your job or occupation"),
    "workplace": _("The place of work"),
    "start_date": _("The start date"),
    "duration": _("How long the contract lasts"),
    "wage": _("The wage"),
    "overtime_pay": _("Pay for overtime"),
    "working_hours": _("Working hours and rest"),
    "working_conditions": _("Conditions of work"),
    "rights_obligations": _("Your and the employer's rights and obligations"),
    "social_benefits": _("Social benefits"),
    "bonuses": _("Bonuses"),
    "medical_care": _("Medical care"),
    "housing": _("Housing"),
    "food": _("Food"),
}
PAYMENT_LABELS = {
    "recruitment_fee": _("A fee for finding the job"),
    "travel": _("The journey"),
    "documents": _("Documents or permits"),
    "housing": _("Housing"),
    "training": _("Training or a course"),
}


class ContractCheckForm(forms.Form):
    origin = forms.ChoiceField(label=_("Your citizenship"), required=False)
    host = forms.ChoiceField(label=_("Country where you will work"), required=False,
                             choices=[("RU", _("Russia")), ("KZ", _("Kazakhstan")), ("", _("Another country"))])
    written = forms.ChoiceField(label=_("Do you have a written contract?"), choices=YES_NO,
                                widget=forms.RadioSelect, initial="no")
    understood = forms.ChoiceField(label=_("Is it in a language you read well?"), choices=YES_NO,
                                   widget=forms.RadioSelect, initial="yes")
    terms = forms.MultipleChoiceField(label=_("What does the written contract state? Tick each one you find."),
                                      required=False, widget=forms.CheckboxSelectMultiple,
                                      choices=list(TERM_LABELS.items()))
    copy = forms.ChoiceField(label=_("Will you get your own signed copy?"), choices=YES_NO,
                             widget=forms.RadioSelect, initial="yes")
    notarised = forms.ChoiceField(label=_("Citizens of Uzbekistan: is the contract notarised, translated and "
                                          "filed with the Labour Migration Agency?"), choices=YES_NO,
                                  widget=forms.RadioSelect, initial="no")
    pays = forms.MultipleChoiceField(label=_("Are you asked to pay the recruiter or employer for any of these?"),
                                     required=False, widget=forms.CheckboxSelectMultiple,
                                     choices=list(PAYMENT_LABELS.items()))
    passport = forms.ChoiceField(label=_("Are you asked to hand over your passport?"), choices=YES_NO,
                                 widget=forms.RadioSelect, initial="no")
    substitution = forms.ChoiceField(label=_("Do the terms differ from what you were promised?"), choices=YES_NO,
                                     widget=forms.RadioSelect, initial="no")
    recruiter = forms.CharField(label=_("Name of the recruiter or agency (optional)"), required=False,
                                max_length=200)
    employer = forms.CharField(label=_("Name of the employer (optional)"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin"].choices = country_choices()  # starts with ("", "—")

    def answers(self) -> contract.Answers:
        return contract.parse_answers(self.cleaned_data)


class SendForm(forms.Form):
    """Consent screen: which organisation, an optional contact, and an explicit consent."""

    answers = forms.CharField(widget=forms.HiddenInput)
    recipient = forms.TypedChoiceField(label=_("Organisation"), coerce=int, widget=forms.RadioSelect)
    contact = forms.CharField(label=_("Phone or Telegram name, if you want them to contact you (optional)"),
                              required=False, max_length=100)
    consent = forms.BooleanField(label=_("I agree that this organisation stores my answers and contacts me. "
                                         "I can ask them to delete it."), required=True)

    def __init__(self, *args, recipients=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = [(r.pk, str(r.organisation)) for r in recipients]

    def clean_answers(self) -> contract.Answers:
        try:
            return contract.parse_answers(json.loads(self.cleaned_data["answers"]))
        except (ValueError, TypeError, AttributeError) as exc:
            raise forms.ValidationError(_("The answers were damaged; please start the check again.")) from exc
