"""Settings for the vision tests (receptive fields, upsampling), written with torch.

torch runs on one thread here: on a loaded two-core machine its thread pool turns the
microsecond ops of small tensors into milliseconds of waiting on the other thread, and
the practice mode's time limits would catch that instead of a slow solution.  Results
do not depend on the thread count beyond the tolerances of ``check_op``.
"""

import torch

torch.set_num_threads(1)
