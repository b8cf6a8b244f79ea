"""The default card rules; supervisors change thresholds or switch rules off on the rules page."""

from django.db import migrations

DEFAULTS = [
    # kind, colour, findings per month
    ("overdue", "yellow", 1),
    ("overdue", "red", 3),
    ("refusal_reasons", "yellow", 1),
    ("refusal_reasons", "red", 3),
    ("outside_checklist", "yellow", 1),
    ("outside_checklist", "red", 3),
    ("irregular_fee", "red", 1),
]


def seed(apps, schema_editor):
    CardRule = apps.get_model("supervision", "CardRule")
    for kind, colour, threshold in DEFAULTS:
        CardRule.objects.get_or_create(
            kind=kind, colour=colour, defaults={"threshold": threshold}
        )


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
