"""Recompute every case's search key and blind name index: the spelling fold is now the skeleton of
huquq.text.translit (one transliteration for the whole project) instead of a table of its own, so keys
written before would not meet queries folded the new way.

Needs the field keys (HUQUQ_FIELD_KEYS or var/huquq_field_keys) when cases with names exist, as 0006 does.
`huquq cases reindex` does the same on a running database.
"""

from django.db import migrations


def refold(apps, schema_editor):
    from huquq.cases.search_index import reindex_cases

    reindex_cases(apps.get_model("cases", "Case"), apps.get_model("cases", "Person"),
                  apps.get_model("cases", "Violation"), using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [("cases", "0009_merge_20261202_1741"), ("registry", "0005_refold_name_keys")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop, elidable=True)]
