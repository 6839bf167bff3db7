from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToursConfig(AppConfig):
    name = "tours"
    label = "tours"
    verbose_name = _("Làng nghề và tour")

    def ready(self):
        from . import views
        from .models import TourPage

        TourPage.booking_views = views
