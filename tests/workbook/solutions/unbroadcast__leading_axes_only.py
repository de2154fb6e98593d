# expect: fail
# counterexample: unbroadcast\(array\(\[\[0\., 1\., 2\.\],\s+\[3\., 4\., 5\.\]\]\), \(2, 1\)\)
"""Sums the axes broadcasting added in front, but forgets the stretched size-1 axes."""


def unbroadcast(grad, shape):
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    return grad
