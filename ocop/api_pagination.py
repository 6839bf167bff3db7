"""Wagtail API v2 pagination whose numbers cannot overflow the database."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

# Past this an SQL OFFSET overflows (PostgreSQL's bigint, SQLite's integer): a 400, not a 500.
MAX_OFFSET = 2**31 - 1


class BoundedPagination(WagtailPagination):
    """Wagtail's ``offset``/``limit`` pagination with the offset bounded."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # Wagtail's own check reports it
        if offset > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)
