"""The database cache table django-axes keeps failed-login counts in (settings CACHES["axes"])."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):

    dependencies = [("accounts", "0003_two_factor_and_registry_moderator")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
