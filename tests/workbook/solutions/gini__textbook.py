# expect: pass
"""The textbook Gini impurity: total the weight of each label, sum the squared shares."""

from collections import defaultdict


def gini(y, sample_weight=None):
    weights = [1.0] * len(y) if sample_weight is None else sample_weight
    totals = defaultdict(float)
    for label, weight in zip(y, weights, strict=True):
        totals[label] += float(weight)
    total = sum(totals.values())
    return 1.0 - sum((weight / total) ** 2 for weight in totals.values())
