"""Hypothesis strategies shared by the core property tests."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

#: Modest example counts keep the whole core suite well under 30 s.
PROPERTY_SETTINGS = {"max_examples": 60, "deadline": None}

class_counts = st.integers(min_value=2, max_value=6)


@st.composite
def shapes(draw: st.DrawFn, *, batched: bool | None = None) -> tuple[int, ...]:
    """(K,) or (N, K); classes last."""
    k = draw(class_counts)
    if batched is None:
        batched = draw(st.booleans())
    return (draw(st.integers(min_value=1, max_value=4)), k) if batched else (k,)


@st.composite
def distributions(draw: st.DrawFn, shape: tuple[int, ...], *, positive: bool = False) -> np.ndarray:
    """Rows that sum to 1: strictly positive, or with exact zeros mixed in."""
    low = 1e-3 if positive else 0.0
    weights = draw(
        hnp.arrays(
            np.float64,
            shape,
            elements=st.one_of(
                st.floats(min_value=max(low, 1e-3), max_value=1.0),
                st.just(low),
            ),
        )
    )
    # An all-zero row has no distribution to normalise to: make it uniform.
    weights = weights + (weights.sum(axis=-1, keepdims=True) == 0)
    return weights / weights.sum(axis=-1, keepdims=True)


@st.composite
def logits(
    draw: st.DrawFn, shape: tuple[int, ...], *, bound: float = 10.0, dtype=np.float64
) -> np.ndarray:
    return draw(
        hnp.arrays(
            dtype,
            shape,
            elements=st.floats(
                min_value=-bound, max_value=bound, width=np.dtype(dtype).itemsize * 8
            ),
        )
    )
