import copy

import pytest

from .helpers import DEFAULT_DATA


@pytest.fixture
def default_data() -> dict:
    """A fresh deep copy of the default campaign, to change in a test."""
    return copy.deepcopy(DEFAULT_DATA)
