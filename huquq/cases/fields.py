"""Model fields whose values are encrypted before they reach the database (see crypto.py).

Place binding: a value is stored as enc2, sealed with the table, the row's primary key and the field as
associated data, so ciphertext copied to another row or field fails to decrypt. A row's key is only known
after its INSERT, so a new row is inserted with enc1 (field-bound) values and re-sealed as enc2 by one UPDATE
right after (a post_save handler); `bulk_create` and `QuerySet.update()` write enc1 (still readable), which
`huquq keys rewrap` converts. Decryption needs the row, so an enc2 value is loaded sealed (`Sealed`) and
opened on first attribute access (`SealedAttribute`); `values()`/`values_list()` of an enc2 column therefore
give the `Sealed` ciphertext: read encrypted fields through model instances (`.only()` is fine).
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_save

from . import crypto


class Sealed(str):
    """An enc2 ciphertext as loaded, not yet opened; `row` is the primary key it was loaded with."""

    row = None


class SealedAttribute(DeferredAttribute):
    """Keeps what was loaded or assigned; opens a Sealed value with the instance's row on first access."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed):
            value = self.field.open(value, instance)
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance, value):
        if isinstance(value, Sealed) and value.row is None and instance.pk is not None:
            value.row = instance.pk  # loaded with this row: a later change of pk (a copy) still opens it
        instance.__dict__[self.field.attname] = value


def _seal_new_row(sender, instance, created, raw=False, **kwargs):
    """After the INSERT of a new row: re-seal its encrypted values as enc2, bound to the new primary key."""
    if not created or raw or instance.pk is None:
        return
    changes = {}
    for field in sender._meta.concrete_fields:
        if isinstance(field, EncryptedTextField):
            value = field.value_from_object(instance)
            if value not in (None, "") and not crypto.is_token(value):
                changes[field.attname] = Sealed(field.seal(value, instance.pk))
    if changes:
        sender._base_manager.using(kwargs.get("using")).filter(pk=instance.pk).update(**changes)


class EncryptedTextField(models.TextField):
    """Text stored as AES-GCM ciphertext; Python code sees plain text. Cannot be filtered on."""

    descriptor_class = SealedAttribute

    def __init__(self, *args, context: str = "", **kwargs):
        self.context = context
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["context"] = self.context
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        if not cls._meta.abstract:
            post_save.connect(_seal_new_row, sender=cls, weak=False,
                              dispatch_uid=f"huquq-seal-{cls.__module__}.{cls.__qualname__}")

    def row_of(self, pk) -> str:
        return f"{self.model._meta.db_table}:{pk}"

    def seal(self, value, pk) -> str:
        return crypto.encrypt(self.to_plain(value), self.context, self.row_of(pk))

    def open(self, token: Sealed, instance):
        pk = token.row if token.row is not None else instance.pk
        return self.from_plain(crypto.decrypt(token, self.context, self.row_of(pk)))

    def opened(self, value, pk):
        """A value as `values()`/`values_list()` return it (enc2 still Sealed) made plain with its row's pk."""
        if isinstance(value, Sealed):
            return self.from_plain(crypto.decrypt(value, self.context, self.row_of(pk)))
        return value

    def to_plain(self, value):
        return value

    def from_plain(self, text):
        return text

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return self.from_plain("") if value == "" else None
        if value.startswith(crypto.PREFIX2):
            return Sealed(value)  # opened by SealedAttribute, which knows the row
        return self.from_plain(crypto.decrypt(value, self.context))

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if value in (None, "") or crypto.is_token(value) or model_instance.pk is None:
            return value  # a new row without a key yet: enc1 now (get_prep_value), enc2 after the INSERT
        return Sealed(self.seal(value, model_instance.pk))

    def get_prep_value(self, value):
        value = super(models.TextField, self).get_prep_value(value)
        if value in (None, ""):
            return value
        if crypto.is_token(value):
            return str(value)  # already ciphertext (pre_save, rotate-keys and fixtures write tokens)
        return crypto.encrypt(self.to_plain(value), self.context)

    def to_python(self, value):
        return value

    def value_to_string(self, obj):
        """Serialisers (`huquq dumpdata`) write ciphertext, never the clear value; loaddata stores it as is."""
        value = self.value_from_object(obj)
        if value in (None, ""):
            return value
        if obj.pk is not None:
            return self.seal(value, obj.pk)
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
        if crypto.is_token(value):
            return value  # ciphertext from a fixture: stored as it is
        if isinstance(value, datetime.date):
            return value
        return datetime.date.fromisoformat(str(value))


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (dict, list, ...) kept encrypted as JSON text; Python code sees the decoded value.

    Cannot be filtered on or read with JSON lookups in SQL: code that aggregates decrypts each value in
    Python (see monitoring.selectors.scorecard)."""

    # For django-stubs (annotations only, no runtime effect): the value set and read is decoded JSON.
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

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
        if crypto.is_token(value):
            return str(value)
        return crypto.encrypt(self.to_plain(value), self.context)

    def to_python(self, value):
        if isinstance(value, str) and not crypto.is_token(value):
            return json.loads(value) if value else {}
        return value
