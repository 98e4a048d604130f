"""System checks of the field encryption keys: the server refuses to start (runserver, migrate, every
management command, and the WSGI application, see wsgi.py) instead of failing at the first page that reads
an encrypted field.

- huquq.E101: encrypted data exists and no field key is configured (crypto.MissingFieldKey says what to
  restore); Huquq never makes a new key then.
- huquq.E102: an encrypted column holds values under a key id that no configured key has (a key was dropped
  from HUQUQ_FIELD_KEYS before `cases rotate-keys` finished, or the wrong key file was restored).
"""

from __future__ import annotations

from django.core.checks import Error, register
from django.db import DatabaseError, connection

from . import crypto

KID_LENGTH = 8


def stored_key_ids(model, field) -> set[str]:
    """The key ids present in one encrypted column (read as stored; both enc1: and enc2: are 5 characters)."""
    qn = connection.ops.quote_name
    column, table = qn(field.column), qn(model._meta.db_table)
    sql = (f"SELECT DISTINCT SUBSTR({column}, {len(crypto.PREFIX) + 1}, {KID_LENGTH}) FROM {table} "
           f"WHERE {column} LIKE 'enc%%'")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {row[0] for row in cursor.fetchall()}


@register("huquq", "security")
def field_keys(app_configs=None, **kwargs) -> list[Error]:
    from .services import encrypted_columns

    try:
        configured = {key.kid for key in crypto.keys()}
    except crypto.MissingFieldKey as exc:
        return [Error(str(exc), id="huquq.E101",
                      hint="Restore the key file or HUQUQ_FIELD_KEYS from your backup; see docs/threat-model.md.")]
    except DatabaseError:
        return []  # no database yet (before `migrate`): nothing can be encrypted
    errors = []
    for model, fields in encrypted_columns():
        for field in fields:
            try:
                missing = stored_key_ids(model, field) - configured
            except DatabaseError:
                return []  # tables not created yet
            for kid in sorted(missing):
                errors.append(Error(
                    f"{model._meta.db_table}.{field.column} holds values encrypted under key {kid}, which is not "
                    "in HUQUQ_FIELD_KEYS (or var/huquq_field_keys): they cannot be read.",
                    hint="Add the old key back after the current one, run `huquq cases rotate-keys`, and only "
                         "then remove it.", obj=model, id="huquq.E102"))
    return errors
