# expect: fail
# counterexample: \(array\(\[1\., 2\.\]\), array\(\[ True, False\]\), 3, 1\.0\)
"""AdaBoost.M1's say, log((1 - e) / e), without SAMME's log(K - 1): right for two classes
only."""

import numpy as np


def adaboost_weights_update(sample_weight, incorrect, n_classes=2, learning_rate=1.0):
    w = np.asarray(sample_weight, dtype=float)
    wrong = np.asarray(incorrect, dtype=bool)
    error = w[wrong].sum() / w.sum()
    alpha = learning_rate * np.log((1 - error) / error)
    new = w * np.exp(alpha * wrong)
    return new / new.sum(), float(alpha)
