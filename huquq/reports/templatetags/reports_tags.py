from django import template

from huquq.reports.selectors import (
    breakdown_label,
    format_value,
    period_years,
    place_label,
    qualifier_label,
    unit_label,
)
from huquq.rules.presentation import seed_label

register = template.Library()


@register.filter
def plain(value):
    """A Decimal as printed: 124.9000 → 124.9."""
    return format_value(value)


@register.filter
def breakdown(value: dict) -> str:
    return breakdown_label(value)


@register.filter
def place(value: str) -> str:
    return place_label(value)


@register.filter
def years(observation) -> str:
    return period_years(observation)


@register.filter
def seed_report(document: str) -> str:
    """A seed report by title, publisher and year instead of its file name."""
    return seed_label(document)


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
