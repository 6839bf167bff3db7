"""Officers invite producer users by e-mail; the invited user sets its own password.

The link is Wagtail's password-reset confirmation (Django's token machinery): it works
once, and stops working when the password changes or after PASSWORD_RESET_TIMEOUT.
Only officers invite (``catalog.permissions.is_officer``); producers add no one.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from catalog import permissions, roles


def set_password_link(user, base_url):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("wagtailadmin_password_reset_confirm", args=[uid, token])
    return base_url.rstrip("/") + path


@transaction.atomic
def invite(email, producer, *, invited_by, base_url):
    """Link the user with ``email`` (made if new, with no usable password) to ``producer``,
    in the producers' group, and e-mail the link. Returns (user, created)."""
    if not permissions.is_officer(invited_by):
        raise PermissionDenied
    email = str(email).strip().lower()
    validate_email(email)
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    created = user is None
    if created:
        if User.objects.filter(username=email).exists():
            raise ValidationError(_("Tên đăng nhập %(email)s đã có người dùng.") % {"email": email})
        user = User(username=email, email=email)
        user.set_unusable_password()
        user.save()
    elif user.is_superuser or permissions.is_officer(user):
        raise ValidationError(_("Tài khoản này là của cán bộ, không gắn với chủ thể."))
    user.groups.add(Group.objects.get(name=roles.PRODUCER_GROUP))
    producer.users.add(user)
    admin_url = base_url.rstrip("/") + reverse("wagtailadmin_home")
    if created or not user.has_usable_password():
        body = _(
            "Cán bộ OCOP tỉnh mời bạn quản lý gian hàng của %(producer)s trên Chợ OCOP.\n\n"
            "Hãy đặt mật khẩu tại liên kết sau (chỉ dùng được một lần):\n%(link)s\n\n"
            "Tên đăng nhập của bạn: %(username)s"
        ) % {
            "producer": producer.name,
            "link": set_password_link(user, base_url),
            "username": user.get_username(),
        }
    else:
        body = _(
            "Tài khoản %(username)s của bạn đã được gắn với %(producer)s trên Chợ OCOP.\n\n"
            "Đăng nhập tại: %(link)s"
        ) % {"producer": producer.name, "link": admin_url, "username": user.get_username()}
    subject = _("Lời mời quản lý gian hàng %(producer)s") % {"producer": producer.name}
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return user, created
