"""Who takes part in a fair: a producer's user applies for its own producer with its own
products; an officer approves or refuses and gives booth numbers."""

from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.permissions import is_officer, producers_for, product_pages_for
from fairs.models import ParticipantStatus


class ParticipationError(Exception):
    pass


def check_application(user, producer, product_pages):
    """The errors of an application by ``user`` ({field: message}; empty when fine)."""
    errors = {}
    if producer is not None and not producers_for(user).filter(pk=producer.pk).exists():
        errors["producer"] = _("Bạn chỉ đăng ký được cho chủ thể của mình.")
    allowed = set(product_pages_for(user).values_list("pk", flat=True))
    for page in product_pages:
        if page.pk not in allowed or (producer and page.product.producer_id != producer.pk):
            errors["products"] = _("Chỉ chọn sản phẩm của chủ thể đăng ký.")
            break
    return errors


def decide(participant, *, user, status, booth="", note=""):
    """An officer's decision on an application."""
    if not is_officer(user):
        raise ParticipationError(_("Chỉ cán bộ tỉnh được duyệt đơn tham gia."))
    if status not in ParticipantStatus.values:
        raise ParticipationError(_("Trạng thái không hợp lệ."))
    participant.status = status
    participant.booth = booth if status == ParticipantStatus.APPROVED else ""
    participant.decision_note = note
    participant.decided_by = user
    participant.decided_at = timezone.now()
    participant.save()
    return participant
