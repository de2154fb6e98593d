# expect: fail
# counterexample: actual:   tensor\(\[\[\[\[0, 2\],
"""TensorFlow's depth_to_space order: the channel splits as (i, j, c), c the fastest.

The same as torch's when there is one channel group, wrong as soon as there are two.
"""


def pixel_shuffle(input, upscale_factor):
    r = upscale_factor
    n, channels, h, w = input.shape
    c = channels // (r * r)
    blocks = input.reshape(n, r, r, c, h, w)
    return blocks.permute(0, 3, 4, 1, 5, 2).reshape(n, c, h * r, w * r)
