"""Shared set-up of the ensemble tests: one BLAS thread.

Several tests fit scikit-learn's linear models (stacking's final model, voting
members).  On a machine whose cores are shared, OpenBLAS's threads spin against each
other and make each tiny fit twenty times slower; one thread is also what the
benchmarks measure.
"""

from collections.abc import Iterator

import pytest
from threadpoolctl import threadpool_limits


@pytest.fixture(autouse=True, scope="module")
def _one_blas_thread() -> Iterator[None]:
    with threadpool_limits(limits=1):
        yield
