"""The stability lab's notes in words (xent_ui.stability_text): the core gives codes and
numbers, the UI says them. Each sentence below is what the lab shows for that case."""

from __future__ import annotations

import xent_core as xc
from xent_ui.stability_text import WORDS, describe


def test_every_code_has_words() -> None:
    assert set(WORDS) == set(xc.stability.PATH_NOTES)


def test_the_lab_sentences() -> None:
    # exp(1e4) overflows float32 (its largest value 3.4028e38), exp(-1e4) underflows.
    path = xc.naive_softmax_path([1.0, 0.0, -1.0], 0, scale=1e4, dtype="float32")
    assert describe(path.notes) == (
        "exp(1e4) overflows float32 (largest 3.4028e38) to inf; exp(-1e4) underflows to 0; "
        "inf / inf = nan; a finite value / inf = 0; log 0 = -inf; the cross-entropy is nan"
    )
    stable = xc.stable_softmax_path([1.0, 0.0, -1.0], 0, scale=1e4, dtype="float32")
    assert describe(stable.notes) == (
        "nothing overflows: z - max z <= 0, so every exp(z - max z) lies in (0, 1]; "
        "q rounds to 0 for 2 class(es), but log q stays finite (down to -2e4)"
    )
    # float16: exp(11.09375) > 65504; the logit 1e5 does not fit at all.
    above = xc.naive_softmax_path([11.09, 0.0], 0, dtype="float16")
    assert describe(above.notes).startswith("exp(11.09) overflows float16 (largest 65504) to inf")
    cast = xc.stable_softmax_path([1.0, 0.0], 0, scale=1e5, dtype="float16")
    assert describe(cast.notes).startswith(
        "z * scale = 1e5 does not fit in float16 (largest 65504), so that logit is already inf"
    )
    summed = xc.naive_softmax_path([10.0, 10.0, 10.0], 1, dtype="float16")
    assert "every exp(z) fits, but their sum overflows float16 to inf" in describe(summed.notes)
    zero = xc.naive_softmax_path([-1000.0, -1000.0], 0, dtype="float64")
    assert "their sum is 0, and 0 / 0 = nan" in describe(zero.notes)
