"""Public JSON: ``GET /api/search/`` and ``GET /api/search/suggest/`` (docs/search.md)."""

from django.urls import path
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from search import services
from search.query import no_control_characters


class SearchView(APIView):
    """Results, facets with counts and a "did you mean"; 400 naming each bad parameter."""

    authentication_classes = []
    permission_classes = [AllowAny]

    def get(self, request):
        query = services.parse(request.query_params)
        page = services.search(query)
        services.log_query(query.text, page.total)
        return Response(services.as_json(page))


class SuggestParameters(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=100, validators=[no_control_characters]
    )


class SuggestView(APIView):
    """Up to 8 suggestions (title, url, type) for what has been typed so far."""

    authentication_classes = []
    permission_classes = [AllowAny]

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
