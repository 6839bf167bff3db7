"""Livestream JSON (docs/fairs.md): GET /api/livestreams/ID/state/.

What a live event's page polls every few seconds: the status from the times, the
product the host shows now, and the pinned products with their price now (the
one pricing rule: the live-only price inside the live window) and stock. Read
only; 404 for an unknown, unpublished or restricted livestream.
"""

from django.urls import re_path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from ocop.api_security import SAFE_ERRORS, ApiError, JsonApiView, error_responses

from .services import livestreams
from .windows import WindowStatus

app_name = "fairs_api"

MAX_ID = 2**31 - 1


class VariantStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    price = serializers.IntegerField(help_text="Price now, whole đồng")
    regular_price = serializers.IntegerField(help_text="List price, whole đồng")
    offer = serializers.IntegerField(allow_null=True, help_text="The offer giving `price`")
    stock = serializers.IntegerField(min_value=0)


class ProductStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)
    variants = VariantStateSerializer(many=True)


class LivestreamStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=WindowStatus.values)
    starts_at = serializers.DateTimeField(help_text="Asia/Ho_Chi_Minh, ISO 8601")
    ends_at = serializers.DateTimeField()
    now_showing = serializers.IntegerField(
        allow_null=True, help_text="Product page id shown now (live only)"
    )
    products = ProductStateSerializer(many=True)


def find_livestream(livestream_id):
    try:
        pk = int(livestream_id)
    except ValueError:
        pk = 0
    page = livestreams.public_livestreams().filter(pk=pk).first() if 0 < pk <= MAX_ID else None
    if page is None:
        raise ApiError(404, "not_found", _("Không tìm thấy livestream này."))
    return page


class LivestreamState(JsonApiView):
    @extend_schema(
        operation_id="livestreams_state",
        summary="A livestream's status, now-showing product and pinned products' prices",
        parameters=[
            OpenApiParameter(
                "livestream_id", int, OpenApiParameter.PATH, description="Livestream page id"
            )
        ],
        responses={200: LivestreamStateSerializer, **error_responses(*SAFE_ERRORS, 404)},
    )
    def get(self, request, livestream_id):
        livestream = find_livestream(livestream_id)
        response = Response(livestreams.state(livestream, timezone.now()))
        response["Cache-Control"] = "no-cache"
        return response


urlpatterns = [
    re_path(r"^(?P<livestream_id>[^/]+)/state/$", LivestreamState.as_view(), name="state"),
]
