import pytest


@pytest.fixture
def analyst(org_a, make_user):
    """An analyst of organisation A: reads organisation A's case facts through the casework selectors."""
    return make_user(org_a, "analyst")
