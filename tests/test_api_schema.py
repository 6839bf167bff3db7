"""The OpenAPI schema at /api/schema/ describes every public JSON endpoint (issue 13)."""

import pytest
import yaml
from django.core.management import call_command
from openapi_spec_validator import validate

from ocop.api_security import only_public_json_api

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_is_valid_openapi_3_with_the_tours_endpoints(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")
    departures = schema["paths"]["/api/tours/departures/"]["get"]
    assert {p["name"] for p in departures["parameters"]} == {"tour", "from", "to"}
    assert set(departures["responses"]) == {"200", "400", "404"}
    holds = schema["paths"]["/api/tours/departures/{departure_id}/holds/"]["post"]
    assert set(holds["responses"]) == {"201", "400", "403", "404", "405", "409", "415", "429"}
    assert list(holds["requestBody"]["content"]) == ["application/json"]


def test_wagtail_api_and_the_schema_itself_are_left_out(schema):
    assert not [path for path in schema["paths"] if path.startswith(("/api/v2/", "/api/schema"))]


def test_any_drf_view_routed_under_api_is_described_without_listing_it():
    endpoints = [
        ("/api/cart/", "/api/cart/", "GET", object),
        ("/api/v2/pages/", "/api/v2/pages/", "GET", object),
        ("/admin/x/", "/admin/x/", "GET", object),
    ]
    assert [path for path, *_rest in only_public_json_api(endpoints)] == ["/api/cart/"]


def test_the_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    assert "/api/tours/departures/" in (tmp_path / "schema.yaml").read_text()
