from tests.catalog.conftest import catalogue, today  # noqa: F401 (fixtures)
