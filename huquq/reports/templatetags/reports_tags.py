from django import template

from huquq.reports.selectors import format_value, qualifier_label, unit_label

register = template.Library()


@register.filter
def plain(value):
    """A Decimal as printed: 124.9000 → 124.9."""
    return format_value(value)


@register.filter
def breakdown(value: dict) -> str:
    return ", ".join(f"{k}: {str(v).replace('_', ' ')}" for k, v in (value or {}).items())


@register.filter
def unit(value: str) -> str:
    return unit_label(value)


@register.filter
def qualifier(value: str) -> str:
    return qualifier_label(value)


@register.filter
def figure(value):
    """A stored value for reading: digits grouped in the page language (1 300 000 / 1,300,000)."""
    from django.utils.formats import number_format

    if value is None:
        return ""
    return number_format(value.normalize(), force_grouping=True)
