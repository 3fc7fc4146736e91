"""The registry: every piece of state the app keeps, by page.

A :class:`~xent_ui.state.base.Param` is in links (with its URL name, default, parser and
label); a :class:`~xent_ui.state.base.SessionKey` lives in this session only; a
:class:`~xent_ui.state.base.Widget` names a widget whose value is read back. Each page's
``*_URL`` tuple declares, once, the parameters its link carries.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from xent_core.game import GAME_MAX_CLASSES, GAME_MAX_DRAWS, GAME_MIN_CLASSES
from xent_core.lab.toydata import TOY_DATASETS
from xent_core.lab.train import LOSS_KINDS
from xent_core.simplex import LANDSCAPES
from xent_game.rooms import CODE_ALPHABET, CODE_LENGTH, NICKNAME_MAX
from xent_ui.state.base import MIN_CLASSES, Param, SessionKey, StateError, Widget
from xent_ui.state.parsers import (
    _check_length,
    _shown,
    default_names,
    dump_bool,
    dump_choices,
    dump_distribution,
    dump_weights,
    format_number,
    parse_bool,
    parse_choice,
    parse_choices,
    parse_distribution,
    parse_index,
    parse_logits,
    parse_member,
    parse_names,
    parse_number,
    parse_weights,
    parse_whole,
    parse_whole_member,
)
from xent_ui.text_corpora import LINK_TEXT_CHARS, normalize_newlines, refused_characters

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
#: A teacher's own deck (xent_ui.deck.Deck), for this session only; None: the built-in one.
CUSTOM_DECK = SessionKey("xent.deck.custom", None, "your deck")
#: The page a deck step asked for, until app.py switches to it.
DECK_GOTO = SessionKey("xent.deck.goto", None, "the deck's next page")

# Explorer widgets and messages: the drag widget, the class count, the class names.
EXPLORER_BARS = Widget("explorer.bars")
EXPLORER_K = Widget("explorer.k")
#: The last change the drag widget sent that could not be applied, shown until the next.
EXPLORER_ERROR = SessionKey("xent.explorer.error", None, "explorer message")
#: {class index: message} for class names that were refused (the typed text is kept).
NAME_ERRORS = SessionKey("xent.explorer.name_errors", dict, "class-name messages")


def class_name_widget(i: int) -> Widget:
    """The text input of class ``i``'s name."""
    return Widget(f"explorer.name.{i}")


# --- curves page (pages/curves.py) ---------------------------------------------------------
#: The curves the page can draw (the keys of xent_core.curves.LOSSES), and the ones shown
#: at first.
CURVE_CHOICES: tuple[str, ...] = ("cross_entropy", "mse", "brier", "focal", "smoothed", "zero_one")
DEFAULT_CURVES = ("cross_entropy", "mse", "focal", "smoothed", "zero_one")
GAMMA_MAX = 5.0
BCE_P_MIN = 0.01


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
TEMPERATURES = (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0, 20.0)
LAB_SCALES = (1.0, 10.0, 50.0, 100.0, 500.0, 1000.0, 10000.0)
LAB_DTYPES = ("float16", "float32", "float64")
EDGE_PROBABILITIES = (0.0, 1e-20, 1e-10, 1e-7, 1e-5, 1e-3, 0.1)


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
LOGIT_BARS = Widget("logits.bars")
LOGITS_ERROR = SessionKey("xent.logits.error", None, "logits message")

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
SIMPLEX_POINT = Widget("simplex.point")
SIMPLEX_TRUTH = Widget("simplex.truth")
SIMPLEX_ERROR = SessionKey("xent.simplex.error", None, "simplex message")

# --- data page (pages/data.py) -------------------------------------------------------------
# The uploaded or pasted data itself is never in a link: only which data set is shown and
# the calibration controls are. The session-only entries below have ``url=None``.
DATA_SOURCES = ("iris", "upload")
VALUE_KINDS = ("auto", "probabilities", "logits")  # xent_core.io.predictions.KINDS
RELIABILITY_BINS_MIN = 3
RELIABILITY_BINS_MAX = 30
CALIBRATION_TEMPERATURES = (
    0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
    1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0, 7.0, 10.0,
)  # fmt: skip


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
VALUE_KIND = SessionKey("xent.data.kind", "auto", "what the values are")
RENORMALIZE = SessionKey("xent.data.renormalize", False, "renormalise switch")
PASTED_TEXT = SessionKey("xent.data.paste", "", "pasted predictions")
#: The data being analysed: an xent_ui.uploads.Upload, or None.
UPLOAD = SessionKey("xent.data.upload", None, "uploaded predictions")
#: Results kept between runs so that a large upload is parsed and fitted once:
#: {cache key: value}, replaced whenever the data change.
DATA_MEMO = SessionKey("xent.data.memo", dict, "computed results")
UPLOAD_FILE = Widget("data.upload")
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
QUIZ_INDEX = SessionKey("xent.quiz.index", 0, "question number")
#: [right, answered] in this session.
QUIZ_SCORE = SessionKey("xent.quiz.score", lambda: [0, 0], "quiz score")
#: {(seed, index): the response}: an estimate in nats, or "A"/"B".
QUIZ_ANSWERED = SessionKey("xent.quiz.answered", dict, "answers")
#: The learner pressed Reveal without an answer.
QUIZ_NO_ANSWER = SessionKey("xent.quiz.no_answer", False, "missing answer")
QUIZ_GUESS = Widget("quiz.guess")
QUIZ_CHOICE = Widget("quiz.choice")
#: Which misconception question (a position in xent_core.quiz_order(seed)) is on show.
MYTH_INDEX = SessionKey("xent.quiz.myth", 0, "misconception question")
DECK_ERROR = SessionKey("xent.deck.error", None, "deck message")
DECK_FILE = Widget("deck.file")
DECK_TEXT = Widget("deck.text")

# --- learn page (pages/learn.py) -------------------------------------------------------------
#: The lessons in order; a slug is a lesson's name in links (``?lesson=<slug>``), stable.
LESSON_SLUGS: tuple[str, ...] = (
    "surprise",
    "entropy",
    "cross-entropy",
    "kl-divergence",
    "one-label",
    "maximum-likelihood",
    "honesty",
    "confident-mistakes",
    "logits",
    "calibration",
)
LEARN_SEED_MAX = 9999
#: Weights of a lesson's four-symbol source: whole numbers 0…8, probabilities = w / Σw.
SOURCE_WEIGHT_MAX = 8
SOURCE_SYMBOLS = ("A", "B", "C", "D")
LEARN_DRAWS_MAX = 5000


def parse_three_logits(raw: str) -> list[float]:
    """The logits lesson's three logits (A, B, C)."""
    values = parse_logits(raw)
    if len(values) != 3:
        raise StateError(f"needs 3 logits (got {len(values)})")
    return values


def _probability(lo: float, hi: float) -> Callable[[str], float]:
    return parse_number(lo, hi)


def _learn_param(key: str, url: str, default: Any, parse: Callable, dump: Callable, label: str):
    return Param(
        key=f"xent.learn.{key}", url=url, default=default, parse=parse, dump=dump, label=label
    )


def parse_lesson(raw: str) -> str:
    """A lesson's slug, or nothing (the list of lessons)."""
    return "" if not raw.strip() else parse_choice(LESSON_SLUGS)(raw)


LESSON = _learn_param("lesson", "lesson", "", parse_lesson, str, "lesson")
#: Lessons done (in the link only when the learner asks: LEARN_SHARE_PROGRESS).
LEARN_DONE = _learn_param(
    "done",
    "done",
    list,
    parse_choices(LESSON_SLUGS),
    dump_choices(LESSON_SLUGS),
    "lessons done",
)
LEARN_SHARE_PROGRESS = _learn_param(
    "share", "progress", False, parse_bool, dump_bool, "progress in the link"
)
LEARN_SEED = _learn_param("seed", "lseed", 1, parse_whole(0, LEARN_SEED_MAX), str, "draw seed")
SURPRISE_Q = _learn_param(
    "surprise.q", "sq", 0.8, _probability(0.01, 0.99), format_number, "q(heads)"
)
SURPRISE_FLIPS = _learn_param("surprise.n", "sn", 0, parse_whole(0, 500), str, "flips")
ENTROPY_W = _learn_param(
    "entropy.w",
    "ew",
    lambda: [1, 1, 1, 1],
    parse_weights(len(SOURCE_SYMBOLS), SOURCE_WEIGHT_MAX),
    dump_weights,
    "source weights",
)
XENT_W = _learn_param(
    "xent.w",
    "xw",
    lambda: [1, 1, 1, 1],
    parse_weights(len(SOURCE_SYMBOLS), SOURCE_WEIGHT_MAX),
    dump_weights,
    "code weights",
)
XENT_N = _learn_param("xent.n", "xn", 100, parse_whole(1, LEARN_DRAWS_MAX), str, "message length")
KL_W = _learn_param(
    "kl.w",
    "kw",
    lambda: [1, 1, 1, 1],
    parse_weights(len(SOURCE_SYMBOLS), SOURCE_WEIGHT_MAX),
    dump_weights,
    "q weights",
)
KL_ZERO = _learn_param("kl.zero", "kz", False, parse_bool, dump_bool, "p with a zero")
ONE_LABEL_Q = _learn_param(
    "one.q", "oq", lambda: [0.6, 0.3, 0.1], parse_distribution, dump_distribution, "prediction q"
)
MLE_Q = _learn_param("mle.q", "mq", 0.5, _probability(0.01, 0.99), format_number, "q(heads)")
HONEST_Q = _learn_param(
    "honest.q", "hq", 0.5, _probability(0.01, 0.99), format_number, "your forecast"
)
HONEST_N = _learn_param("honest.n", "hn", 20, parse_whole(1, LEARN_DRAWS_MAX), str, "days")
#: The confident-mistakes lesson's q_t: denser towards 0 and 1, where losses change fastest.
MISTAKE_Q_VALUES = (
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5,
    0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999,
)  # fmt: skip
MISTAKE_Q = _learn_param(
    "mistake.q", "cq", 0.5, parse_member(MISTAKE_Q_VALUES), format_number, "q_t"
)
LESSON_Z = _learn_param(
    "logits.z", "lz", lambda: [1.0, 0.0, -1.0], parse_three_logits, dump_distribution, "logits"
)
LESSON_T = _learn_param("logits.t", "lt", 1.0, _probability(0.1, 5.0), format_number, "temperature")
LESSON_CALIBRATION_T = _learn_param(
    "calibration.t",
    "lct",
    1.0,
    parse_member(CALIBRATION_TEMPERATURES),
    format_number,
    "temperature",
)
LEARN_PARAMS: tuple[Param, ...] = (
    LESSON,
    LEARN_DONE,
    LEARN_SHARE_PROGRESS,
    LEARN_SEED,
    SURPRISE_Q,
    SURPRISE_FLIPS,
    ENTROPY_W,
    XENT_W,
    XENT_N,
    KL_W,
    KL_ZERO,
    ONE_LABEL_Q,
    MLE_Q,
    HONEST_Q,
    HONEST_N,
    MISTAKE_Q,
    LESSON_Z,
    LESSON_T,
    LESSON_CALIBRATION_T,
)
#: {slug: the learner's committed prediction} (a number in nats, or a choice's index).
LEARN_PREDICTIONS = SessionKey("xent.learn.predictions", dict, "predictions")
#: {slug: indices of the "Try this" goals reached} (a tick stays once earned).
LEARN_REACHED = SessionKey("xent.learn.reached", dict, "goals reached")
#: {slug: (response, right)} of the "Check yourself" answer (a number in nats or an index).
LEARN_CHECKS = SessionKey("xent.learn.checks", dict, "checks")
#: {slug: message} for a prediction or a check sent without an answer.
LEARN_MISSING = SessionKey("xent.learn.missing", dict, "missing answers")
#: The explorer's "New to cross-entropy? Start here" was dismissed.
LEARN_BANNER_CLOSED = SessionKey("xent.learn.banner", False, "start-here banner")


def lesson_widget(slug: str, what: str) -> Widget:
    """A lesson's input (``what``: "guess", "choice", "check", …)."""
    return Widget(f"learn.{slug}.{what}")


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
TRAIN_RUNS = SessionKey("xent.training.runs", dict, "training runs")
#: Whether the last full run registered the run panel to rerun itself on a timer.
TRAIN_TICKING = SessionKey("xent.training.ticking", False, "training timer")
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

# --- game page (pages/game.py) ---------------------------------------------------------------
# The class game (issue 19). Its shared state lives in the database (xent_game); a session
# keeps only who it is there. The room's code and a *student's* own player token are in the
# page's link, so a reload or another replica finds the player again. The lecturer's token
# is never in a link: it is a SessionKey, and the lecturer's page link (the one "Share this
# view" and the QR code give) is the students' join link, ``/game?room=CODE``.
GAME_CODE_ALPHABET = CODE_ALPHABET
GAME_CODE_LENGTH = CODE_LENGTH
GAME_NICKNAME_MAX = NICKNAME_MAX
#: A token as xent_game.rooms accepts it (``secrets.token_urlsafe(24)`` is 32 characters);
#: the same rule as ``rooms._TOKEN`` (tests/ui/test_game.py compares them).
GAME_TOKEN_PATTERN = r"[A-Za-z0-9_-]{16,64}"
GAME_MIN_OUTCOMES, GAME_MAX_OUTCOMES = GAME_MIN_CLASSES, GAME_MAX_CLASSES
GAME_MAX_PER_ROUND = GAME_MAX_DRAWS
GAME_PER_ROUND_DEFAULT = 10
#: The floor the lecturer may put under every forecast when scoring (q ≥ 0.01).
GAME_FLOOR = 0.01
#: At most this many tries to join (and, each counted apart, submissions, new rooms and
#: takeovers with a lecturer token) per session in this many seconds.
GAME_RATE_COUNT, GAME_RATE_SECONDS = 5, 10.0
GAME_RULES = ("none", "floor")


def parse_room_code(raw: str) -> str:
    """A room code (6 characters without look-alikes, any case), or nothing."""
    text = _check_length(raw).strip().upper()
    if not text:
        return ""
    if len(text) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in text):
        raise StateError(
            f"must be {CODE_LENGTH} characters from {CODE_ALPHABET} (got '{_shown(raw)}')"
        )
    return text


def parse_player_token(raw: str) -> str:
    """A player's token as the game issues them, or nothing."""
    text = _check_length(raw).strip()
    if text and not re.fullmatch(GAME_TOKEN_PATTERN, text):
        raise StateError("is damaged: open the link you were given again, or join again")
    return text


GAME_ROOM = Param(
    key="xent.game.room",
    url="room",
    default="",
    parse=parse_room_code,
    dump=str,
    label="room code",
)
GAME_PLAYER = Param(
    key="xent.game.player",
    url="player",
    default="",
    parse=parse_player_token,
    dump=str,
    label="player key",
)
GAME_PARAMS: tuple[Param, ...] = (GAME_ROOM, GAME_PLAYER)
#: (room code, lecturer token) of the room this session controls; never in a link.
GAME_LECTURER = SessionKey("xent.game.lecturer", None, "the room you run")
#: True once a lecturer key this tab kept (components.keeper) was refused: forget it.
GAME_KEY_REFUSED = SessionKey("xent.game.key_refused", None, "kept key refused")
#: The hidden source's probabilities while the lecturer sets them up (the drag bars).
GAME_SOURCE_P = SessionKey("xent.game.source_p", lambda: [0.7, 0.3], "hidden source p")
#: The student's forecast on the bars, not yet submitted: (room code, round, q).
GAME_DRAFT = SessionKey("xent.game.draft", None, "your forecast")
#: What the page last drew of the room (its version, or round and phase for a student):
#: the polling fragment reruns the page when the database holds something newer.
GAME_SEEN = SessionKey("xent.game.seen", None, "room state on show")
#: A refused action's message (a GameError's), shown on the next run.
GAME_MESSAGE = SessionKey("xent.game.message", None, "game message")
#: {action: [monotonic times of recent tries]} for the per-session rate limits.
GAME_TRIES = SessionKey("xent.game.tries", dict, "recent tries")
GAME_K = Widget("game.k")
GAME_PER_ROUND = Widget("game.per_round")
GAME_RULE = Widget("game.rule")
GAME_RANDOM = Widget("game.random")
GAME_SOURCE_BARS = Widget("game.source_bars")
GAME_BARS = Widget("game.bars")
GAME_NICKNAME = Widget("game.nickname")
GAME_CODE_INPUT = Widget("game.code")
GAME_TOKEN_INPUT = Widget("game.lecturer_token")


def game_name_widget(i: int) -> Widget:
    """The text input of outcome ``i``'s name in the lecturer's set-up."""
    return Widget(f"game.name.{i}")


# --- text page (pages/text.py) ---------------------------------------------------------------
# Cross-entropy of text (issue 21). The corpus, the split and every control are in the
# link; the learner's own text is in the link only when it is short (TEXT_LINKED, at most
# text_corpora.LINK_TEXT_CHARS characters), otherwise it stays in this session (TEXT_OWN).
TEXT_CORPORA = ("stdlib", "lessons", "own")
#: Percent of the text held out (the end of the text), in steps of 5.
TEXT_HELD_OUT_MIN, TEXT_HELD_OUT_MAX = 5, 50
TEXT_MAX_ORDER = 6
#: Add-α (Lidstone) smoothing's α: above 0, so that held-out text never costs ∞.
TEXT_ALPHAS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
TEXT_TEMPERATURES = (0.1, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
TEXT_SAMPLE_LENGTHS = (100, 200, 300, 500, 1000)
TEXT_SEED_MAX = 9999
TEXT_LINK_CHARS = LINK_TEXT_CHARS


def parse_link_text(raw: str) -> str:
    """A learner's short text from a link: at most TEXT_LINK_CHARS characters, no control
    characters but tab and newline (the same rule as a pasted text's)."""
    text = normalize_newlines(_check_length(raw))
    if len(text) > TEXT_LINK_CHARS:
        raise StateError(
            f"is {len(text)} characters long; a link carries at most {TEXT_LINK_CHARS}"
        )
    if refused_characters(text):
        raise StateError("contains control characters (other than tab and newline)")
    return text


TEXT_CORPUS = Param(
    key="xent.text.corpus",
    url="corpus",
    default="stdlib",
    parse=parse_choice(TEXT_CORPORA),
    dump=str,
    label="text",
)
TEXT_HELD_OUT = Param(
    key="xent.text.held",
    url="held",
    default=20,
    parse=parse_whole_member(tuple(range(TEXT_HELD_OUT_MIN, TEXT_HELD_OUT_MAX + 1, 5))),
    dump=str,
    label="percent held out",
)
TEXT_ORDER = Param(
    key="xent.text.order",
    url="order",
    default=3,
    parse=parse_whole(1, TEXT_MAX_ORDER),
    dump=str,
    label="model order",
)
TEXT_ALPHA = Param(
    key="xent.text.alpha",
    url="talpha",
    default=0.003,
    parse=parse_member(TEXT_ALPHAS),
    dump=format_number,
    label="smoothing α",
)
TEXT_TEMPERATURE = Param(
    key="xent.text.temperature",
    url="temp",
    default=1.0,
    parse=parse_member(TEXT_TEMPERATURES),
    dump=format_number,
    label="sampling temperature",
)
TEXT_SAMPLE_LENGTH = Param(
    key="xent.text.length",
    url="len",
    default=300,
    parse=parse_whole_member(TEXT_SAMPLE_LENGTHS),
    dump=str,
    label="sample length",
)
TEXT_SAMPLE_SEED = Param(
    key="xent.text.seed",
    url="sseed",
    default=0,
    parse=parse_whole(0, TEXT_SEED_MAX),
    dump=str,
    label="sample seed",
)
#: The learner's text when it is short enough for a link ("" otherwise).
TEXT_LINKED = Param(
    key="xent.text.linked",
    url="text",
    default="",
    parse=parse_link_text,
    dump=str,
    label="your text",
)
TEXT_PARAMS: tuple[Param, ...] = (
    TEXT_CORPUS,
    TEXT_HELD_OUT,
    TEXT_ORDER,
    TEXT_ALPHA,
    TEXT_TEMPERATURE,
    TEXT_SAMPLE_LENGTH,
    TEXT_SAMPLE_SEED,
    TEXT_LINKED,
)
#: The learner's text in use (xent_ui.views.text_source.OwnText), or None; never in a link.
TEXT_OWN = SessionKey("xent.text.own", None, "your text")
#: What is in the paste box (kept when the text is refused: nothing typed is lost).
TEXT_DRAFT = SessionKey("xent.text.draft", "", "the paste box")
#: The message of the last refused text or file, shown until the next one is accepted.
TEXT_ERROR = SessionKey("xent.text.error", None, "text message")
TEXT_FILE = Widget("text.file")

# --- what each page's link carries: declared once per page ------------------------------
EXPLORER_URL: tuple[Param, ...] = (Q, NAMES, LABEL, SOFT, EPSILON, P_SOFT)
CURVES_URL: tuple[Param, ...] = (*CURVES_PARAMS, Q, NAMES, LABEL, EPSILON)
LOGITS_URL: tuple[Param, ...] = (*LOGITS_PARAMS, LABEL, EPSILON, NAMES)
SIMPLEX_URL: tuple[Param, ...] = (*SIMPLEX_PARAMS, Q, NAMES, LABEL, SOFT, EPSILON, P_SOFT)
DATA_URL: tuple[Param, ...] = (DATA_SOURCE, RELIABILITY_BINS, CALIBRATION_T)
CLASSROOM_URL: tuple[Param, ...] = (QUIZ_SEED,)
TRAINING_URL: tuple[Param, ...] = TRAINING_SHARED_PARAMS + TRAIN_A.params + TRAIN_B.params
LEARN_URL: tuple[Param, ...] = LEARN_PARAMS
GAME_URL: tuple[Param, ...] = GAME_PARAMS
TEXT_URL: tuple[Param, ...] = TEXT_PARAMS
#: A parameter that is in a link only while another one is on: the soft label only with
#: the soft switch, configuration B only when two configurations are compared.
URL_ONLY_WITH: dict[str, Param] = {
    P_SOFT.key: SOFT,
    LEARN_DONE.key: LEARN_SHARE_PROGRESS,
    **{param.key: TRAIN_COMPARE for param in TRAIN_B.params},
}

ALL_PARAMS: tuple[Param, ...] = (
    GLOBAL_PARAMS
    + EXPLORER_PARAMS
    + CURVES_PARAMS
    + LOGITS_PARAMS
    + SIMPLEX_PARAMS
    + DATA_PARAMS
    + CLASSROOM_PARAMS
    + TRAINING_PARAMS
    + LEARN_PARAMS
    + GAME_PARAMS
    + TEXT_PARAMS
    + (TEXT_OWN, TEXT_DRAFT, TEXT_ERROR)
)
