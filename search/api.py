"""Public JSON: ``GET /api/search/`` and ``GET /api/search/suggest/`` (docs/search.md)."""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from ocop.api_security import SAFE_ERRORS, JsonApiView, error_responses
from search import services
from search.query import no_control_characters


class SearchHitSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["product", "village", "tour"])
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)
    stars = serializers.IntegerField(allow_null=True)
    min_price = serializers.IntegerField(allow_null=True)
    province = inline_serializer(
        name="SearchProvince",
        fields={"code": serializers.IntegerField(), "name": serializers.CharField()},
        allow_null=True,
    )
    producer = serializers.CharField(allow_null=True)
    image = serializers.JSONField(allow_null=True)


class FacetValueSerializer(serializers.Serializer):
    value = serializers.JSONField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class SearchResultSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
    suggestion = serializers.CharField(allow_null=True, allow_blank=True)
    promoted = serializers.JSONField()


class SuggestionSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)
    type = serializers.CharField()


class SuggestionsSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True)


SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="What the shopper typed (accents optional)"),
    OpenApiParameter("type", str, description="product, village or tour"),
    OpenApiParameter("category", str),
    OpenApiParameter("product_set", int),
    OpenApiParameter("stars", int),
    OpenApiParameter("province", int),
    OpenApiParameter("price_min", int),
    OpenApiParameter("price_max", int),
    OpenApiParameter("sort", str),
    OpenApiParameter("page", int),
]


class SearchView(JsonApiView):
    """Results, facets with counts and a "did you mean"; 400 naming each bad parameter."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search",
        summary="Search products, craft villages and tours",
        parameters=SEARCH_PARAMETERS,
        responses={200: SearchResultSerializer, **error_responses(*SAFE_ERRORS)},
    )
    def get(self, request):
        query = services.parse(request.query_params)
        page = services.search(query)
        services.log_query(query.text, page.total)
        return Response(services.as_json(page))


class SuggestParameters(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=100, validators=[no_control_characters]
    )


class SuggestView(JsonApiView):
    """Up to 8 suggestions (title, url, type) for what has been typed so far."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search_suggest",
        summary="Suggestions as the shopper types",
        parameters=[OpenApiParameter("q", str)],
        responses={200: SuggestionsSerializer, **error_responses(*SAFE_ERRORS)},
    )
    def get(self, request):
        parameters = SuggestParameters(data={"q": request.query_params.get("q", "")})
        parameters.is_valid(raise_exception=True)
        suggestions = services.suggest(parameters.validated_data.get("q", ""))
        response = Response(
            {
                "suggestions": [
                    {"title": item.title, "url": item.url, "type": item.kind}
                    for item in suggestions
                ]
            }
        )
        response["Cache-Control"] = "public, max-age=60"
        return response


app_name = "search_api"
urlpatterns = [
    path("", SearchView.as_view(), name="search"),
    path("suggest/", SuggestView.as_view(), name="suggest"),
]
