"""The rules of shopper accounts: sign-up, e-mail verification, attaching orders.

- A shopper is a plain Django user (no staff or admin access) whose username is
  the e-mail in lower case, so one e-mail has at most one account, whatever its case.
- Signing up with an e-mail that already has an account creates nothing: the
  owner of the address gets an e-mail instead, and the visitor sees the same
  "check your mail" page either way, so the form does not tell who is registered.
- The account may log in at once, but only a verified e-mail (a signed link sent to
  it, or a password reset by e-mail) brings in the guest orders and bookings made
  with that address.
- Every mail to one address is counted: at most ``MAILS_PER_ADDRESS_PER_HOUR``, so
  the forms cannot be used to flood someone's mailbox.
"""

import hashlib
import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import BaseUserManager
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.emails import absolute
from marketplace.models import Order
from marketplace.services.orders import attach_guest_orders
from ocop import shared_state
from tours.models import Booking

from .models import ShopperProfile

logger = logging.getLogger(__name__)

VERIFY_SALT = "marketplace.accounts.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600  # a verification link works for three days
MAX_EMAIL = 150  # the username is the e-mail, and Django's usernames stop at 150
MAILS_PER_ADDRESS_PER_HOUR = 5


class AccountError(Exception):
    """A refused step; ``str(error)`` is the message for the shopper."""


class InvalidLink(AccountError):
    pass


class ExpiredLink(InvalidLink):
    pass


def username_for(email):
    """The username of the shopper account for this e-mail: the address in lower case."""
    return str(email or "").strip().lower()


def normalise_email(email):
    return BaseUserManager.normalize_email(str(email or "").strip())


def account_for_email(email):
    """Any user already using this e-mail, as username or e-mail (case ignored)."""
    username = username_for(email)
    if not username:
        return None
    users = get_user_model().objects.filter(
        Q(username__iexact=username) | Q(email__iexact=username)
    )
    return users.order_by("pk").first()


def is_shopper(user):
    return bool(user and user.pk) and ShopperProfile.objects.filter(user=user).exists()


def is_verified(user):
    if not (user and user.is_authenticated):
        return False
    return ShopperProfile.objects.filter(user=user, email_verified_at__isnull=False).exists()


# --- Sign-up ---------------------------------------------------------------------------


def sign_up(*, email, name, password):
    """Create an unverified shopper account and send its verification link.

    Returns the new user, or None when the e-mail already has an account: then its
    owner is told by e-mail (with a fresh verification link if the account is not
    verified yet) and nothing is created. Callers show the same page either way.
    """
    email = normalise_email(email)
    existing = account_for_email(email)
    if existing is None:
        User = get_user_model()
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    username=username_for(email),
                    email=email,
                    password=password,
                    first_name=str(name or "").strip()[:150],
                )
                ShopperProfile.objects.create(user=user)
        except IntegrityError:  # the same address signed up at the same moment
            existing = account_for_email(email)
        else:
            send_verification(user)
            return user
    # As slow as creating an account (the password is hashed), so timing tells nothing.
    make_password(password)
    if existing is not None:
        send_already_registered(existing)
    return None


# --- Verification ----------------------------------------------------------------------


def verification_token(user):
    return signing.dumps({"u": user.pk, "e": username_for(user.email)}, salt=VERIFY_SALT)


def verification_url(user):
    return absolute(reverse("accounts:verify", kwargs={"token": verification_token(user)}))


def user_for_token(token):
    """The shopper a verification link is for; InvalidLink or ExpiredLink otherwise."""
    try:
        data = signing.loads(str(token), salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ExpiredLink(
            _("Liên kết xác minh đã hết hạn. Hãy đăng nhập và yêu cầu gửi liên kết mới.")
        ) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidLink(_("Liên kết xác minh không hợp lệ.")) from error
    user_id = data.get("u") if isinstance(data, dict) else None
    user = None
    if isinstance(user_id, int):
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or data.get("e") != username_for(user.email) or not is_shopper(user):
        raise InvalidLink(_("Liên kết xác minh không hợp lệ."))
    return user


def mark_verified(user):
    """The user's e-mail is proven: guest orders with that e-mail join the account.

    Returns how many guest orders were attached.
    """
    with transaction.atomic():
        profile, _created = ShopperProfile.objects.select_for_update().get_or_create(user=user)
        if profile.email_verified_at is None:
            profile.email_verified_at = timezone.now()
            profile.save(update_fields=["email_verified_at"])
        return attach_guest_orders(user)


def attach_if_verified(user):
    """Guest orders placed since (with the verified e-mail) join the account."""
    return attach_guest_orders(user) if is_verified(user) else 0


# --- Mail ------------------------------------------------------------------------------


def mail_allowed(email):
    """Count one mail to this address; False once the hourly allowance is used up."""
    digest = hashlib.sha256(username_for(email).encode()).hexdigest()
    return shared_state.take(f"accounts:mails:{digest}", MAILS_PER_ADDRESS_PER_HOUR, 3600)


def send_mail(subject, template, context, email):
    """Send one account mail; a failing mail server is logged, never shown as an error."""
    if not mail_allowed(email):
        logger.warning("Account mail to one address held back: too many this hour")
        return False
    body = render_to_string(template, {**context, "site_url": absolute("/")})
    try:
        EmailMultiAlternatives(subject=subject, body=body, to=[email]).send()
    except Exception:
        logger.exception("Account mail could not be sent")
        return False
    return True


def send_verification(user):
    return send_mail(
        _("Xác minh e-mail cho tài khoản Chợ OCOP"),
        "marketplace/accounts/email/verify.txt",
        {"user": user, "verify_url": verification_url(user), "days": VERIFY_MAX_AGE // 86400},
        user.email,
    )


def send_already_registered(user):
    """Someone signed up with this user's e-mail: tell the owner, never the visitor."""
    context = {
        "user": user,
        "login_url": absolute(reverse("accounts:login")),
        "reset_url": absolute(reverse("accounts:password_reset")),
        "verify_url": "",
        "days": VERIFY_MAX_AGE // 86400,
    }
    if is_shopper(user) and not is_verified(user):
        context["verify_url"] = verification_url(user)
    return send_mail(
        _("Địa chỉ e-mail của bạn đã có tài khoản Chợ OCOP"),
        "marketplace/accounts/email/already_registered.txt",
        context,
        user.email,
    )


# --- What the account page shows -------------------------------------------------------


def account_orders(user):
    return Order.objects.filter(user=user).order_by("-created_at", "-pk")


def account_bookings(user):
    """Tour bookings in the user's orders, and those made with the verified e-mail."""
    mine = Q(order_line__sub_order__order__user=user)
    if is_verified(user) and user.email:
        mine |= Q(email__iexact=user.email)
    return (
        Booking.objects.filter(mine)
        .select_related("departure__tour")
        .distinct()
        .order_by("-created_at", "-pk")
    )
