"""Rebuild the blind name index under per-organisation index keys (HKDF of the field key, see crypto.py).

Needs the field keys (HUQUQ_FIELD_KEYS or var/huquq_field_keys) when cases with names exist; without them
it stops with the message of crypto.MissingFieldKey instead of indexing under a new key.
"""

from django.db import migrations


def rebuild(apps, schema_editor):
    from huquq.cases import crypto

    Case = apps.get_model("cases", "Case")
    Person = apps.get_model("cases", "Person")
    db = schema_editor.connection.alias
    names = {}
    for case_id, name in Person.objects.using(db).values_list("case_id", "name").iterator(chunk_size=2000):
        if name:
            names.setdefault(case_id, []).append(name)
    for case_id, organisation_id in Case.objects.using(db).values_list("pk", "organisation_id").iterator(chunk_size=2000):
        joined = " ".join(names.get(case_id, []))
        Case.objects.using(db).filter(pk=case_id).update(
            name_index=crypto.blind_index(joined, organisation_id) if joined else "")


class Migration(migrations.Migration):

    dependencies = [("cases", "0005_violation_fact_cube_index")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
