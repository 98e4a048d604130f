import datetime

from django import template

from huquq.languages import formatting

register = template.Library()


@register.filter
def ldate(value, format="long"):
    """A date in the page's language (CLDR), e.g. «5-mart, 2026» on /uz/."""
    if not isinstance(value, datetime.date):
        return value
    return formatting.date(value.date() if isinstance(value, datetime.datetime) else value, format=format)


@register.filter
def lnumber(value):
    try:
        return formatting.number(value)
    except (TypeError, ValueError, ArithmeticError):
        return value


@register.filter
def lmoney(amount, currency):
    try:
        return formatting.money(amount, currency)
    except (TypeError, ValueError, ArithmeticError):
        return amount


@register.simple_tag
def html_lang():
    """The BCP 47 tag of the page's language for <html lang>: uz-Latn, uz-Cyrl, ky, tg, ru, en."""
    return formatting.bcp47()
