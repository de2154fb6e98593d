"""Ensembles: the impurities and the split of CART, bootstrap, AdaBoost, gradient boosting."""

from workbook.compare import BY_VALUE
from workbook.exercise import Exercise

BENCH = "benchmarks/ml_from_scratch/bench_ensemble.py"
TOPIC = "ensembles"
NUMPY = ("import numpy as np",)
# Float answers a user computes in another order: a few ulps per term of a sum.
FLOATS = BY_VALUE.within(rel=1e-9, abs=1e-12)
# scikit-learn's checks that the class exercises' stubs import for a user's estimator.
_VALIDATION_IMPORTS = (
    "from sklearn.utils.multiclass import check_classification_targets",
    "from sklearn.utils.validation import (",
    "    _check_sample_weight,",
    "    check_is_fitted,",
    "    validate_data,",
    ")",
)

_IMPURITY = """
The {title} of a set of class labels `y`, with optional non-negative sample weights:
{formula}
where p_k is class k's share of the total weight (with no weights, of the count).
Classes that do not occur, or whose samples all have weight 0, add nothing
(0 log 0 = 0).

Constraints:
    y: a 1-D list or numpy array of 1 <= n <= 10^6 labels (ints, possibly negative, or
       strings)
    sample_weight: None (every weight 1) or n finite weights >= 0 with a positive sum

Examples:
    >>> {name}([0, 0, 1, 1])
    {half}
    >>> {name}(["a", "a", "a"])
    0.0
    >>> {name}([0, 1], sample_weight=[3, 1])
    {weighted}

Return a Python float.  Aim for O(n log n) (or O(n)) with numpy: a Python loop over 10^6
labels is slow.
"""

_DECISION_TREE = """
A CART classification tree with scikit-learn's estimator contract, so that it works in
pipelines, grid searches and cross-validation, and passes
sklearn.utils.estimator_checks.check_estimator.

    tree = DecisionTreeClassifier(criterion="gini", max_depth=None,
                                  min_samples_split=2, min_samples_leaf=1)
    tree.fit(X, y, sample_weight=None)   returns the tree itself
    tree.predict(X)                      the class of each row
    tree.predict_proba(X)                (n, n_classes) class proportions of its leaf
    tree.classes_, tree.n_features_in_   set by fit

Growing: a node is split on the feature and threshold t ("x[f] <= t" goes left) that
minimise the weighted impurity of the two children, n_L I(L) + n_R I(R), with
I = Gini (criterion="gini") or entropy in bits ("entropy"); thresholds are midpoints
between consecutive distinct values of the feature in the node; ties may be broken any
way.  A node becomes a leaf when it is pure, is at max_depth (the root is at depth 0),
holds fewer than min_samples_split samples, or has no split leaving at least
min_samples_leaf samples on each side; otherwise it is split even if the best split
does not lower the impurity.  A leaf predicts the (weighted) class proportions of its
training samples.  With sample_weight, impurities and proportions use the weights; a
sample of weight 0 must change nothing, as if it were not there.

The contract (what check_estimator tests):
    subclass sklearn.base.ClassifierMixin and BaseEstimator (in that order); __init__
    only stores its arguments under their own names; fit validates X and y with
    sklearn.utils.validation.validate_data(self, X, y) (it sets n_features_in_ and
    rejects NaN, sparse or empty input), checks y with
    sklearn.utils.multiclass.check_classification_targets, and checks weights with
    sklearn.utils.validation._check_sample_weight; predict and predict_proba start
    with sklearn.utils.validation.check_is_fitted(self) and
    validate_data(self, X, reset=False); labels may be any values (strings too).

Constraints: up to 10^4 samples and 30 features in the tests, a few seconds at most
for a fit.

Example:
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> tree = DecisionTreeClassifier().fit(X, ["a", "a", "b", "b"])
    >>> tree.predict([[0.4], [2.6]])
    array(['a', 'b'], dtype='<U1')
    >>> tree.predict_proba([[2.6]])
    array([[0., 1.]])

Aim for O(F n log n) per level of the tree: sort each feature of a node once and scan
it with running class counts.
"""

_ADABOOST = """
AdaBoost with the SAMME rule, for two or more classes, with scikit-learn's estimator
contract (it must pass sklearn.utils.estimator_checks.check_estimator).

    boost = AdaBoostClassifier(estimator=None, n_estimators=50, learning_rate=1.0,
                               random_state=None)
    boost.fit(X, y, sample_weight=None)   returns the classifier itself
    boost.predict(X)                      the class of each row

Fitting, with K classes and weights w starting uniform (or the given sample_weight,
normalised to sum 1), for up to n_estimators rounds:
    1. fit a clone (sklearn.base.clone) of the weak learner with sample_weight=w; the
       default learner (estimator=None) is a decision stump, a depth-1 tree: yours or
       sklearn.tree.DecisionTreeClassifier(max_depth=1);
    2. its weighted error e = sum of w over the samples it misclassifies / sum of w;
    3. if e == 0, keep it with weight 1 and stop; if e >= 1 - 1/K, drop it and stop
       (raise ValueError if it is the first);
    4. its weight alpha = learning_rate * (log((1 - e) / e) + log(K - 1));
    5. multiply the weights of the misclassified samples by exp(alpha), renormalise.
predict returns the class with the largest sum of alpha over the learners voting
for it.

After fit: estimators_ (the fitted learners), estimator_weights_ and estimator_errors_
(arrays of their alpha and e, one per learner kept), classes_, n_features_in_.

The contract is that of the decision tree exercise: subclass ClassifierMixin and
BaseEstimator, __init__ only stores its arguments, validate_data in fit and predict,
check_classification_targets, _check_sample_weight, check_is_fitted; any labels.

Constraints: up to 10^4 samples and 30 features in the tests.

Example:
    >>> X = [[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]]
    >>> boost = AdaBoostClassifier(n_estimators=10).fit(X, [0, 0, 1, 1, 0, 0])
    >>> boost.predict(X).tolist()
    [0, 0, 1, 1, 0, 0]
"""

EXERCISES = [
    Exercise(
        id="gini",
        reference="ml_from_scratch.ensemble.criteria:gini",
        topic=TOPIC,
        difficulty="easy",
        complexity="O(n log n)",
        source="CART (Breiman et al. 1984), ch. 4",
        statement=_IMPURITY.format(
            title="Gini impurity",
            formula="    gini = 1 - sum_k p_k^2",
            name="gini",
            half="0.5",
            weighted="0.375",
        ),
        signature=(
            "def gini(y: list | np.ndarray, sample_weight: list | np.ndarray | None = None)"
            " -> float"
        ),
        imports=NUMPY,
        compare=FLOATS,
        bench=BENCH,
        requires=("sklearn",),
    ),
    Exercise(
        id="entropy",
        reference="ml_from_scratch.ensemble.criteria:entropy",
        topic=TOPIC,
        difficulty="easy",
        complexity="O(n log n)",
        source="CART (Breiman et al. 1984); Shannon 1948",
        statement=_IMPURITY.format(
            title="entropy, in bits,",
            formula="    entropy = -sum_k p_k log2(p_k)",
            name="entropy",
            half="1.0",
            weighted="0.8112781244591328",
        ),
        signature=(
            "def entropy(y: list | np.ndarray, sample_weight: list | np.ndarray | None = None)"
            " -> float"
        ),
        imports=NUMPY,
        compare=FLOATS,
        bench=BENCH,
        requires=("sklearn",),
    ),
    Exercise(
        id="best_split",
        reference="ml_from_scratch.ensemble.split:best_split",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(n log n)",
        source="CART (Breiman et al. 1984), ch. 4; ESL section 9.2",
        statement="""
CART's inner loop: the best threshold on one feature.  Given the values `x` of one
feature and the targets `y` of n samples, find the threshold t that minimises the
weighted impurity of the two children, left = {i : x[i] <= t} and right = the rest:

    score(t) = (n_L * I(left) + n_R * I(right)) / n

with I the Gini impurity 1 - sum_k p_k^2 (criterion="gini"), the entropy in bits
-sum_k p_k log2 p_k ("entropy"), or the mean squared deviation from the child's mean
("squared_error", y numbers).  Only thresholds halfway between two consecutive distinct
values of x count, and both children must hold at least `min_samples_leaf` samples.

Return (t, score) as two floats, or None when no threshold qualifies (x constant, or
too few samples).  Any best threshold is accepted when several tie.

Constraints:
    1 <= n <= 10^6; x finite floats or ints, ties allowed; y class labels (ints or
    strings), or numbers for "squared_error"; 1 <= min_samples_leaf <= n

Examples:
    >>> best_split([1.0, 2.0, 3.0, 4.0], [0, 0, 1, 1])
    (2.5, 0.0)
    >>> best_split([3, 1, 2, 2], ["b", "a", "b", "a"])
    (1.5, 0.3333333333333333)
    >>> best_split([1, 2, 3, 10], [1.0, 1.0, 1.0, 5.0], criterion="squared_error")
    (6.5, 0.0)
    >>> best_split([7, 7, 7], [0, 1, 0]) is None
    True

Aim for O(n log n): sort once, then sweep the cuts with running (prefix) sums of the
class counts (or of y and y^2).  Recounting both sides at every cut is O(n^2).
""",
        signature=(
            "def best_split(x: list | np.ndarray, y: list | np.ndarray, "
            'criterion: str = "gini", min_samples_leaf: int = 1) -> tuple[float, float] | None'
        ),
        imports=NUMPY,
        compare=FLOATS,
        bench=BENCH,
        requires=("sklearn",),
    ),
    Exercise(
        id="bootstrap_sample",
        reference="ml_from_scratch.ensemble.bootstrap:bootstrap_sample",
        topic=TOPIC,
        difficulty="easy",
        complexity="O(n)",
        source="Efron 1979; bagging (Breiman 1996)",
        statement="""
Draw a bootstrap sample of a training set of `n_samples` rows: `n_draws` indices (by
default n_samples) drawn uniformly and independently from range(n_samples), with
replacement.  Return (indices, out_of_bag): the numpy array of the drawn indices, in the
order drawn, and the sorted numpy array of the indices never drawn (the out-of-bag
samples, about 36.8% of them for large n).

Take the randomness from `random_state`: None, an int seed, or a numpy Generator
(np.random.default_rng(random_state) accepts all three).  The same seed must give the
same sample; the tests check the distribution, not particular draws.

Constraints:
    1 <= n_samples <= 10^7; n_draws None or 1 <= n_draws <= 10^7

Example:
    >>> indices, out_of_bag = bootstrap_sample(5, random_state=3)
    >>> len(indices), sorted(set(indices) | set(out_of_bag.tolist()))
    (5, [0, 1, 2, 3, 4])
""",
        signature=(
            "def bootstrap_sample(n_samples: int, random_state: int | np.random.Generator | "
            "None = None, n_draws: int | None = None) -> tuple[np.ndarray, np.ndarray]"
        ),
        imports=NUMPY,
        bench=BENCH,
        requires=("sklearn",),
    ),
    Exercise(
        id="adaboost_weights_update",
        reference="ml_from_scratch.ensemble.adaboost:adaboost_weights_update",
        topic=TOPIC,
        difficulty="easy",
        complexity="O(n)",
        source="SAMME (Zhu, Zou, Rosset and Hastie 2009); ESL algorithm 10.1",
        statement="""
One round of AdaBoost's SAMME rule.  Given the current sample weights w, which samples
the round's weak learner misclassified (`incorrect`, booleans), the number of classes
K and the learning rate eta, return (new_weights, alpha):

    e     = sum(w[incorrect]) / sum(w)                      the weighted error
    alpha = eta * (log((1 - e) / e) + log(K - 1))          the learner's say
    new_weights = w * exp(alpha * incorrect), divided by its sum (so it sums to 1)

Constraints:
    1 <= n <= 10^6; w finite, >= 0, positive sum; incorrect a bool array of length n;
    2 <= n_classes <= 100; 0 < learning_rate <= 10; the inputs give 0 < e < 1 - 1/K

Example:
    >>> weights, alpha = adaboost_weights_update([0.25] * 4, [True, False, False, False])
    >>> round(alpha, 6), weights.round(6).tolist()
    (1.098612, [0.5, 0.166667, 0.166667, 0.166667])

Return the weights as a numpy array and alpha as a float.
""",
        signature=(
            "def adaboost_weights_update(sample_weight: np.ndarray, incorrect: np.ndarray, "
            "n_classes: int = 2, learning_rate: float = 1.0) -> tuple[np.ndarray, float]"
        ),
        imports=NUMPY,
        compare=FLOATS,
        bench=BENCH,
        requires=("sklearn",),
    ),
    Exercise(
        id="gradient_boosting_residuals",
        reference="ml_from_scratch.ensemble.losses:gradient_boosting_residuals",
        topic=TOPIC,
        difficulty="medium",
        complexity="O(n K)",
        source="Friedman 2001, 'Greedy function approximation'; ESL section 10.10",
        statement="""
The pseudo-residuals gradient boosting fits each tree to: the negative gradient of the
loss with respect to the current raw predictions F, sample by sample.

    "squared_error"   L = (y - F)^2 / 2                 residual  y - F
    "absolute_error"  L = |y - F|                       residual  sign(y - F) (0 at 0)
    "huber"           L = (y - F)^2 / 2 within delta,   residual  y - F clipped to
                      delta |y - F| - delta^2 / 2 beyond           [-delta, delta]
    "log_loss", F of shape (n,): y in {0, 1}, p = 1 / (1 + exp(-F)), residual y - p
    "log_loss", F of shape (n, K): y in {0 .. K-1}, p = softmax(F) row by row,
                      residual onehot(y) - p, shape (n, K)

Return a numpy float array of the shape of raw_prediction.

Constraints:
    1 <= n <= 10^6; y and raw_prediction finite; |F| <= 700 (exp must not overflow
    carelessly: compute the sigmoid and softmax stably); delta > 0; 2 <= K <= 100

Examples:
    >>> gradient_boosting_residuals([3.0, -1.0], [1.0, 1.0])
    array([ 2., -2.])
    >>> gradient_boosting_residuals([3.0, -1.0], [1.0, 1.0], "huber", delta=1.5)
    array([ 1.5, -1.5])
    >>> gradient_boosting_residuals([1, 0], [0.0, 0.0], "log_loss")
    array([ 0.5, -0.5])
""",
        signature=(
            "def gradient_boosting_residuals(y: np.ndarray, raw_prediction: np.ndarray, "
            'loss: str = "squared_error", delta: float = 1.0) -> np.ndarray'
        ),
        imports=NUMPY,
        compare=FLOATS,
        bench=BENCH,
        requires=("sklearn",),
    ),
    Exercise(
        id="decision_tree_classifier",
        reference="ml_from_scratch.ensemble.tree:DecisionTreeClassifier",
        kind="class",
        topic=TOPIC,
        difficulty="hard",
        complexity="O(F n log n) per level",
        source="CART (Breiman et al. 1984); scikit-learn's estimator API",
        statement=_DECISION_TREE,
        signature='''
class DecisionTreeClassifier(ClassifierMixin, BaseEstimator):
    """A CART classification tree (see the statement above)."""

    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2,
                 min_samples_leaf=1):
        """Store the hyperparameters, under their own names; nothing else."""
        ...

    def fit(self, X, y, sample_weight=None):
        """Grow the tree on X (n, n_features) and labels y; return self."""
        ...

    def predict_proba(self, X):
        """The class proportions of each row's leaf: (n, n_classes)."""
        ...

    def predict(self, X):
        """The most probable class of each row's leaf."""
        ...
''',
        imports=(
            "import numpy as np",
            "from sklearn.base import BaseEstimator, ClassifierMixin",
            *_VALIDATION_IMPORTS,
        ),
        bench=BENCH,
        requires=("sklearn",),
    ),
    Exercise(
        id="adaboost_classifier",
        reference="ml_from_scratch.ensemble.adaboost:AdaBoostClassifier",
        kind="class",
        topic=TOPIC,
        difficulty="hard",
        complexity="O(T) weak-learner fits",
        source="SAMME (Zhu et al. 2009); scikit-learn's estimator API",
        statement=_ADABOOST,
        signature='''
class AdaBoostClassifier(ClassifierMixin, BaseEstimator):
    """AdaBoost with SAMME (see the statement above)."""

    def __init__(self, estimator=None, n_estimators=50, learning_rate=1.0,
                 random_state=None):
        """Store the hyperparameters, under their own names; nothing else."""
        ...

    def fit(self, X, y, sample_weight=None):
        """Boost for up to n_estimators rounds; return self."""
        ...

    def predict(self, X):
        """The class with the largest total say of the learners voting for it."""
        ...
''',
        imports=(
            "import numpy as np",
            "from sklearn.base import BaseEstimator, ClassifierMixin, clone",
            "from sklearn.tree import DecisionTreeClassifier",
            *_VALIDATION_IMPORTS,
        ),
        bench=BENCH,
        requires=("sklearn",),
    ),
]
