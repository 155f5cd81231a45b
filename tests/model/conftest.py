"""The model tests use the core tests' fixtures: the default campaign, loaded once, and a private home."""

from tests.core.conftest import compiled, default_scenario, private_home  # noqa: F401
