# expect: pass
"""Each kernel tap stamps every input pixel, channel-mixed, onto a strided slice of the
full output; padding is cropped at the end, output padding is room left at the end."""

import torch


def pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def conv_transpose2d(
    input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1
):
    (sh, sw), (ph, pw), (oph, opw), (dh, dw) = map(
        pair, (stride, padding, output_padding, dilation)
    )
    n, c_in, h, w = input.shape
    _, c_out_g, kh, kw = weight.shape
    g = groups
    full_h = (h - 1) * sh + dh * (kh - 1) + 1 + oph
    full_w = (w - 1) * sw + dw * (kw - 1) + 1 + opw
    x = input.reshape(n, g, c_in // g, h, w)
    wg = weight.reshape(g, c_in // g, c_out_g, kh, kw)
    full = input.new_zeros(n, g, c_out_g, full_h, full_w)
    for a in range(kh):
        for b in range(kw):
            stamp = torch.einsum("ngihw,gio->ngohw", x, wg[:, :, :, a, b])
            rows = slice(a * dh, a * dh + (h - 1) * sh + 1, sh)
            cols = slice(b * dw, b * dw + (w - 1) * sw + 1, sw)
            full[:, :, :, rows, cols] += stamp
    out = full.reshape(n, g * c_out_g, full_h, full_w)
    out = out[:, :, ph : full_h - ph, pw : full_w - pw]
    if bias is not None:
        out = out + bias.view(1, -1, 1, 1)
    return out
