"""Hypothesis profiles for the whole suite, chosen with ``HYPOTHESIS_PROFILE``.

``dev`` (the default) is quick for the edit-test loop; ``ci`` is what ``.ci/run``
uses; ``thorough`` runs many examples (the 10^5-case geometry stress, for one).
"""

import os

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ["pytester"]

_COMMON = {"suppress_health_check": [HealthCheck.too_slow], "deadline": None}
settings.register_profile("dev", max_examples=25, **_COMMON)
settings.register_profile("ci", max_examples=200, print_blob=True, **_COMMON)
settings.register_profile("thorough", max_examples=5_000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

_STRESS_CASES = {"dev": 1_000, "ci": 10_000, "thorough": 100_000}


@pytest.fixture(scope="session")
def stress_cases() -> int:
    """How many random small instances a kactl-style stress test checks (by profile)."""
    return _STRESS_CASES.get(os.environ.get("HYPOTHESIS_PROFILE", "dev"), 1_000)
