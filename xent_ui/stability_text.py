"""The stability lab's notes in words: the core reports what happened on a softmax path as
codes with their numbers (:class:`xent_core.PathNote`); this module says it to a learner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import xent_core as xc


def _num(x: float, digits: int = 4) -> str:
    """A short number: 1e4 rather than 1e+04, 3.4028e38 rather than 3.4028e+38."""
    text = f"{float(x):.{digits}g}"
    mantissa, _, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent)}" if exponent else text


def _cast(worst: float, dtype: str, largest: float) -> str:
    sign = "" if worst > 0 else "-"
    return (
        f"z * scale = {_num(worst)} does not fit in {dtype} (largest {_num(largest, 5)}), "
        f"so that logit is already {sign}inf"
    )


WORDS: dict[str, Callable[..., str]] = {
    "cast_overflow": _cast,
    "exp_overflow": lambda z, dtype, largest: (
        f"exp({_num(z)}) overflows {dtype} (largest {_num(largest, 5)}) to inf"
    ),
    "sum_overflow": lambda dtype: f"every exp(z) fits, but their sum overflows {dtype} to inf",
    "exp_underflow": lambda z: f"exp({_num(z)}) underflows to 0",
    "inf_over_inf": lambda: "inf / inf = nan",
    "finite_over_inf": lambda: "a finite value / inf = 0",
    "zero_over_zero": lambda: "their sum is 0, and 0 / 0 = nan",
    "log_zero": lambda: "log 0 = -inf",
    "naive_fits": lambda dtype: f"nothing overflows: every exp(z) fits in {dtype}",
    "inf_minus_inf": lambda: (
        "max z = inf and inf - inf = nan: no formula rescues a logit the dtype cannot hold"
    ),
    "gap_overflow": lambda dtype, count, largest: (
        f"z - max z overflows {dtype} to -inf for {count} class(es) "
        f"(gap beyond {_num(largest, 5)}): their log q is -inf"
    ),
    "stable_fits": lambda: (
        "nothing overflows: z - max z <= 0, so every exp(z - max z) lies in (0, 1]"
    ),
    "rounds_to_zero": lambda count, lowest: (
        f"q rounds to 0 for {count} class(es), but log q stays finite (down to {_num(lowest)})"
    ),
    "infinite_loss": lambda loss: f"the cross-entropy is {loss}",
}


def describe(notes: Sequence[xc.PathNote]) -> str:
    """What happened on a path, step by step, in one line."""
    return "; ".join(WORDS[note.code](*note.values) for note in notes)
