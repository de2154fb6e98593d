"""scikit-learn's ``check_estimator`` for every estimator of the package.

The two class exercises (``DecisionTreeClassifier``, ``AdaBoostClassifier``) run the
same checks through their fixtures in their own test files, so that a user's class is
checked too; here they run in their other configurations.  Members are few (5 or 10)
so that the checks stay quick; the checks do not depend on their number.

Expected failures, as for scikit-learn's own estimators of the same kind: fitting with
integer ``sample_weight`` is not the same as repeating the samples when the estimator
draws random resamples (bagging, forests, ``subsample < 1``), since the draws differ.
"""

from __future__ import annotations

from typing import Any

import pytest
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.naive_bayes import GaussianNB
from sklearn.utils.estimator_checks import parametrize_with_checks

from ml_from_scratch.ensemble import (
    AdaBoostClassifier,
    BaggingClassifier,
    BaggingRegressor,
    DecisionTreeClassifier,
    DecisionTreeRegressor,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
    StackingClassifier,
    StackingRegressor,
    VotingClassifier,
)

RESAMPLING = "its random resamples differ from those of the repeated data"
# The members of voting and stacking are seeded: the checks refit and compare, and an
# unseeded tree breaks ties between equally good splits at random.
TREE = DecisionTreeClassifier(max_depth=3, random_state=0)
# The default run checks the trees (the classifier through its fixture, in
# test_ensemble_tree.py) and AdaBoost (test_ensemble_adaboost.py); the checks of the
# other estimators, a few thousand fits, are marked slow.
ESTIMATORS = [DecisionTreeRegressor(max_depth=6, random_state=0)]
MORE_ESTIMATORS = [
    DecisionTreeClassifier(max_features="sqrt", random_state=0),
    DecisionTreeRegressor(max_depth=6, splitter="hist", random_state=0),
    BaggingClassifier(n_estimators=5),
    BaggingRegressor(n_estimators=5, max_features=0.8),
    RandomForestClassifier(n_estimators=5),
    RandomForestRegressor(n_estimators=5, splitter="hist", oob_score=True),
    AdaBoostClassifier(DecisionTreeClassifier(max_depth=2), n_estimators=5),
    GradientBoostingClassifier(n_estimators=5),
    GradientBoostingClassifier(n_estimators=5, splitter="hist"),
    GradientBoostingRegressor(n_estimators=10),
    GradientBoostingRegressor(n_estimators=30, loss="huber", splitter="hist"),
    GradientBoostingRegressor(n_estimators=30, loss="absolute_error", subsample=0.8),
    VotingClassifier([("tree", TREE), ("bayes", GaussianNB())]),
    VotingClassifier([("tree", TREE), ("bayes", GaussianNB())], voting="soft", weights=[2, 1]),
    StackingClassifier(
        [("tree", TREE), ("bayes", GaussianNB())], final_estimator=LogisticRegression(), cv=3
    ),
    StackingRegressor(
        [("tree", DecisionTreeRegressor(max_depth=3, random_state=0)), ("ridge", Ridge())],
        cv=3,
        passthrough=True,
    ),
]


def expected_failures(estimator: Any) -> dict[str, str]:
    resamples = isinstance(estimator, BaggingClassifier | BaggingRegressor) or (
        getattr(estimator, "subsample", 1.0) < 1.0
    )
    if not resamples:
        return {}
    return {"check_sample_weight_equivalence_on_dense_data": RESAMPLING}


@parametrize_with_checks(ESTIMATORS, expected_failed_checks=expected_failures)
def test_check_estimator(estimator: Any, check: Any) -> None:
    check(estimator)


@pytest.mark.slow
@parametrize_with_checks(MORE_ESTIMATORS, expected_failed_checks=expected_failures)
def test_check_estimator_in_other_configurations(estimator: Any, check: Any) -> None:
    check(estimator)
