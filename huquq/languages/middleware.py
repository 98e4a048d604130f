"""Remember the language a visitor chose, with the language cookie only.

A visit to a language-prefixed page (/ky/…, /uz-cyrl/…) stores that language in Django's language cookie,
so that the bare address / later opens in the same language. The cookie holds the language code and
nothing else; no session is created. A first visit without the cookie follows Accept-Language
(Django's LocaleMiddleware, which runs before this one).
"""

from django.conf import settings
from django.utils.translation import get_language_from_path


class RememberLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = get_language_from_path(request.path_info)
        if language and response.status_code < 400 and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax", secure=settings.SESSION_COOKIE_SECURE, httponly=True,
            )
        return response
