from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ShopperProfile(models.Model):
    """What a shopper account adds to a Django user: whether its e-mail is proven.

    Shoppers are plain users (no staff or admin access) whose username is their
    e-mail in lower case. Until ``email_verified_at`` is set the account may log
    in, but no guest order or booking with that e-mail joins it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="shopper_profile",
    )
    email_verified_at = models.DateTimeField(_("xác minh e-mail lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài khoản người mua")
        verbose_name_plural = _("tài khoản người mua")

    def __str__(self):
        return self.user.email

    @property
    def is_verified(self):
        return self.email_verified_at is not None
