"""The admin roles as Wagtail groups, and the moderation workflow of product pages.

* "Chủ thể OCOP" (producer users), "Cán bộ OCOP tỉnh" (province officers) and
  "Biên tập viên" (editors), with the permissions listed in ``catalog.roles``;
* the orders, stock, delivery-terms and departure permissions that marketplace 0003
  and tours 0002 gave Wagtail's default Editors and Moderators move to the officers;
* the workflow "Duyệt sản phẩm OCOP": one group-approval task for the officers.
  Product pages use it wherever they are (``ProductPage.get_workflow``).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from catalog import roles


def ensure_permissions(apps):
    for label in ("catalog", "marketplace", "tours", "cms", "wagtailadmin", "wagtailcore",
                  "wagtailimages", "wagtaildocs", "wagtailredirects"):
        try:
            app_config = apps.get_app_config(label)
        except LookupError:
            continue
        if not getattr(app_config, "models_module", None):  # historical stubs have none
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)


def permissions(apps, by_app):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codenames in by_app.items():
        found += list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    return found


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    groups = {}
    for name, by_app in roles.MODEL_PERMISSIONS.items():
        group = groups[name] = Group.objects.get_or_create(name=name)[0]
        group.permissions.add(*permissions(apps, by_app))
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for name, codenames in roles.ROOT_PAGE_PERMISSIONS.items():
            for permission in permissions(apps, {"wagtailcore": codenames}):
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page=root_page, permission=permission
                )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, by_app in roles.COLLECTION_PERMISSIONS.items():
            for permission in permissions(apps, by_app):
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection=root_collection, permission=permission
                )
    moved = permissions(apps, roles.MOVED_FROM_DEFAULT_GROUPS)
    for group in Group.objects.filter(name__in=roles.DEFAULT_GROUPS):
        group.permissions.remove(*moved)
    create_workflow(apps, groups[roles.OFFICER_GROUP])


def create_workflow(apps, officers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    content_type = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )[0]
    task = GroupApprovalTask.objects.filter(name=roles.APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=roles.APPROVAL_TASK_NAME, content_type=content_type, active=True
        )
    task.groups.add(officers)
    workflow = Workflow.objects.get_or_create(name=roles.WORKFLOW_NAME, defaults={"active": True})[0]
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    moved = permissions(apps, roles.MOVED_FROM_DEFAULT_GROUPS)
    for group in Group.objects.filter(name__in=roles.DEFAULT_GROUPS):
        group.permissions.add(*moved)
    Workflow.objects.filter(name=roles.WORKFLOW_NAME).update(active=False)
    Group.objects.filter(name__in=[roles.OFFICER_GROUP, roles.EDITOR_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0006_registry_changes_as_rows"),
        ("marketplace", "0003_officers_manage_orders"),
        ("tours", "0002_editors_manage_departures"),
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        # The latest: their data migrations (e.g. "choose" for every group) run first.
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
