"""Model fields whose values are encrypted before they reach the database (see crypto.py)."""

from __future__ import annotations

import datetime
import json

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Text stored as AES-GCM ciphertext; Python code sees plain text. Cannot be filtered on."""

    def __init__(self, *args, context: str = "", **kwargs):
        self.context = context
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["context"] = self.context
        return name, path, args, kwargs

    def to_plain(self, value):
        return value

    def from_plain(self, text):
        return text

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return self.from_plain("") if value == "" else None
        return self.from_plain(crypto.decrypt(value, self.context))

    def get_prep_value(self, value):
        value = super(models.TextField, self).get_prep_value(value)
        if value in (None, ""):
            return value
        if isinstance(value, str) and value.startswith(crypto.PREFIX):
            return value  # already ciphertext (rotate-keys writes raw tokens)
        return crypto.encrypt(self.to_plain(value), self.context)

    def to_python(self, value):
        return value

    def value_to_string(self, obj):
        """Serialisers (`huquq dumpdata`) write ciphertext, never the clear value; loaddata stores it as is."""
        value = self.value_from_object(obj)
        if value in (None, ""):
            return value
        return crypto.encrypt(self.to_plain(value), self.context)


class EncryptedDateField(EncryptedTextField):
    """A date kept encrypted as ISO text; Python code sees datetime.date or None."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("null", True)
        kwargs["default"] = None
        super().__init__(*args, **kwargs)

    def to_plain(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return str(value)

    def from_plain(self, text):
        return datetime.date.fromisoformat(text) if text else None

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, str) and value.startswith(crypto.PREFIX):
            return value  # ciphertext from a fixture: stored as it is
        if isinstance(value, datetime.date):
            return value
        return datetime.date.fromisoformat(str(value))


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (dict, list, ...) kept encrypted as JSON text; Python code sees the decoded value.

    Cannot be filtered on or read with JSON lookups in SQL: code that aggregates decrypts each value in
    Python (see monitoring.selectors.scorecard)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def to_plain(self, value):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def from_plain(self, text):
        return json.loads(text) if text else {}

    def get_prep_value(self, value):
        if value is None:
            return None
        if isinstance(value, str) and value.startswith(crypto.PREFIX):
            return value
        return crypto.encrypt(self.to_plain(value), self.context)

    def to_python(self, value):
        if isinstance(value, str) and not value.startswith(crypto.PREFIX):
            return json.loads(value) if value else {}
        return value
