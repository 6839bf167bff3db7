"""Wagtail's Editors and Moderators groups (the province's staff) handle every order,
every SKU's stock and every producer's delivery terms.

``marketplace.change_suborder`` is what makes a user an officer
(marketplace/permissions.py). Producer users need no permission here: their link to
a producer (Producer.users) lets them handle that producer's sub-orders, stock and
delivery terms, and nothing else.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICER_CODENAMES = [
    "view_order",
    "view_suborder",
    "change_suborder",
    "view_inventory",
    "change_inventory",
    "view_stockmovement",
    "add_producerdelivery",
    "change_producerdelivery",
    "delete_producerdelivery",
    "view_producerdelivery",
    "change_deliverysettings",
    "view_deliverysettings",
]
GROUP_PERMISSIONS = {"Editors": OFFICER_CODENAMES, "Moderators": OFFICER_CODENAMES}


def permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="marketplace", codename__in=codenames)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("marketplace")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    for name, codenames in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0002_stock_from_variants"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
