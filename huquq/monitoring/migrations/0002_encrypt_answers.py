"""Submission.answers encrypted at rest (issue 17): the column becomes text holding AES-GCM ciphertext, and the
answers already stored are encrypted in place."""

import json

from django.db import migrations

import huquq.cases.fields

CONTEXT = "monitoring.submission.answers"
TABLE = "monitoring_submission"


def encrypt_existing(apps, schema_editor):
    from huquq.cases import crypto

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, answers FROM {TABLE} WHERE answers NOT LIKE %s", ["enc%"])
        rows = cursor.fetchall()
        for pk, text in rows:
            plain = json.dumps(json.loads(text) if isinstance(text, str) else text, ensure_ascii=False, sort_keys=True)
            cursor.execute(f"UPDATE {TABLE} SET answers = %s WHERE id = %s", [crypto.encrypt(plain, CONTEXT), pk])


def decrypt_existing(apps, schema_editor):
    from huquq.cases import crypto

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, answers FROM {TABLE} WHERE answers LIKE %s", ["enc%"])
        for pk, token in cursor.fetchall():  # enc1 (field-bound) or enc2 (bound to the row too, cases/crypto.py)
            plain = crypto.decrypt(token, CONTEXT, f"{TABLE}:{pk}" if token.startswith(crypto.PREFIX2) else None)
            cursor.execute(f"UPDATE {TABLE} SET answers = %s WHERE id = %s", [plain, pk])


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="submission",
            name="answers",
            field=huquq.cases.fields.EncryptedJSONField(blank=True, context=CONTEXT, default=dict),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
