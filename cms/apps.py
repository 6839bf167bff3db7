from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Nội dung trang")

    def ready(self):
        from cms.services import sync_default_site

        # The Site record follows the configured address (cms.services.sync_default_site).
        post_migrate.connect(sync_default_site, sender=self, dispatch_uid="cms-site-address")
