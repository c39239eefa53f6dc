"""The text classifier the trained second opinions share: TF-IDF n-grams and a logistic regression.

Why one recipe: the activity reader (`dialogs.habit.session_model`) and the safety net
(`dialogs.triage.screening_model`) both learn from a few thousand short chat messages in German
and English with typos and dialect. Character n-grams (2–5, within word boundaries) carry
spelling variants and compounds ("Taubheitsgefühl", "numbnes"); word n-grams (1–2) carry
phrases ("nicht mehr", "can't hold"). scikit-learn does the work; this module only fixes the
recipe so that both models are built, and reproduced, the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager

import numpy as np
import scipy.sparse as sp
from sklearn import config_context
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline, make_union


def ngram_features() -> FeatureUnion:
    """Untrained TF-IDF features of folded text (`dialogs.common.text.fold`): character 2–5
    grams within word boundaries and word 1–2 grams, side by side (a sparse matrix, one row
    per text). Several classifiers may share one fitted copy (transform once, classify many)."""
    return make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        TfidfVectorizer(
            analyzer="word",
            ngram_range=(1, 2),
            sublinear_tf=True,
            token_pattern=r"[a-z0-9]+",
        ),
    )


def classifier(regularisation_c: float, *, fast: bool = False) -> LogisticRegression:
    """An untrained logistic regression: `regularisation_c` is scikit-learn's `C` (larger:
    less regularised); classes weighted as balanced, so rare labels are not drowned by common
    ones. Deterministic: the same examples give the same model. `fast`: the SAGA solver with a
    looser tolerance (1e-3) instead of L-BFGS – several times quicker to train on many labels
    (the safety net's 23 red flags: about a second instead of ten), for a model trained at
    every start."""
    if fast:
        return LogisticRegression(
            C=regularisation_c,
            max_iter=2000,
            class_weight="balanced",
            solver="saga",
            tol=1e-3,
            random_state=0,
        )
    return LogisticRegression(C=regularisation_c, max_iter=2000, class_weight="balanced")


def ready_for_prediction(model: LogisticRegression) -> LogisticRegression:
    """The fitted `model`, its coefficients stored column-major (the same numbers): a sparse
    row times `coef_.T` then reads them in place, where a row-major `coef_` is copied by
    scipy on every prediction (about 0.75 ms per call on one short message, scikit-learn 1.8;
    README "Measured quality")."""
    model.coef_ = np.asfortranarray(model.coef_)
    return model


def ngram_classifier(regularisation_c: float) -> Pipeline:
    """`ngram_features` then `classifier`, untrained: folded text in, class probabilities out
    (`predict_proba`, one column per label in sorted order)."""
    return make_pipeline(ngram_features(), classifier(regularisation_c))


def trusted_input() -> AbstractContextManager[None]:
    """scikit-learn without its per-call input and parameter validation: our inputs are our own
    folded strings and matrices, and on one short message the checks cost several times the
    prediction itself (about 2 ms of 2.5 on this machine; README "Measured quality")."""
    return config_context(assume_finite=True, skip_parameter_validation=True)


def transform(features: FeatureUnion, texts: Sequence[str]) -> sp.csr_matrix:
    """`features.transform(texts)` (fitted), without joblib's dispatch, which FeatureUnion uses
    even for one job and which costs more than the two vectorizers on a short message."""
    with trusted_input():
        parts = [vectorizer.transform(texts) for _name, vectorizer in features.transformer_list]
    return sp.hstack(parts, format="csr")


def probabilities(model: LogisticRegression, rows: sp.csr_matrix) -> np.ndarray:
    """`model.predict_proba(rows)` under `trusted_input` (same numbers, without the checks)."""
    with trusted_input():
        result: np.ndarray = model.predict_proba(rows)
    return result
