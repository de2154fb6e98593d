"""Ensembles from scratch: CART trees, bagging, random forests, boosting, voting, stacking."""

from ml_from_scratch.ensemble.adaboost import AdaBoostClassifier, adaboost_weights_update
from ml_from_scratch.ensemble.bagging import BaggingClassifier, BaggingRegressor
from ml_from_scratch.ensemble.bootstrap import bootstrap_sample
from ml_from_scratch.ensemble.criteria import entropy, gini
from ml_from_scratch.ensemble.forest import RandomForestClassifier, RandomForestRegressor
from ml_from_scratch.ensemble.gradient_boosting import (
    GradientBoostingClassifier,
    GradientBoostingRegressor,
)
from ml_from_scratch.ensemble.losses import gradient_boosting_residuals
from ml_from_scratch.ensemble.split import best_split
from ml_from_scratch.ensemble.stacking import StackingClassifier, StackingRegressor
from ml_from_scratch.ensemble.tree import DecisionTreeClassifier, DecisionTreeRegressor
from ml_from_scratch.ensemble.voting import VotingClassifier

__all__ = [
    "AdaBoostClassifier",
    "BaggingClassifier",
    "BaggingRegressor",
    "DecisionTreeClassifier",
    "DecisionTreeRegressor",
    "GradientBoostingClassifier",
    "GradientBoostingRegressor",
    "RandomForestClassifier",
    "RandomForestRegressor",
    "StackingClassifier",
    "StackingRegressor",
    "VotingClassifier",
    "adaboost_weights_update",
    "best_split",
    "bootstrap_sample",
    "entropy",
    "gini",
    "gradient_boosting_residuals",
]
