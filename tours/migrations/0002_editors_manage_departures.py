"""Wagtail's Editors and Moderators groups manage every departure and read every booking.

Producer users need no permission here: the admin's policy lets them manage the
departures of the tours their producer operates (tours/permissions.py).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_PERMISSIONS = {
    "Editors": ["add_departure", "change_departure", "delete_departure", "view_departure",
                "view_booking"],
    "Moderators": ["add_departure", "change_departure", "delete_departure", "view_departure",
                   "view_booking"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("tours")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="tours", codename__in=codenames)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="tours", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("tours", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
