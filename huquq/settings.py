"""Django settings for Huquq, all read from the environment (see huquq/config.py and README)."""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from huquq.config import database_config, parse_bool, parse_list, read_or_create_secret, tasks_options

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("HUQUQ_VAR_DIR", PROJECT_DIR / "var"))
SEEDS_DIR = Path(os.environ.get("HUQUQ_SEEDS_DIR", PROJECT_DIR.parent / "shared" / "seeds"))

SECRET_KEY = read_or_create_secret("SECRET_KEY", os.environ, VAR_DIR)
DEBUG = parse_bool("DEBUG", os.environ, default=False)
ALLOWED_HOSTS = parse_list("ALLOWED_HOSTS", os.environ, ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = parse_list("CSRF_TRUSTED_ORIGINS", os.environ, [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "huquq.accounts",
    "huquq.rules",
    "huquq.registry",
    "huquq.cases",
    "huquq.reports",
    "huquq.channels",
    "huquq.monitoring",
    "huquq.languages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "huquq.languages.middleware.RememberLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "huquq.urls"
WSGI_APPLICATION = "huquq.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "huquq.context_processors.language_links",
                "huquq.context_processors.navigation",
                "huquq.languages.context_processors.translation_notice",
            ],
        },
    },
]

DATABASES = {"default": database_config(os.environ, VAR_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Languages of the corridor. Russian is the lingua franca and the first complete translation;
# Kyrgyz, Tajik and Uzbek (Latin script) fall back to Russian where a string is not yet translated.
LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", "Русский"),
    ("ky", "Кыргызча"),
    ("tg", "Тоҷикӣ"),
    ("uz", "Oʻzbekcha"),
    ("uz-cyrl", "Ўзбекча"),  # generated from the Latin catalogue: `huquq languages build-uz-cyrl` (make messages)
    ("en", "English"),
]
LANGUAGE_NAMES_IN_ENGLISH = {"ru": _("Russian"), "ky": _("Kyrgyz"), "tg": _("Tajik"), "uz": _("Uzbek"),
                            "uz-cyrl": _("Uzbek (Cyrillic)"), "en": _("English")}
# The second: Django's own strings in Uzbek Cyrillic, generated (not kept in git) by `huquq languages build-uz-cyrl`.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "languages" / "django_locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600  # the only thing remembered about a visitor: the chosen language
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = parse_bool("SECURE_COOKIES", os.environ, default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Production serving (issue 15): gunicorn via `huquq serve`, WhiteNoise, request ids in logs, /healthz. ---
# Kept in one block so other settings changes merge cleanly; see docs/deploy.md.
INSTALLED_APPS += ["huquq.ops"]
# The request id first, so every later log line carries it; WhiteNoise right after SecurityMiddleware.
MIDDLEWARE.insert(0, "huquq.ops.requestid.RequestIdMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "whitenoise.middleware.WhiteNoiseMiddleware")
# `huquq collectstatic` writes hashed, compressed (gzip + brotli) copies here; WhiteNoise serves them with
# far-future cache headers. Templates keep the plain names while DEBUG=true (no collectstatic needed then).
STATIC_ROOT = Path(os.environ.get("HUQUQ_STATIC_ROOT", PROJECT_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
HEALTH_CHECKS = ("huquq.ops.health.check_database", "huquq.ops.health.check_task_queue")
# Logs go to stderr (journald / the container collects them), each line with the request id. Errors in
# requests (django.request) are logged with their traceback whatever DEBUG says. Keep request logs free
# of IP addresses: anonymous intake must not be traceable through our logs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "huquq.ops.requestid.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "line"},
    },
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": [], "propagate": False},
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "huquq": {"handlers": ["stderr"], "level": os.environ.get("HUQUQ_LOG_LEVEL", "INFO"), "propagate": False},
    },
}

# Background jobs: Django's Tasks API (django-tasks) on Huey; see huquq/channels/queue.py and README.
TASKS = {"default": {"BACKEND": "huquq.channels.queue.HueyBackend", "OPTIONS": tasks_options(os.environ, VAR_DIR)}}
REMINDER_SCAN_MINUTES = 15

# Telegram bot (huquq/channels/bot): long polling (`huquq bot run`) or a webhook at /telegram/webhook/.
TELEGRAM_BOT_TOKEN = os.environ.get("TELEGRAM_BOT_TOKEN", "")
TELEGRAM_API_URL = os.environ.get("TELEGRAM_API_URL", "https://api.telegram.org").rstrip("/")
TELEGRAM_WEBHOOK_SECRET = os.environ.get("TELEGRAM_WEBHOOK_SECRET", "")
SITE_URL = os.environ.get("HUQUQ_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Sending limits (Telegram: about 30 messages a second overall, one a second per chat).
TELEGRAM_RATE_PER_SECOND = 30
TELEGRAM_RATE_PER_CHAT_SECONDS = 1.0

# Staff reminders: e-mail through Django's backends (console by default) and an SMS backend.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "huquq@localhost")
SMS_BACKEND = os.environ.get("HUQUQ_SMS_BACKEND", "huquq.channels.sms.ConsoleSMSBackend")
SMS_GATEWAY_URL = os.environ.get("HUQUQ_SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = os.environ.get("HUQUQ_SMS_GATEWAY_TOKEN", "")
# --- Security hardening (issue 11): login throttling, two-factor, sessions, CSP, HTTPS ----------------------
# Kept in one block so other changes to this file merge cleanly. See docs/threat-model.md.
import datetime as _datetime  # noqa: E402

from csp.constants import NONCE, NONE, SELF  # noqa: E402

from huquq.config import make_private_dir  # noqa: E402

make_private_dir(VAR_DIR)  # the SQLite file, secrets and evidence live here: owner only (0700)

INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp", "csp"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
_auth = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_auth + 1:_auth + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "huquq.accounts.middleware.SessionLimitsMiddleware",
    "huquq.accounts.middleware.TwoFactorRequiredMiddleware",
    "huquq.accounts.timezones.OrganisationTimeZoneMiddleware",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # must be last

# Login throttling (django-axes) on the staff and admin login: by user name only, kept in the cache,
# so no IP address is ever stored or logged.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = "axes"
CACHES = globals().get("CACHES", {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
# Shared by every process of the installation; the table is made by migration accounts 0004.
CACHES["axes"] = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "huquq_login_throttle"}
SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []),
                          "axes.W006"]  # deliberately by user name only: Huquq never uses client IP addresses
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_FAILURE_LIMIT = int(os.environ.get("HUQUQ_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = _datetime.timedelta(minutes=int(os.environ.get("HUQUQ_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "huquq.accounts.middleware.no_client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Sessions end after HUQUQ_SESSION_IDLE_MINUTES without a request and HUQUQ_SESSION_MAX_HOURS after login.
SESSION_IDLE_SECONDS = int(os.environ.get("HUQUQ_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_MAX_SECONDS = int(os.environ.get("HUQUQ_SESSION_MAX_HOURS", "10")) * 3600
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Two-factor (TOTP, django-otp): staff who set it up must use it; an organisation can require it for its
# lawyers and administrators (Organisation.require_two_factor).
OTP_TOTP_ISSUER = "Huquq"

# Content Security Policy (django-csp): nothing from other sites, no inline script; inline <style> blocks
# carry the per-request nonce; style *attributes* stay allowed (the statistics charts are matplotlib SVGs
# coloured through them; an attribute cannot run script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "style-src-elem": [SELF, NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# HTTPS: with SECURE_COOKIES=true, cookies are secure, plain HTTP is redirected and HSTS is sent (a year,
# subdomains, preload). Behind a proxy that terminates TLS, set HUQUQ_BEHIND_HTTPS_PROXY=true.
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
CSRF_COOKIE_HTTPONLY = True
if SESSION_COOKIE_SECURE:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
if parse_bool("HUQUQ_BEHIND_HTTPS_PROXY", os.environ, default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# --- end of security hardening ------------------------------------------------------------------------------

# cases.ViolationFact's covering index (INCLUDE columns) serves the statistics cube on PostgreSQL; SQLite has
# no INCLUDE, so Django builds the same index without the extra columns and says so (models.W040) before
# every command that checks the database. That is the intended behaviour, not a problem to act on: silence
# exactly that warning, and only on SQLite.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "models.W040"]
# --- end of production serving ---
