"""Countries and regions named in the page language on case pages (codes stay in the database)."""

from django import template
from django.utils.translation import get_language

from huquq.cases import countries, regions

register = template.Library()


@register.filter
def country_name(code):
    return countries.name(code, get_language()) if code else ""


@register.filter
def region_name(code):
    return regions.name(code, get_language()) if code else ""
