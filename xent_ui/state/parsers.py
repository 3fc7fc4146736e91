"""Parsers and dumpers for URL values: each parser raises StateError with a message a
learner can act on (values from a link are hostile until one has accepted them)."""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Sequence
from typing import Any

from xent_ui.state.base import (
    LOGIT_LIMIT,
    MAX_CLASSES,
    MAX_NAME_LENGTH,
    MAX_PARAM_LENGTH,
    MIN_CLASSES,
    URL_SUM_TOLERANCE,
    StateError,
)


def _shown(raw: str) -> str:
    """A short, inert rendering of a hostile value for a warning message."""
    safe = "".join(ch if ch.isalnum() or ch in ".,-+ " else "?" for ch in raw[:24])
    return safe + ("…" if len(raw) > 24 else "")


def _check_length(raw: str) -> str:
    if len(raw) > MAX_PARAM_LENGTH:
        raise StateError(f"is {len(raw)} characters long; at most {MAX_PARAM_LENGTH} are read")
    return raw


def parse_choice(options: Sequence[str]) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = _check_length(raw).strip().lower()
        if value not in options:
            raise StateError(f"must be one of {', '.join(options)} (got '{_shown(raw)}')")
        return value

    return parse


def parse_bool(raw: str) -> bool:
    value = _check_length(raw).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise StateError(f"must be 1 or 0 (got '{_shown(raw)}')")


def dump_bool(value: bool) -> str:
    return "1" if value else "0"


def parse_number(lo: float, hi: float) -> Callable[[str], float]:
    def parse(raw: str) -> float:
        text = _check_length(raw).strip()
        try:
            value = float(text)
        except ValueError:
            raise StateError(f"must be a number (got '{_shown(raw)}')") from None
        if not math.isfinite(value):
            raise StateError(f"must be a finite number (got '{_shown(raw)}')")
        if not lo <= value <= hi:
            raise StateError(f"must lie between {lo:g} and {hi:g} (got {value:g})")
        return value

    return parse


def parse_whole(lo: int, hi: int) -> Callable[[str], int]:
    """A whole number from ``lo`` to ``hi``, written in plain digits."""

    def parse(raw: str) -> int:
        text = _check_length(raw).strip()
        if not re.fullmatch(r"\d{1,6}", text) or not lo <= int(text) <= hi:
            raise StateError(f"must be a whole number from {lo} to {hi} (got '{_shown(raw)}')")
        return int(text)

    return parse


def parse_index(raw: str) -> int:
    # Any class number up to three digits: whether it exists is the explorer's cross-field
    # check, which names the class count.
    text = _check_length(raw).strip()
    if not re.fullmatch(r"\d{1,3}", text):
        raise StateError(
            f"must be a whole number from 0 to {MAX_CLASSES - 1} (got '{_shown(raw)}')"
        )
    return int(text)


def format_number(x: float) -> str:
    return f"{x:.6g}"


def validate_distribution(values: Sequence[float], *, tolerance: float = 1e-6) -> list[float]:
    """Check a probability vector from outside (URL or component) and renormalise it.

    Raises StateError for non-finite or negative entries, a wrong class count, or a
    sum further than ``tolerance`` from 1.
    """
    if not MIN_CLASSES <= len(values) <= MAX_CLASSES:
        raise StateError(
            f"needs between {MIN_CLASSES} and {MAX_CLASSES} classes (got {len(values)})"
        )
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise StateError("must contain only finite numbers")
        if v < 0 or v > 1:
            raise StateError(f"must contain probabilities between 0 and 1 (got {v:g})")
        out.append(float(v))
    total = math.fsum(out)
    if abs(total - 1.0) > tolerance:
        raise StateError(f"must sum to 1 (got {total:.6g})")
    return [v / total for v in out]


def parse_distribution(raw: str) -> list[float]:
    text = _check_length(raw).strip()
    parts = text.split(",")
    if len(parts) > MAX_CLASSES:
        raise StateError(f"has {len(parts)} classes; xent shows at most {MAX_CLASSES}")
    values = []
    for part in parts:
        try:
            values.append(float(part))
        except ValueError:
            raise StateError(
                f"must be numbers separated by commas (got '{_shown(part)}')"
            ) from None
    return validate_distribution(values, tolerance=URL_SUM_TOLERANCE)


def dump_distribution(values: Sequence[float]) -> str:
    return ",".join(format_number(v) for v in values)


def validate_name(name: Any) -> str:
    """A class name: 1 to 20 printable characters, shown as text only."""
    if not isinstance(name, str):
        raise StateError("must be text")
    name = name.strip()
    if not name:
        raise StateError("must not be empty")
    if len(name) > MAX_NAME_LENGTH:
        raise StateError(f"must be at most {MAX_NAME_LENGTH} characters (got {len(name)})")
    if any(not ch.isprintable() for ch in name):
        raise StateError("must not contain control characters")
    return name


def parse_names(raws: Sequence[str]) -> list[str]:
    if len(raws) > MAX_CLASSES:
        raise StateError(f"has {len(raws)} names; xent shows at most {MAX_CLASSES} classes")
    return [validate_name(_check_length(r)) for r in raws]


def default_names(k: int) -> list[str]:
    return list(string.ascii_uppercase[:k])


def parse_choices(options: Sequence[str]) -> Callable[[str], list[str]]:
    """A comma-separated subset of ``options`` (empty for none), in the options' order."""
    one = parse_choice(options)

    def parse(raw: str) -> list[str]:
        text = _check_length(raw).strip()
        chosen = {one(part) for part in text.split(",")} if text else set()
        return [option for option in options if option in chosen]

    return parse


def dump_choices(options: Sequence[str]) -> Callable[[Sequence[str]], str]:
    def dump(values: Sequence[str]) -> str:
        return ",".join(option for option in options if option in values)

    return dump


def validate_logits(values: Sequence[Any], *, source: str = "has") -> list[float]:
    """Logits from a link or a widget: finite numbers within ±LOGIT_LIMIT."""
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise StateError(f"{source} a logit that is not a finite number")
        if abs(v) > LOGIT_LIMIT:
            raise StateError(f"{source} a logit outside ±{LOGIT_LIMIT:g}")
        out.append(float(v))
    return out


def parse_logits(raw: str) -> list[float]:
    """Logits from a link: comma-separated numbers, each within ±LOGIT_LIMIT."""
    text = _check_length(raw).strip()
    parts = text.split(",")
    if not MIN_CLASSES <= len(parts) <= MAX_CLASSES:
        raise StateError(f"needs between {MIN_CLASSES} and {MAX_CLASSES} logits (got {len(parts)})")
    values = [parse_number(-LOGIT_LIMIT, LOGIT_LIMIT)(part) for part in parts]
    return values


def _one_of(parse_value: Callable[[str], Any], options: Sequence[Any], show: Callable) -> Callable:
    def parse(raw: str) -> Any:
        value = parse_value(raw)
        if value not in options:
            raise StateError(f"must be one of {', '.join(show(o) for o in options)}")
        return value

    return parse


def parse_member(options: Sequence[float]) -> Callable[[str], float]:
    """One of the numbers ``options``."""
    return _one_of(parse_number(min(options), max(options)), options, format_number)


def parse_whole_member(options: Sequence[int]) -> Callable[[str], int]:
    """One of the whole numbers ``options``."""
    return _one_of(parse_whole(min(options), max(options)), options, str)


def parse_weights(count: int, hi: int) -> Callable[[str], list[int]]:
    """``count`` whole-number weights from 0 to ``hi``, comma-separated, not all 0 (the
    Learn page's sources: probabilities are the weights over their sum)."""
    one = parse_whole(0, hi)

    def parse(raw: str) -> list[int]:
        parts = _check_length(raw).strip().split(",")
        if len(parts) != count:
            raise StateError(f"needs {count} weights separated by commas (got {len(parts)})")
        weights = [one(part) for part in parts]
        if not any(weights):
            raise StateError("needs at least one weight above 0")
        return weights

    return parse


def dump_weights(values: Sequence[int]) -> str:
    return ",".join(str(int(v)) for v in values)
