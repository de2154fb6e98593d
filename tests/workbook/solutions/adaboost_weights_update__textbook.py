# expect: pass
"""SAMME's round as the statement writes it: the weighted error, the learner's say, the
misclassified samples scaled up, the weights renormalised."""

import numpy as np


def adaboost_weights_update(sample_weight, incorrect, n_classes=2, learning_rate=1.0):
    w = np.asarray(sample_weight, dtype=float)
    wrong = np.asarray(incorrect, dtype=bool)
    error = w[wrong].sum() / w.sum()
    alpha = learning_rate * (np.log((1 - error) / error) + np.log(n_classes - 1))
    new = w * np.exp(alpha * wrong)
    return new / new.sum(), float(alpha)
