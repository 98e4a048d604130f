import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huquq.settings")
application = get_wsgi_application()

# Refuse to start when encrypted data exists but its field key is missing (crypto.MissingFieldKey says what
# to restore), instead of failing on every page or encrypting new data under a key nobody kept.
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from huquq.cases.checks import field_keys  # noqa: E402
from huquq.cases.crypto import check_keys  # noqa: E402

check_keys()
_key_errors = field_keys()
if _key_errors:
    raise ImproperlyConfigured("; ".join(f"{e.id}: {e.msg}" for e in _key_errors))
