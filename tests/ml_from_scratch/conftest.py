"""Settings for every ML test: one thread for torch and for numpy's BLAS.

On a loaded two-core machine a pool of two threads spends most of its time waiting for
the other core: torch turns the microsecond ops of small tensors into milliseconds (a
40 us convolution of a few pixels took 50-150 ms), OpenBLAS made a training step of the
small CNN 3x slower, and the practice mode's time limits would catch that instead of a
slow solution.  The tests compare values, which do not depend on the thread count
beyond the tolerances of ``check_op``; the benchmarks measure both settings.
"""

import torch
from threadpoolctl import threadpool_limits

torch.set_num_threads(1)
_ONE_BLAS_THREAD = threadpool_limits(1)  # for the whole session
