"""Demo accounts of each admin role (README, "Demo accounts"); password as the admin's.

* ``htx-caudat`` and ``htx-tancuong``: producer users of two producers with products;
* ``canbo-tinh``: a province OCOP officer; ``bientap``: an editor.
(``htx-vikhe``, the producer user that also runs tours, is made by tours.demo.)
Idempotent: a user is looked up by name, and never given a new password.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from catalog import roles
from catalog.models import Producer
from catalog.text import match_key
from cms.demo import ADMIN_PASSWORD

PRODUCER_ACCOUNTS = {
    "htx-caudat": "Hợp tác xã Cà phê Cầu Đất Xanh",
    "htx-tancuong": "Hợp tác xã Chè Tân Cương Sông Công",
}
STAFF_ACCOUNTS = {"canbo-tinh": roles.OFFICER_GROUP, "bientap": roles.EDITOR_GROUP}


def ensure_user(username, group_name, stdout):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@ocop.local"}
    )
    if created:
        user.set_password(ADMIN_PASSWORD)
        user.save()
        stdout.write(f"Created demo user {username!r} ({group_name}).")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def assign_workflow():
    """Show in Wagtail's workflow admin that the catalogue uses "Duyệt sản phẩm OCOP"
    (ProductPage.get_workflow uses it wherever a product page sits)."""
    from wagtail.models import Workflow, WorkflowPage

    from catalog.models import CatalogIndexPage

    workflow = Workflow.objects.filter(name=roles.WORKFLOW_NAME, active=True).first()
    index = CatalogIndexPage.objects.first()
    if workflow and index and not WorkflowPage.objects.filter(page=index).exists():
        WorkflowPage.objects.create(page=index, workflow=workflow)


def load(stdout):
    assign_workflow()
    for username, producer_name in PRODUCER_ACCOUNTS.items():
        producer = Producer.objects.filter(name_key=match_key(producer_name)).first()
        if producer is not None:
            producer.users.add(ensure_user(username, roles.PRODUCER_GROUP, stdout))
    for username, group_name in STAFF_ACCOUNTS.items():
        ensure_user(username, group_name, stdout)
