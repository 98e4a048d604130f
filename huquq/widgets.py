"""Form widgets shared by the apps."""

from __future__ import annotations

from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A <select> built as one string instead of one template per <option>.

    Django renders every option through a template; with the ~250 countries of a status form that is most of
    the page's time. The output is the same markup (flat choices only; grouped choices fall back to Django).
    The escaped options are kept per list of choices (so per language for translated labels).
    """

    def render(self, name, value, attrs=None, renderer=None):
        choices = tuple(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        final_attrs = self.build_attrs(self.attrs, attrs)
        selected = {str(v) for v in self.format_value(value)}
        parts = [f'<select name="{conditional_escape(name)}"{flatatt(final_attrs)}>']
        found = False
        for option_value, opening, rest in _escaped_options(choices):
            is_selected = option_value in selected and (self.allow_multiple_selected or not found)
            found = found or is_selected
            parts.append(opening + " selected" + rest if is_selected else opening + rest)
        parts.append("</select>")
        return mark_safe("".join(parts))


@lru_cache(maxsize=256)
def _escaped_options(choices: tuple) -> tuple[tuple[str, str, str], ...]:
    """(value, '<option value="…"', '>label</option>') per choice; lazy labels hash by their translation."""
    out = []
    for option_value, label in choices:
        option_value = "" if option_value is None else str(option_value)
        out.append((option_value, f'<option value="{conditional_escape(option_value)}"',
                    f">{conditional_escape(label)}</option>"))
    return tuple(out)


class FastInputMixin:
    """An <input> built as one string, the same markup as Django's input.html + attrs.html templates."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        parts = [f'<input type="{conditional_escape(context["type"])}" name="{conditional_escape(name)}"']
        if context["value"] is not None:
            parts.append(f' value="{conditional_escape(str(context["value"]))}"')
        for attr, attr_value in context["attrs"].items():
            if attr_value is True:
                parts.append(f" {conditional_escape(attr)}")
            elif attr_value is not False:
                parts.append(f' {conditional_escape(attr)}="{conditional_escape(str(attr_value))}"')
        parts.append(">")
        return mark_safe("".join(parts))


class FastTextInput(FastInputMixin, forms.TextInput):
    pass


class FastDateInput(FastInputMixin, forms.DateInput):
    pass
