"""The state registry: every session key, its default, its URL parameter and its parser.

Pages never spell a key as a string literal; they use the `Param` objects below.
Values read from the URL are hostile until a parser has accepted them: each parser
raises `StateError` with a message a learner can act on, and the loader falls back
to the default and keeps the message for a visible `st.warning`.

Data flows one way: URL → :func:`load_from_url` (validated) → session state → page.
Pages write back with :func:`write_url`, so a copied link reopens the same view.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from xent_core.coupling import resize_distribution
from xent_core.simplex import LANDSCAPES
from xent_core.toydata import TOY_DATASETS
from xent_core.train import LOSS_KINDS

MIN_CLASSES = 2
MAX_CLASSES = 10
MAX_NAME_LENGTH = 20
# Longer query values are rejected before any parsing work is done.
MAX_PARAM_LENGTH = 400
# Probabilities written to the URL with 6 significant digits may miss a sum of 1 by a
# little; within this tolerance the loader renormalises instead of rejecting.
URL_SUM_TOLERANCE = 1e-3


class StateError(ValueError):
    """A value (from the URL or a component) that the app cannot use."""


@dataclass(frozen=True)
class Param:
    """One piece of state.

    Attributes
    ----------
    key : session-state key.
    url : query-string parameter, or None if the value is not shared in links.
    default : value used when nothing (valid) is given; a callable is called.
    parse : turns the raw query value (a list of strings when ``multi``) into a value,
        raising StateError.
    dump : turns a value into the query value (a list of strings when ``multi``).
    multi : the parameter repeats in the URL (``name=A&name=B``).
    label : what the learner calls it, used in warnings.
    """

    key: str
    url: str | None
    default: Any
    parse: Callable[[Any], Any]
    dump: Callable[[Any], Any]
    label: str
    multi: bool = False

    def initial(self) -> Any:
        return self.default() if callable(self.default) else self.default

    def get(self) -> Any:
        ss = st.session_state
        if self.key not in ss:
            ss[self.key] = self.initial()
        return ss[self.key]

    def set(self, value: Any) -> None:
        st.session_state[self.key] = value


# --- parsers ----------------------------------------------------------------------------


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


# --- the registry -------------------------------------------------------------------------

UNITS = ("nats", "bits")
SEED_Q = (0.7, 0.2, 0.1)
EPSILON_MAX = 0.5

UNIT = Param(
    key="xent.unit",
    url="unit",
    default="nats",
    parse=parse_choice(UNITS),
    dump=str,
    label="unit",
)
Q = Param(
    key="xent.q",
    url="q",
    default=lambda: list(SEED_Q),
    parse=parse_distribution,
    dump=dump_distribution,
    label="prediction q",
)
NAMES = Param(
    key="xent.names",
    url="name",
    default=lambda: default_names(len(SEED_Q)),
    parse=parse_names,
    dump=list,
    label="class names",
    multi=True,
)
LABEL = Param(
    key="xent.label",
    url="y",
    default=0,
    parse=parse_index,
    dump=str,
    label="true class",
)
SOFT = Param(
    key="xent.soft",
    url="soft",
    default=False,
    parse=parse_bool,
    dump=dump_bool,
    label="soft label switch",
)
P_SOFT = Param(
    key="xent.p",
    url="p",
    default=lambda: [0.6, 0.3, 0.1],
    parse=parse_distribution,
    dump=dump_distribution,
    label="soft label p",
)
EPSILON = Param(
    key="xent.eps",
    url="eps",
    default=0.0,
    parse=parse_number(0.0, EPSILON_MAX),
    dump=format_number,
    label="label smoothing ε",
)

MAX_DECK_STEPS = 50


PRESENT = Param(
    key="xent.present",
    url="present",
    default=False,
    parse=parse_bool,
    dump=dump_bool,
    label="presenter mode switch",
)
#: The step of the scenario deck being presented, 1-based; 0 when no deck is running.
DECK_STEP = Param(
    key="xent.step",
    url="step",
    default=0,
    parse=parse_whole(0, MAX_DECK_STEPS),
    dump=str,
    label="deck step",
)

GLOBAL_PARAMS: tuple[Param, ...] = (UNIT, PRESENT, DECK_STEP)
EXPLORER_PARAMS: tuple[Param, ...] = (Q, NAMES, LABEL, SOFT, P_SOFT, EPSILON)

# --- curves page (pages/curves.py) ---------------------------------------------------------
#: The curves the page can draw (the keys of xent_core.curves.LOSSES), and the ones shown
#: at first.
CURVE_CHOICES: tuple[str, ...] = ("cross_entropy", "mse", "brier", "focal", "smoothed", "zero_one")
DEFAULT_CURVES = ("cross_entropy", "mse", "focal", "smoothed", "zero_one")
GAMMA_MAX = 5.0
BCE_P_MIN = 0.01


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


CURVES = Param(
    key="xent.curves.shown",
    url="show",
    default=lambda: list(DEFAULT_CURVES),
    parse=parse_choices(CURVE_CHOICES),
    dump=dump_choices(CURVE_CHOICES),
    label="curves shown",
)
GAMMA = Param(
    key="xent.curves.gamma",
    url="gamma",
    default=2.0,
    parse=parse_number(0.0, GAMMA_MAX),
    dump=format_number,
    label="focal loss γ",
)
ALPHA = Param(
    key="xent.curves.alpha",
    url="alpha",
    default=1.0,
    parse=parse_number(0.0, 1.0),
    dump=format_number,
    label="focal loss α",
)
LOG_Y = Param(
    key="xent.curves.logy",
    url="logy",
    default=False,
    parse=parse_bool,
    dump=dump_bool,
    label="log y axis switch",
)
BCE_P = Param(
    key="xent.curves.bce_p",
    url="bp",
    default=0.7,
    parse=parse_number(BCE_P_MIN, 1.0 - BCE_P_MIN),
    dump=format_number,
    label="binary prediction p",
)
BCE_Y = Param(
    key="xent.curves.bce_y",
    url="by",
    default=1.0,
    parse=parse_number(0.0, 1.0),
    dump=format_number,
    label="binary label y",
)
BCE_LOGITS = Param(
    key="xent.curves.bce_logits",
    url="blogit",
    default=False,
    parse=parse_bool,
    dump=dump_bool,
    label="logit axis switch",
)

CURVES_PARAMS: tuple[Param, ...] = (CURVES, GAMMA, ALPHA, LOG_Y, BCE_P, BCE_Y, BCE_LOGITS)

# --- logits page (pages/logits.py) --------------------------------------------------------
LOGIT_LIMIT = 20.0
TEMPERATURES = (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0, 20.0)
LAB_SCALES = (1.0, 10.0, 50.0, 100.0, 500.0, 1000.0, 10000.0)
LAB_DTYPES = ("float16", "float32", "float64")
EDGE_PROBABILITIES = (0.0, 1e-20, 1e-10, 1e-7, 1e-5, 1e-3, 0.1)


def parse_logits(raw: str) -> list[float]:
    text = _check_length(raw).strip()
    parts = text.split(",")
    if not MIN_CLASSES <= len(parts) <= MAX_CLASSES:
        raise StateError(f"needs between {MIN_CLASSES} and {MAX_CLASSES} logits (got {len(parts)})")
    values = [parse_number(-LOGIT_LIMIT, LOGIT_LIMIT)(part) for part in parts]
    return values


def parse_member(options: Sequence[float]) -> Callable[[str], float]:
    number = parse_number(min(options), max(options))

    def parse(raw: str) -> float:
        value = number(raw)
        if value not in options:
            raise StateError(f"must be one of {', '.join(format_number(o) for o in options)}")
        return value

    return parse


Z = Param(
    key="xent.logits.z",
    url="z",
    default=lambda: [2.0, 1.0, 0.1],
    parse=parse_logits,
    dump=dump_distribution,
    label="logits z",
)
TEMPERATURE = Param(
    key="xent.logits.t",
    url="t",
    default=1.0,
    parse=parse_member(TEMPERATURES),
    dump=format_number,
    label="temperature T",
)
LAB_SCALE = Param(
    key="xent.logits.scale",
    url="scale",
    default=1000.0,
    parse=parse_member(LAB_SCALES),
    dump=format_number,
    label="logit scale",
)
LAB_DTYPE = Param(
    key="xent.logits.dtype",
    url="dtype",
    default="float32",
    parse=parse_choice(LAB_DTYPES),
    dump=str,
    label="floating-point type",
)
LOGIT_AXES = (5.0, 10.0, 20.0)
LOGIT_AXIS = Param(
    key="xent.logits.axis",
    url="zaxis",
    default=5.0,
    parse=parse_member(LOGIT_AXES),
    dump=format_number,
    label="logit axis",
)
EDGE_Q = Param(
    key="xent.logits.edge",
    url="edge",
    default=0.0,
    parse=parse_member(EDGE_PROBABILITIES),
    dump=format_number,
    label="probability of the true class",
)
LOGITS_PARAMS: tuple[Param, ...] = (Z, TEMPERATURE, LOGIT_AXIS, LAB_SCALE, LAB_DTYPE, EDGE_Q)

# --- simplex page (pages/simplex.py) -------------------------------------------------------
# q, p, the true class, the soft switch and ε are the explorer's (shared when K = 3).
#: The measures the landscape can show (xent_core.simplex.LANDSCAPES).
SIMPLEX_MEASURES: tuple[str, ...] = LANDSCAPES
MESSAGE_SEED_MAX = 9999


SIMPLEX_MEASURE = Param(
    key="xent.simplex.measure",
    url="measure",
    default="cross_entropy",
    parse=parse_choice(SIMPLEX_MEASURES),
    dump=str,
    label="landscape measure",
)
MESSAGE_SEED = Param(
    key="xent.simplex.seed",
    url="msg",
    default=1,
    parse=parse_whole(0, MESSAGE_SEED_MAX),
    dump=str,
    label="sample message number",
)
SIMPLEX_PARAMS: tuple[Param, ...] = (SIMPLEX_MEASURE, MESSAGE_SEED)

# --- data page (pages/data.py) -------------------------------------------------------------
# The uploaded or pasted data itself is never in a link: only which data set is shown and
# the calibration controls are. The session-only entries below have ``url=None``.
DATA_SOURCES = ("iris", "upload")
VALUE_KINDS = ("auto", "probabilities", "logits")  # xent_core.predictions.KINDS
RELIABILITY_BINS_MIN = 3
RELIABILITY_BINS_MAX = 30
CALIBRATION_TEMPERATURES = (
    0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
    1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0, 7.0, 10.0,
)  # fmt: skip


def _session_only(raw: Any) -> Any:
    raise StateError("is not read from links")


DATA_SOURCE = Param(
    key="xent.data.source",
    url="src",
    default="iris",
    parse=parse_choice(DATA_SOURCES),
    dump=str,
    label="data shown",
)
RELIABILITY_BINS = Param(
    key="xent.data.bins",
    url="rbins",
    default=10,
    parse=parse_whole(RELIABILITY_BINS_MIN, RELIABILITY_BINS_MAX),
    dump=str,
    label="number of reliability bins",
)
CALIBRATION_T = Param(
    key="xent.data.t",
    url="ct",
    default=1.0,
    parse=parse_member(CALIBRATION_TEMPERATURES),
    dump=format_number,
    label="calibration temperature",
)
VALUE_KIND = Param(
    key="xent.data.kind",
    url=None,
    default="auto",
    parse=_session_only,
    dump=str,
    label="what the values are",
)
RENORMALIZE = Param(
    key="xent.data.renormalize",
    url=None,
    default=False,
    parse=_session_only,
    dump=dump_bool,
    label="renormalise switch",
)
PASTED_TEXT = Param(
    key="xent.data.paste",
    url=None,
    default="",
    parse=_session_only,
    dump=str,
    label="pasted predictions",
)
#: The data being analysed: {"name", "data" (bytes or str), "digest", "origin"} or None.
UPLOAD = Param(
    key="xent.data.upload",
    url=None,
    default=None,
    parse=_session_only,
    dump=str,
    label="uploaded predictions",
)
#: Results kept between runs so that a large upload is parsed and fitted once:
#: {cache key: value}, replaced whenever the data change.
DATA_MEMO = Param(
    key="xent.data.memo",
    url=None,
    default=dict,
    parse=_session_only,
    dump=str,
    label="computed results",
)
DATA_PARAMS: tuple[Param, ...] = (
    DATA_SOURCE,
    RELIABILITY_BINS,
    CALIBRATION_T,
    VALUE_KIND,
    RENORMALIZE,
    PASTED_TEXT,
    UPLOAD,
    DATA_MEMO,
)

# --- classroom page (pages/classroom.py) ----------------------------------------------------
MAX_SEED = 9999


QUIZ_SEED = Param(
    key="xent.quiz.seed",
    url="qseed",
    default=1,
    parse=parse_whole(0, MAX_SEED),
    dump=str,
    label="question seed",
)
CLASSROOM_PARAMS: tuple[Param, ...] = (QUIZ_SEED,)

# --- training lab (pages/training.py) -------------------------------------------------------
# The experiment (data, model, optimiser, loss) is in the URL, so a lecturer can share it;
# the runs themselves (weights, histories) stay in the session (``url=None``).
TRAIN_DATASETS: tuple[str, ...] = (*TOY_DATASETS, "seed")
TRAIN_CLASSES_MAX = 5
TRAIN_SAMPLES_MIN = 60
TRAIN_SAMPLES_MAX = 1000
TRAIN_NOISE_MAX = 1.0
TRAIN_IMBALANCES = (1.0, 2.0, 3.0, 5.0, 10.0, 20.0)
TRAIN_SEED_MAX = 9999
TRAIN_MODELS = ("softmax", "mlp1", "mlp2")
TRAIN_ACTIVATIONS = ("relu", "tanh")
TRAIN_OPTIMIZERS = ("sgd", "adam")
TRAIN_WIDTH_MAX = 64
TRAIN_LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
TRAIN_MOMENTUM_MAX = 0.99
TRAIN_LOSSES: tuple[str, ...] = LOSS_KINDS
TRAIN_GAMMA_MAX = 5.0
TRAIN_SMOOTHING_MAX = 0.5
TRAIN_BATCHES = (8, 16, 32, 64, 128, 256)
TRAIN_EPOCHS_MIN = 5
TRAIN_EPOCHS_MAX = 500
TRAIN_INIT_SCALES = (0.1, 0.3, 1.0, 3.0, 10.0)
#: What the loss chart shows: each run's own objective, or everyone's cross-entropy.
TRAIN_LOSS_VIEWS = ("objective", "cross_entropy")


def parse_whole_member(options: Sequence[int]) -> Callable[[str], int]:
    """One of the whole numbers ``options``."""
    whole = parse_whole(min(options), max(options))

    def parse(raw: str) -> int:
        value = whole(raw)
        if value not in options:
            raise StateError(f"must be one of {', '.join(str(o) for o in options)}")
        return value

    return parse


TRAIN_DATA = Param(
    key="xent.training.data",
    url="data",
    default="moons",
    parse=parse_choice(TRAIN_DATASETS),
    dump=str,
    label="training data",
)
TRAIN_CLASSES = Param(
    key="xent.training.classes",
    url="classes",
    default=3,
    parse=parse_whole(MIN_CLASSES, TRAIN_CLASSES_MAX),
    dump=str,
    label="number of classes",
)
TRAIN_NOISE = Param(
    key="xent.training.noise",
    url="noise",
    default=0.2,
    parse=parse_number(0.0, TRAIN_NOISE_MAX),
    dump=format_number,
    label="noise",
)
TRAIN_SAMPLES = Param(
    key="xent.training.samples",
    url="samples",
    default=300,
    parse=parse_whole(TRAIN_SAMPLES_MIN, TRAIN_SAMPLES_MAX),
    dump=str,
    label="number of samples",
)
TRAIN_IMBALANCE = Param(
    key="xent.training.imbalance",
    url="imbalance",
    default=1.0,
    parse=parse_member(TRAIN_IMBALANCES),
    dump=format_number,
    label="class imbalance ratio",
)
TRAIN_SEED = Param(
    key="xent.training.seed",
    url="seed",
    default=0,
    parse=parse_whole(0, TRAIN_SEED_MAX),
    dump=str,
    label="random seed",
)
TRAIN_BATCH = Param(
    key="xent.training.batch",
    url="batch",
    default=32,
    parse=parse_whole_member(TRAIN_BATCHES),
    dump=str,
    label="batch size",
)
TRAIN_EPOCHS = Param(
    key="xent.training.epochs",
    url="epochs",
    default=100,
    parse=parse_whole(TRAIN_EPOCHS_MIN, TRAIN_EPOCHS_MAX),
    dump=str,
    label="number of epochs",
)
TRAIN_INIT_SCALE = Param(
    key="xent.training.init",
    url="init",
    default=1.0,
    parse=parse_member(TRAIN_INIT_SCALES),
    dump=format_number,
    label="initial weight scale",
)
TRAIN_LOSS_VIEW = Param(
    key="xent.training.lossview",
    url="lossview",
    default="objective",
    parse=parse_choice(TRAIN_LOSS_VIEWS),
    dump=str,
    label="loss chart choice",
)
TRAIN_COMPARE = Param(
    key="xent.training.compare",
    url="compare",
    default=False,
    parse=parse_bool,
    dump=dump_bool,
    label="compare switch",
)


@dataclass(frozen=True)
class TrainingSide:
    """The Params of one configuration: A, or B when two are compared."""

    name: str
    model: Param
    width: Param
    activation: Param
    optimizer: Param
    learning_rate: Param
    momentum: Param
    loss: Param
    gamma: Param
    smoothing: Param

    @property
    def params(self) -> tuple[Param, ...]:
        return (
            self.model,
            self.width,
            self.activation,
            self.optimizer,
            self.learning_rate,
            self.momentum,
            self.loss,
            self.gamma,
            self.smoothing,
        )


def _training_side(name: str, suffix: str, *, loss: str) -> TrainingSide:
    """Configuration ``name``'s Params: URL names end in ``suffix`` ("" for A, "2" for B)."""
    whose = "" if not suffix else f"configuration {name}'s "

    def param(field: str, url: str, default: Any, parse: Callable, dump: Callable, label: str):
        return Param(
            key=f"xent.training.{name.lower()}.{field}",
            url=url + suffix,
            default=default,
            parse=parse,
            dump=dump,
            label=whose + label,
        )

    return TrainingSide(
        name=name,
        model=param("model", "model", "mlp1", parse_choice(TRAIN_MODELS), str, "model"),
        width=param(
            "width", "width", 16, parse_whole(2, TRAIN_WIDTH_MAX), str, "hidden-layer width"
        ),
        activation=param("act", "act", "relu", parse_choice(TRAIN_ACTIVATIONS), str, "activation"),
        optimizer=param("opt", "opt", "adam", parse_choice(TRAIN_OPTIMIZERS), str, "optimiser"),
        learning_rate=param(
            "lr", "lr", 0.03, parse_member(TRAIN_LEARNING_RATES), format_number, "learning rate"
        ),
        momentum=param(
            "momentum",
            "momentum",
            0.9,
            parse_number(0.0, TRAIN_MOMENTUM_MAX),
            format_number,
            "SGD momentum",
        ),
        loss=param("loss", "loss", loss, parse_choice(TRAIN_LOSSES), str, "training loss"),
        gamma=param(
            "gamma",
            "fgamma",
            2.0,
            parse_number(0.0, TRAIN_GAMMA_MAX),
            format_number,
            "training focal loss γ",
        ),
        smoothing=param(
            "smooth",
            "smooth",
            0.1,
            parse_number(0.0, TRAIN_SMOOTHING_MAX),
            format_number,
            "training label smoothing ε",
        ),
    )


TRAIN_A = _training_side("A", "", loss="cross_entropy")
TRAIN_B = _training_side("B", "2", loss="mse")
#: The runs of this session, {"A": run, "B": run} (xent_ui.runs.Run); never in a link.
TRAIN_RUNS = Param(
    key="xent.training.runs",
    url=None,
    default=dict,
    parse=_session_only,
    dump=str,
    label="training runs",
)
#: Whether the last full run registered the run panel to rerun itself on a timer.
TRAIN_TICKING = Param(
    key="xent.training.ticking",
    url=None,
    default=False,
    parse=_session_only,
    dump=dump_bool,
    label="training timer",
)
TRAINING_SHARED_PARAMS: tuple[Param, ...] = (
    TRAIN_DATA,
    TRAIN_CLASSES,
    TRAIN_NOISE,
    TRAIN_SAMPLES,
    TRAIN_IMBALANCE,
    TRAIN_SEED,
    TRAIN_BATCH,
    TRAIN_EPOCHS,
    TRAIN_INIT_SCALE,
    TRAIN_LOSS_VIEW,
    TRAIN_COMPARE,
)
TRAINING_PARAMS: tuple[Param, ...] = (
    TRAINING_SHARED_PARAMS + TRAIN_A.params + TRAIN_B.params + (TRAIN_RUNS, TRAIN_TICKING)
)

ALL_PARAMS: tuple[Param, ...] = (
    GLOBAL_PARAMS
    + EXPLORER_PARAMS
    + CURVES_PARAMS
    + LOGITS_PARAMS
    + SIMPLEX_PARAMS
    + DATA_PARAMS
    + CLASSROOM_PARAMS
    + TRAINING_PARAMS
)

_LOADED = "xent._loaded"
_WARNINGS = "xent._warnings"


def _read_raw(query: Mapping[str, Any], param: Param) -> Any:
    """The raw query value: the last one, or all of them for a repeated parameter."""
    if param.url is None or param.url not in query:
        return None
    raw = query[param.url]
    values = list(raw) if isinstance(raw, list | tuple) else [raw]
    return values if param.multi else (values[-1] if values else "")


def parse_query(
    query: Mapping[str, Any], *, source: str = "The link's"
) -> tuple[dict[str, Any], list[str]]:
    """Parse and validate every known parameter of ``query``.

    Returns the accepted values by session key and a warning per rejected value, each
    starting with ``source`` ("The link's", or a deck step's name).
    Cross-field rules (the explorer's lengths and label) are checked here too; a
    group that does not fit together falls back to its defaults as a whole.
    """
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for param in ALL_PARAMS:
        raw = _read_raw(query, param)
        if raw is None:
            continue
        try:
            values[param.key] = param.parse(raw)
        except StateError as err:
            warnings.append(f"{source} {param.label} (`{param.url}`) {err}.")
    try:
        _check_explorer(values)
    except StateError as err:
        warnings.append(f"{source} explorer settings do not fit together: {err}.")
        for param in EXPLORER_PARAMS:
            values.pop(param.key, None)
    return values, warnings


def _check_explorer(values: dict[str, Any]) -> None:
    """Make the explorer group consistent, raising StateError when it cannot be."""
    q = values.get(Q.key)
    k = len(q) if q is not None else len(SEED_Q)
    names = values.get(NAMES.key)
    if names is not None and len(names) != k:
        raise StateError(f"{len(names)} class names for {k} probabilities")
    if names is None and q is not None:
        values[NAMES.key] = default_names(k)
    p = values.get(P_SOFT.key)
    if p is not None and len(p) != k:
        raise StateError(f"the soft label has {len(p)} classes and the prediction {k}")
    if p is None and q is not None:
        values[P_SOFT.key] = resize_distribution(P_SOFT.initial(), k).tolist()
    label = values.get(LABEL.key)
    if label is not None and label >= k:
        raise StateError(f"true class {label} does not exist among {k} classes (0 to {k - 1})")


def load_from_url() -> None:
    """Fill session state from the URL once per session; remember the warnings."""
    ss = st.session_state
    if ss.get(_LOADED):
        return
    values, warnings = parse_query(st.query_params.to_dict() | _multi_values())
    for param in ALL_PARAMS:
        ss[param.key] = values.get(param.key, param.initial())
    ss[_WARNINGS] = warnings
    ss[_LOADED] = True


def _multi_values() -> dict[str, list[str]]:
    return {
        p.url: st.query_params.get_all(p.url)
        for p in ALL_PARAMS
        if p.multi and p.url and p.url in st.query_params
    }


def url_warnings() -> list[str]:
    return list(st.session_state.get(_WARNINGS, []))


def dismiss_url_warnings() -> None:
    st.session_state[_WARNINGS] = []


def query_for(params: Iterable[Param]) -> dict[str, Any]:
    """The query-string entries for ``params`` whose values differ from the default."""
    out: dict[str, Any] = {}
    for param in params:
        value = param.get()
        if param.url is None or value == param.initial():
            continue
        out[param.url] = param.dump(value)
    return out


def write_url(params: Iterable[Param]) -> None:
    """Mirror ``params`` (plus the app-wide ones) into the query string."""
    wanted = query_for((*GLOBAL_PARAMS, *params))
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if current != as_lists:
        st.query_params.from_dict(wanted)


def widget_key(param: Param) -> str:
    return f"w:{param.key}"


def bind(param: Param) -> dict[str, Any]:
    """Keyword arguments that bind a widget to ``param`` through its own widget key.

    Widget-owned keys are dropped by Streamlit on runs where the widget is not drawn
    (another page), so the canonical value lives under ``param.key`` and the widget
    gets a copy each run and writes back on change.
    """
    key = widget_key(param)
    st.session_state[key] = param.get()

    def _changed() -> None:
        value = st.session_state[key]
        if value is None:
            # Clicking the selected option of a segmented control clears it: keep the value.
            return
        param.set(value)

    return {"key": key, "on_change": _changed}
