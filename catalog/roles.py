"""The admin roles: Wagtail groups made by migration (catalog/migrations/0007_roles.py).

Names are data (the migration and the demo look groups up by them); what each role
may do is decided in ``catalog.permissions``. docs/roles.md explains both.
"""

PRODUCER_GROUP = "Chủ thể OCOP"
OFFICER_GROUP = "Cán bộ OCOP tỉnh"
EDITOR_GROUP = "Biên tập viên"

WORKFLOW_NAME = "Duyệt sản phẩm OCOP"
APPROVAL_TASK_NAME = "Cán bộ OCOP tỉnh duyệt"

# Model permissions per group, as {app_label: [codename, ...]}.
MARKETPLACE_OFFICER = [
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
TOURS_OFFICER = [
    "add_departure",
    "change_departure",
    "delete_departure",
    "view_departure",
    "view_booking",
]
CATALOG_OFFICER = [
    f"{action}_{model}"
    for model in ("producer", "product", "certification", "syncrun", "syncproblem", "syncchange")
    for action in ("add", "change", "delete", "view")
] + ["view_productset", "view_productcategory"]

MODEL_PERMISSIONS = {
    PRODUCER_GROUP: {"wagtailadmin": ["access_admin"]},
    OFFICER_GROUP: {
        "wagtailadmin": ["access_admin"],
        "catalog": CATALOG_OFFICER,
        "marketplace": MARKETPLACE_OFFICER,
        "tours": TOURS_OFFICER,
    },
    EDITOR_GROUP: {
        "wagtailadmin": ["access_admin"],
        "cms": ["change_sitesettings", "change_navigationsettings"],
        "wagtailredirects": ["add_redirect", "change_redirect", "delete_redirect"],
    },
}

# Page permissions on the root of the page tree (officers, editors). Producers hold
# none in the database: catalog.permissions grants them "add" and "change" under the
# catalogue, on their own products' pages only.
ROOT_PAGE_PERMISSIONS = {
    OFFICER_GROUP: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    EDITOR_GROUP: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Collection permissions on the root collection (photos and documents).
COLLECTION_PERMISSIONS = {
    PRODUCER_GROUP: {"wagtailimages": ["add_image", "choose_image"]},
    OFFICER_GROUP: {
        "wagtailimages": ["add_image", "change_image", "choose_image"],
        "wagtaildocs": ["add_document", "change_document", "choose_document"],
    },
    EDITOR_GROUP: {
        "wagtailimages": ["add_image", "change_image", "delete_image", "choose_image"],
        "wagtaildocs": ["add_document", "change_document", "delete_document", "choose_document"],
    },
}
# What the marketplace (0003) and tours (0002) migrations gave Wagtail's default
# groups: it moves to the officers. Editors keep content pages only.
MOVED_FROM_DEFAULT_GROUPS = {"marketplace": MARKETPLACE_OFFICER, "tours": TOURS_OFFICER}
DEFAULT_GROUPS = ("Editors", "Moderators")
