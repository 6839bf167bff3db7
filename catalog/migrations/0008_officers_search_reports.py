"""The province's officers read the search report (queries, zero-hit queries) and keep
the promoted search results; editors keep the promoted results too (content)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from catalog import roles

GROUP_PERMISSIONS = {
    roles.OFFICER_GROUP: {
        "search": ["view_querylogentry"],
        "wagtailsearchpromotions": [
            "add_searchpromotion",
            "change_searchpromotion",
            "delete_searchpromotion",
        ],
    },
    roles.EDITOR_GROUP: {
        "wagtailsearchpromotions": [
            "add_searchpromotion",
            "change_searchpromotion",
            "delete_searchpromotion",
        ],
    },
}


def permissions(apps, by_app):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codenames in by_app.items():
        found += list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    return found


def forwards(apps, schema_editor):
    for label in ("search", "wagtailsearchpromotions"):
        try:
            app_config = apps.get_app_config(label)
        except LookupError:
            continue
        if not getattr(app_config, "models_module", None):
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    for name, by_app in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*permissions(apps, by_app))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, by_app in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*permissions(apps, by_app))


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_roles"),
        ("search", "0005_postgres_sort_indexes"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
