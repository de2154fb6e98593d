"""Settings for the autograd tests: one thread for torch and for numpy's BLAS.

On a loaded two-core machine a pool of two threads spends most of its time waiting for
the other core: torch turns a 40 us convolution of a few pixels into 50-150 ms, and
OpenBLAS makes a training step of the small CNN 3x slower (both measured).  The tests
compare values, and these do not depend on the thread count beyond the tolerances of
``check_op``; the benchmarks measure both settings.
"""

import torch
from threadpoolctl import threadpool_limits

torch.set_num_threads(1)
_ONE_BLAS_THREAD = threadpool_limits(1)  # for the whole session
