"""The marketplace's e-mails: the shopper's order confirmation, each producer's new
sub-order, and the shopper's notices when a sub-order ships or is cancelled."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def order_url(order):
    return absolute(reverse("marketplace:order", kwargs={"token": order.token}))


def _send(subject, template, context, to):
    body = render_to_string(template, context)
    EmailMultiAlternatives(subject=subject, body=body, to=to).send()


def send_order_confirmation(order):
    with translation.override(order.language):
        context = {
            "order": order,
            "sub_orders": list(order.sub_orders.all()),
            "order_url": order_url(order),
        }
        subject = _("Đơn hàng %(number)s đã được đặt") % {"number": order.number}
        _send(subject, "marketplace/email/order_confirmation.txt", context, [order.email])


def send_new_sub_order(sub_order):
    """Tell the producer (in Vietnamese: its staff work in the admin) what to prepare."""
    producer = sub_order.producer
    recipients = [producer.email] if producer.email else []
    recipients += [user.email for user in producer.users.all() if user.email and user.is_active]
    recipients = sorted(set(recipients))
    if not recipients:
        return
    with translation.override("vi"):
        context = {
            "sub_order": sub_order,
            "order": sub_order.order,
            "admin_url": absolute(reverse("marketplace_orders:detail", args=[sub_order.pk])),
        }
        subject = _("Đơn mới %(number)s cho %(producer)s") % {
            "number": sub_order.order.number,
            "producer": producer.name,
        }
        _send(subject, "marketplace/email/new_sub_order.txt", context, recipients)


def send_sub_order_shipped(sub_order):
    order = sub_order.order
    with translation.override(order.language):
        context = {"sub_order": sub_order, "order": order, "order_url": order_url(order)}
        subject = _("Đơn %(number)s đang được giao") % {"number": order.number}
        _send(subject, "marketplace/email/sub_order_shipped.txt", context, [order.email])


def send_sub_order_cancelled(sub_order):
    order = sub_order.order
    with translation.override(order.language):
        context = {"sub_order": sub_order, "order": order, "order_url": order_url(order)}
        subject = _("Một phần đơn %(number)s đã bị hủy") % {"number": order.number}
        _send(subject, "marketplace/email/sub_order_cancelled.txt", context, [order.email])
