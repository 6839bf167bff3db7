"""Drop the cached livestream schedule (fairs.services.livestreams) whenever a livestream
page or one of its pins is saved or deleted (publishing and unpublishing save the page)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import LivestreamEventPage, LivestreamProduct
from .services import livestreams


@receiver([post_save, post_delete, page_published, page_unpublished], sender=LivestreamEventPage)
@receiver([post_save, post_delete], sender=LivestreamProduct)
def forget_livestream_schedule(sender, **kwargs):
    livestreams.forget_schedule()
