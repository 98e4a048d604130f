import datetime

from django import template

from huquq.languages import formatting

register = template.Library()


@register.filter
def ldate(value, format="long"):
    """A date in the page's language (CLDR), e.g. «5-mart, 2026» on /uz/; a time's date in the active zone."""
    if not isinstance(value, datetime.date):
        return value
    return formatting.date(formatting.local(value).date() if isinstance(value, datetime.datetime) else value,
                           format=format)


@register.filter
def ldatetime(value, format="medium"):
    """Date and time in the page's language and the organisation's zone, zone shown: «2 дек. 2026 г., 01:30
    (UTC+6)». Wrapped in <time datetime="…"> with the exact instant."""
    if not isinstance(value, datetime.datetime):
        return value
    from django.utils.html import format_html

    return format_html('<time datetime="{}">{}</time>', value.isoformat(timespec="minutes"),
                       formatting.date_time(value, format=format))


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
    """The BCP 47 tag of the page's language for <html lang>: uz (Latin), uz-cyrl, ky, tg, ru, en."""
    return formatting.bcp47()


@register.filter
def text_lang(text):
    """The language of a quoted source passage: Russian if it is written in Cyrillic, else English (the seed
    reports are in these two languages)."""
    return "ru" if any("\u0400" <= ch <= "\u04ff" for ch in str(text)) else "en"


@register.simple_tag(takes_context=True)
def lang_attr(context, language):
    """ lang="…" when `language` differs from the page's, so that screen readers switch voice."""
    from django.utils.html import format_html

    if language and language != context.get("LANGUAGE_CODE"):
        return format_html(' lang="{}"', formatting.bcp47(language))
    return ""
