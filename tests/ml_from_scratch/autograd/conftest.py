"""Settings for the autograd tests.

torch runs its oracle ops on one thread here: on a loaded two-core machine its thread
pool turns a 40 us convolution of a few pixels into 50-150 ms (measured), which would
make the op-by-op comparisons the slowest part of the suite.  Results do not depend on
the thread count beyond the tolerances of ``check_op``.
"""

import torch

torch.set_num_threads(1)
