from django import template

from huquq.reports.selectors import format_value

register = template.Library()


@register.filter
def plain(value):
    """A Decimal as printed: 124.9000 → 124.9."""
    return format_value(value)


@register.filter
def breakdown(value: dict) -> str:
    return ", ".join(f"{k}: {v}" for k, v in (value or {}).items())
