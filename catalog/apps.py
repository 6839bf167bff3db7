from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    label = "catalog"
    verbose_name = _("Danh mục sản phẩm OCOP")

    def ready(self):
        from catalog import page_cache, sale_listing

        page_cache.connect()
        sale_listing.connect()
