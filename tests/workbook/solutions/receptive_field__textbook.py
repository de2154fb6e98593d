# expect: pass
"""The bottom-up recurrences, one pass from the input up, per dimension."""

from ml_from_scratch.receptive_field import ReceptiveField


def per_dimension(value, ndim):
    return tuple(value) if isinstance(value, tuple) else (value,) * ndim


def receptive_field(layers, ndim=None):
    if ndim is None:
        lengths = [
            len(v)
            for layer in layers
            for v in (layer.kernel_size, layer.stride, layer.padding, layer.dilation)
            if isinstance(v, tuple)
        ]
        ndim = lengths[0] if lengths else 1
    size, jump, start = [1] * ndim, [1] * ndim, [0.0] * ndim
    fields = []
    for layer in layers:
        k, s, p, d = (
            per_dimension(v, ndim)
            for v in (layer.kernel_size, layer.stride, layer.padding, layer.dilation)
        )
        for i in range(ndim):
            span = d[i] * (k[i] - 1) + 1
            start[i] += ((span - 1) / 2 - p[i]) * jump[i]
            size[i] += (span - 1) * jump[i]
            jump[i] *= s[i]
        fields.append(ReceptiveField(tuple(size), tuple(jump), tuple(start)))
    return fields
