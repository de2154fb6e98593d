# expect: fail
# counterexample: \(\[LayerSpec\(kernel_size=2, stride=1, padding=0, dilation=2, name=''\)\]\)
"""The recurrences with the kernel size where the effective kernel d (k - 1) + 1 belongs:
right until a layer is dilated."""

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
        k, s, p, _d = (
            per_dimension(v, ndim)
            for v in (layer.kernel_size, layer.stride, layer.padding, layer.dilation)
        )
        for i in range(ndim):
            span = k[i]  # forgets the dilation
            start[i] += ((span - 1) / 2 - p[i]) * jump[i]
            size[i] += (span - 1) * jump[i]
            jump[i] *= s[i]
        fields.append(ReceptiveField(tuple(size), tuple(jump), tuple(start)))
    return fields
