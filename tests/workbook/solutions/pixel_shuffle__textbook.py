# expect: pass
"""Split the channels as (c, i, j), move i and j next to the rows and columns."""


def pixel_shuffle(input, upscale_factor):
    r = upscale_factor
    n, channels, h, w = input.shape
    c = channels // (r * r)
    blocks = input.reshape(n, c, r, r, h, w)
    return blocks.permute(0, 1, 4, 2, 5, 3).reshape(n, c, h * r, w * r)
