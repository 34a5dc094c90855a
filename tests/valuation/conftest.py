"""The web tests' TestClient fixture, for the valuation API and page tests."""

from tests.web.conftest import client  # noqa: F401
