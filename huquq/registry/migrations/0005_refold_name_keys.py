"""Recompute employer name keys and duplicate-decision keys: the spelling skeleton now folds дж = dzh = dj = j
(Джамшед = Jamshed), so keys written before would not meet names normalised the new way.
`huquq employers rekey` does the same on a running database."""

from django.db import migrations


def rekey(apps, schema_editor):
    from huquq.registry.employers.rekey import rekey_names

    rekey_names(apps.get_model("registry", "Employer"), apps.get_model("registry", "EmployerName"),
                apps.get_model("registry", "DuplicateDecision"), using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [("registry", "0004_duplicate_decisions")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop, elidable=True)]
