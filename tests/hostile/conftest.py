"""Hypothesis profiles: the default keeps the fast suite fast; HYPOTHESIS_PROFILE=thorough searches longer."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

COMMON = {
    "deadline": None,  # a request against PostgreSQL has no fixed time
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    "derandomize": False,
    "database": None,
}
settings.register_profile("default", max_examples=25, **COMMON)
settings.register_profile("thorough", max_examples=400, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
