"""Settings for the ML tests written with torch (attention, position encodings).

torch runs on one thread here: on a loaded two-core machine its thread pool turns the
microsecond ops of small tensors into milliseconds of waiting on the other thread.
Results do not depend on the thread count beyond the tolerances of ``check_op``.
"""

import torch

torch.set_num_threads(1)
