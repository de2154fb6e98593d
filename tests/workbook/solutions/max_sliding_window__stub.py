# expect: not implemented
def max_sliding_window(nums, k):
    raise NotImplementedError
