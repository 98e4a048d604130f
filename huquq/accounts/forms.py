from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, Role, User


class LoginForm(AuthenticationForm):
    """Django's login form; autocomplete hints help phone keyboards."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class AddColleagueForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150, validators=[UnicodeUsernameValidator()],
                               widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    password = forms.CharField(
        label=_("Temporary password"), required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty and Huquq makes one up and shows it to you once. Give it to your colleague in "
                    "person; they should change it after their first login."))


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ResetPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("New temporary password"), required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty and Huquq makes one up and shows it to you once. The colleague's open "
                    "sessions end."))


class AuditFilterForm(forms.Form):
    """Filters of the audit log page; every field optional."""

    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none(), required=False,
                                    empty_label=_("Anyone"))
    case = forms.CharField(label=_("Case reference"), max_length=40, required=False)
    action = forms.ChoiceField(label=_("Action"), required=False,
                               choices=[("", _("Any action")), *AuditEntry.Action.choices])
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people
