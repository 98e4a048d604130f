"""The edit form for a directory entry (organisation admins and moderators)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from huquq.registry.directory.models import DirectoryEntry, HelpService
from huquq.safety import SafeTextFormMixin, is_web_url

from . import places, services


class ServiceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label()


class EntryForm(SafeTextFormMixin, forms.ModelForm):
    services = ServiceChoiceField(queryset=HelpService.objects.order_by("position"), required=False,
                                  widget=forms.CheckboxSelectMultiple, label=_("Services"))
    languages_text = forms.CharField(
        label=_("Languages"), required=False, max_length=100,
        help_text=_("Two-letter codes separated by commas, e.g. ru, ky, tg, uz, kk, en."),
    )
    areas_text = forms.CharField(
        label=_("Where you work"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One place per line: country code, region code, city. E.g. “RU, RU-MOW, Москва”, "
                    "“KG” for the whole country, “KZ, , Almaty”."),
    )

    class Meta:
        model = DirectoryEntry
        fields = ["name", "other_names", "description", "services", "remote", "phone", "email", "website",
                  "telegram", "address", "opening_hours"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["languages_text"].initial = ", ".join(self.instance.languages or [])
            self.fields["areas_text"].initial = services.format_areas(self.instance)

    def clean_languages_text(self):
        codes = [code.strip().lower() for code in self.cleaned_data["languages_text"].replace(";", ",").split(",")]
        codes = [code for code in codes if code]
        unknown = [code for code in codes if not places.is_language(code)]
        if unknown:
            raise forms.ValidationError(_("Unknown language code(s): %(codes)s") % {"codes": ", ".join(unknown)})
        return list(dict.fromkeys(codes))

    def clean_website(self):
        website = self.cleaned_data["website"].strip()
        if website and not is_web_url(website):
            raise forms.ValidationError(_("Enter a web address that starts with https:// or http://."))
        return website

    def clean_areas_text(self):
        try:
            return services.parse_areas(self.cleaned_data["areas_text"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
