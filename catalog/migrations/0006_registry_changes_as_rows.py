"""A run's changes move from one JSON list on the run to a row each (SyncChange)."""

import django.db.models.deletion
from django.db import migrations, models

BATCH = 2000


def copy_changes(apps, schema_editor):
    SyncRun = apps.get_model("catalog", "SyncRun")
    SyncChange = apps.get_model("catalog", "SyncChange")
    for run in SyncRun.objects.exclude(changes=[]).iterator(chunk_size=10):
        SyncChange.objects.bulk_create(
            (
                SyncChange(run_id=run.pk, position=position, data=data)
                for position, data in enumerate(run.changes or [])
            ),
            batch_size=BATCH,
        )


def copy_back(apps, schema_editor):
    SyncRun = apps.get_model("catalog", "SyncRun")
    for run in SyncRun.objects.iterator(chunk_size=10):
        run.changes = list(run.change_rows.order_by("position").values_list("data", flat=True))
        run.save(update_fields=["changes"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_remove_productvariant_stock"),
    ]

    operations = [
        migrations.CreateModel(
            name="SyncChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveIntegerField()),
                ("data", models.JSONField()),
                (
                    "run",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="change_rows",
                        to="catalog.syncrun",
                    ),
                ),
            ],
            options={
                "verbose_name": "thay đổi",
                "verbose_name_plural": "thay đổi",
                "ordering": ["run", "position"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("run", "position"), name="one_change_per_position"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_changes, copy_back),
        migrations.RemoveField(model_name="syncrun", name="changes"),
    ]
