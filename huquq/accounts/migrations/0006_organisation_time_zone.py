from django.db import migrations, models

import huquq.accounts.timezones


def zone_from_country(apps, schema_editor):
    """Existing organisations get the zone of their country's capital (Moscow when none is recorded)."""
    Organisation = apps.get_model("accounts", "Organisation")
    for org in Organisation.objects.all():
        zone = huquq.accounts.timezones.zone_for_country(org.country)
        if org.time_zone != zone:
            Organisation.objects.filter(pk=org.pk).update(time_zone=zone)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0005_merge_keyed_audit_and_monitor_role"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="time_zone",
            field=models.CharField(choices=huquq.accounts.timezones.TIME_ZONES, default="Europe/Moscow",
                                   max_length=40, verbose_name="time zone"),
        ),
        migrations.RunPython(zone_from_country, migrations.RunPython.noop),
    ]
