from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    name = "fairs"
    label = "fairs"
    verbose_name = _("Hội chợ và livestream")

    def ready(self):
        from ocop import page_cache

        from . import signals  # noqa: F401 (the livestream schedule cache)
        from .services import offers

        page_cache.expire_at_window_edges(offers.next_window_edge)
