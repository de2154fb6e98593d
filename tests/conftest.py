"""Hypothesis profiles for the whole suite, chosen with ``HYPOTHESIS_PROFILE``.

``dev`` (the default) is quick for the edit-test loop; ``ci`` is what ``.ci/run``
uses; ``thorough`` runs many examples (the 10^5-case geometry stress, for one).
"""

import os

from hypothesis import HealthCheck, settings

_COMMON = {"suppress_health_check": [HealthCheck.too_slow], "deadline": None}
settings.register_profile("dev", max_examples=50, **_COMMON)
settings.register_profile("ci", max_examples=200, print_blob=True, **_COMMON)
settings.register_profile("thorough", max_examples=5_000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
