"""xent core: the numerics behind the app, in pure numpy (never streamlit or plotly).

Information measures, softmax and classification losses; classes on the last axis,
nats by default (``base=2`` for bits).
"""

from xent_core.coupling import resize_distribution, set_class_probability
from xent_core.curves import confidence_grid, loss_along_class
from xent_core.losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    brier_score,
    cross_entropy_from_logits,
    focal_loss,
    logit_gradient,
    mse,
    one_hot,
    smooth_labels,
    softmax_cross_entropy_grad,
)
from xent_core.measures import (
    cross_entropy,
    cross_entropy_terms,
    entropy,
    js_divergence,
    kl_divergence,
    perplexity,
)
from xent_core.softmax import log_softmax, logsumexp, softmax

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "brier_score",
    "confidence_grid",
    "cross_entropy",
    "cross_entropy_from_logits",
    "cross_entropy_terms",
    "entropy",
    "focal_loss",
    "js_divergence",
    "kl_divergence",
    "log_softmax",
    "logit_gradient",
    "logsumexp",
    "loss_along_class",
    "mse",
    "one_hot",
    "perplexity",
    "resize_distribution",
    "set_class_probability",
    "smooth_labels",
    "softmax",
    "softmax_cross_entropy_grad",
]
