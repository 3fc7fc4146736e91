"""The text page under AppTest: the default render, every control in the link, the learner's
own text (pasted, uploaded, from a link) with every refusal a message, and the numbers in
the captions and the shaded text against xent_core's.

The models themselves are tested in tests/core/test_text.py; here the point is that the
page shows xent_core's numbers, keeps its state in the link and survives bad input.
"""

from __future__ import annotations

import itertools
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import xent_core as xc
from tests.helpers import component_data, markdown_rows
from xent_ui import state, text_corpora
from xent_ui.components import surprise_text
from xent_ui.text_models import SHOWN_CHARS

ROOT = Path(__file__).resolve().parents[2]
CORPUS = "w:" + state.TEXT_CORPUS.key
HELD = "w:" + state.TEXT_HELD_OUT.key
ORDER = "w:" + state.TEXT_ORDER.key
ALPHA = "w:" + state.TEXT_ALPHA.key
TEMPERATURE = "w:" + state.TEXT_TEMPERATURE.key
LENGTH = "w:" + state.TEXT_SAMPLE_LENGTH.key
SEED = "w:" + state.TEXT_SAMPLE_SEED.key
DRAFT = "w:" + state.TEXT_DRAFT.key
USE = "text.paste.go"
FILE = state.TEXT_FILE.key
#: A short English text for the learner's own: repetitive enough for the models to learn.
OWN = (
    "the cat sat on the mat. the dog sat on the log. the cat saw the dog. "
    "the dog saw the cat on the mat and the cat ran to the log. "
) * 4


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("pages/text.py").run()


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def page_text(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def own(at: AppTest) -> AppTest:
    return at.segmented_control(key=CORPUS).set_value("own").run()


def paste(at: AppTest, text: str) -> AppTest:
    at.text_area(key=DRAFT).input(text)
    return at.button(key=USE).click().run()


def unescape(md: str) -> str:
    """Markdown text as read: the page escapes user text with backslashes."""
    return re.sub(r"\\(.)", r"\1", md)


def expected(text: str, held: int = 20, order: int = 3, alpha: float = 0.003):
    """What the page computes for ``text``: split, model, surprisals, sweep (xent_core)."""
    train, held_out = xc.split_text(text, held / 100)
    alphabet = "".join(sorted(set(text)))
    model = xc.ngram_model(train, order, alpha, alphabet=alphabet)
    bits = xc.surprisals(model, held_out)
    sweep = xc.order_sweep(train, held_out, alpha, alphabet=alphabet)
    return train, held_out, model, bits, sweep


@pytest.fixture(scope="module")
def default() -> AppTest:
    return run()


@pytest.fixture(scope="module")
def stdlib_text() -> str:
    return text_corpora.stdlib_docstrings().text


# --- the default page -------------------------------------------------------------------------


def test_default_render(default: AppTest) -> None:
    no_exception(default)
    assert default.title[0].value == "Cross-entropy of text"
    assert [s.value for s in default.subheader] == [
        "Text",
        "See the surprise",
        "Compare models",
        "Language models",
        "Sample",
    ]
    assert not default.error
    assert dict(default.query_params) == {}  # every control at its default: a bare link
    assert len(default.get("plotly_chart")) == 2


def test_captions_quote_xent_core(default: AppTest, stdlib_text: str) -> None:
    train, held_out, _model, bits, sweep = expected(stdlib_text)
    text = captions(default)
    bpc = float(bits.mean())
    assert xc.bits_per_character(_model, held_out) == pytest.approx(bpc, rel=1e-12)
    nats = bpc * math.log(2)
    over_all = f"over all {len(held_out):,} it is {bpc:.3f} bits per character ({nats:.3f} nats)"
    assert over_all in text
    assert f"After the first 100 held-out characters it is {bits[:100].mean():.3f}" in text
    assert f"the first {len(train):,} characters; held out: the last {len(held_out):,}" in text
    size = len(set(stdlib_text))
    assert f"pays log₂ {size} = {xc.uniform_bits(size):.3f} bits" in text
    unigram = xc.unigram_entropy(train)
    assert f"Its unigram entropy is H(p̂) = {unigram:.3f} bits" in text
    assert f"KL(p̂‖q) = {sweep[0].train_bpc - unigram:.2g} bits" in text
    best = min(sweep, key=lambda s: s.held_out_bpc)
    assert f"has perplexity {best.held_out_perplexity:.2f}" in text
    assert f"at order {best.order}" in text
    # The sweep reads as the issue says: training falls, held-out falls and then rises.
    train_bpc = [s.train_bpc for s in sweep]
    assert all(b < a for a, b in itertools.pairwise(train_bpc))
    assert 1 < best.order < 6
    assert f"from {train_bpc[0]:.3f} to {train_bpc[-1]:.3f} bits per character" in text
    assert f"back up to {sweep[-1].held_out_bpc:.3f} at order 6" in text


def test_order_table_is_the_sweep(default: AppTest, stdlib_text: str) -> None:
    *_, sweep = expected(stdlib_text)
    table = next(m.value for m in default.markdown if m.value.startswith("| n |"))
    rows = markdown_rows(table)
    assert rows == [
        [
            str(s.order),
            f"{s.train_bpc:.3f}",
            f"{s.held_out_bpc:.3f}",
            f"{s.held_out_bpc * math.log(2):.3f}",
            f"{s.held_out_perplexity:.2f}",
        ]
        for s in sweep
    ]
    assert all(s.held_out_perplexity == pytest.approx(2**s.held_out_bpc) for s in sweep)


def test_the_shaded_text_is_xent_cores_surprise(default: AppTest, stdlib_text: str) -> None:
    _train, held_out, model, bits, _sweep = expected(stdlib_text)
    data = component_data(default, "text-surprise")
    n = min(SHOWN_CHARS, len(held_out))
    assert len(data["chars"]) == n
    np.testing.assert_array_equal(data["bits"], bits[:n])
    assert data["bands"] == [surprise_text.band(b) for b in bits[:n]]
    assert float(data["mean"]) == pytest.approx(float(bits[:n].mean()), rel=1e-12)
    # The top guesses are the model's most probable characters, most probable first.
    dist = xc.next_char_distribution(model, held_out[:10])
    top = np.argsort(-dist, kind="stable")[:3]
    assert data["guesses"][10] == [
        [surprise_text.glyph(model.alphabet[j]), surprise_text._fmt_p(float(dist[j]))] for j in top
    ]


def test_language_model_numbers(default: AppTest, stdlib_text: str) -> None:
    _train, held_out, _model, bits, _sweep = expected(stdlib_text)
    bpc = float(bits.mean())
    table = next(m.value for m in default.markdown if m.value.startswith("| Quoted as |"))
    values = {row[0]: row[-1] for row in markdown_rows(table)}  # "How" holds an escaped |
    size = len(held_out.encode("utf-8"))
    assert values == {
        "Bits per character (bpc)": f"{bpc:.3f}",
        "Nats per character": f"{bpc * math.log(2):.3f}",
        "Bits per byte (UTF-8)": f"{bpc * len(held_out) / size:.3f}",
        "Perplexity per character": f"{2**bpc:.2f}",
    }
    text = unescape(page_text(default))
    assert f"would read as {4 * bpc * math.log(2):.3f} nats per token" in text
    assert f"as {2 ** (4 * bpc):,.0f} per token" in text
    i = int(np.argmax(bits))
    assert f"character {i + 1:,}, after" in text
    assert f"−log₂ q = {bits[i]:.2f} bits" in text
    assert f"q = {2.0 ** -bits[i]:.2g}" in text


def test_sample_caption(default: AppTest, stdlib_text: str) -> None:
    train, _held, model, _bits, _sweep = expected(stdlib_text)
    sample = xc.sample(model, 300, temperature=1.0, seed=0)
    assert default.code[0].value == sample
    own_bits = xc.bits_per_character(model, sample)
    entropy = float(xc.entropy(xc.context_distributions(model, sample), base=2).mean())
    text = captions(default)
    assert f"own sample is {own_bits:.3f} bits per character" in text
    assert f"those entropies average {entropy:.3f} bits" in text
    assert unseen_contexts(train, model, sample) == 0  # order 3 stays on known ground
    assert "written itself into" not in text


def unseen_contexts(train: str, model: xc.NgramModel, sample: str) -> int:
    """Characters of ``sample`` whose context never came up in training, counted by hand
    on the START-padded texts."""
    k = model.order - 1
    seen = {(xc.START * k + train)[j : j + k] for j in range(len(train))}
    return sum((xc.START * k + sample)[i : i + k] not in seen for i in range(len(sample)))


def test_sample_counts_the_contexts_never_seen(stdlib_text: str) -> None:
    at = run({"order": "6"})
    no_exception(at)
    train, _held, model, _bits, _sweep = expected(stdlib_text, order=6)
    sample = xc.sample(model, 300, temperature=1.0, seed=0)
    assert at.code[0].value == sample
    unseen = unseen_contexts(train, model, sample)
    assert unseen > 0
    assert f"At {unseen} of its 300 characters the model had written itself" in captions(at)


def test_bits_only_in_bits() -> None:
    """With the bits unit the page quotes no nats (bits per character is in bits anyway)."""
    at = run({"unit": "bits"})
    no_exception(at)
    text = page_text(at)
    assert not re.search(r"\d\s*nats?\b", text), re.findall(r".{40}\d\s*nats?\b", text)
    table = next(m.value for m in at.markdown if m.value.startswith("| n |"))
    assert "nats" not in table


# --- every control in the link ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("widget", "kind", "value", "url", "shown"),
    [
        (CORPUS, "segmented_control", "lessons", "corpus", "lessons"),
        (HELD, "slider", 30, "held", "30"),
        (ORDER, "slider", 5, "order", "5"),
        (ALPHA, "select_slider", 0.1, "talpha", "0.1"),
        (TEMPERATURE, "select_slider", 0.5, "temp", "0.5"),
        (LENGTH, "select_slider", 100, "len", "100"),
        (SEED, "number_input", 7, "sseed", "7"),
    ],
)
def test_each_control_round_trips_to_the_link(widget, kind, value, url, shown) -> None:
    at = run()
    getattr(at, kind)(key=widget).set_value(value).run()
    no_exception(at)
    assert at.query_params[url] == shown
    # The link opens the same view.
    again = run({url: shown})
    no_exception(again)
    assert getattr(again, kind)(key=widget).value == value
    assert again.query_params[url] == shown


def test_a_link_with_every_control() -> None:
    query = {"corpus": "lessons", "held": "40", "order": "2", "talpha": "1", "temp": "2",
             "len": "200", "sseed": "12"}  # fmt: skip
    at = run(query)
    no_exception(at)
    assert {k: at.query_params[k] for k in query} == query
    text = text_corpora.lesson_texts().text
    _train, held_out, model, bits, _ = expected(text, held=40, order=2, alpha=1.0)
    assert f"over all {len(held_out):,} it is {bits.mean():.3f} bits per character" in captions(at)
    assert at.code[0].value == xc.sample(model, 200, temperature=2.0, seed=12)


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ({"corpus": "<b>x</b>"}, "text (`corpus`)"),
        ({"held": "7"}, "percent held out (`held`)"),
        ({"order": "9"}, "model order (`order`)"),
        ({"talpha": "0"}, "smoothing α (`talpha`)"),
        ({"temp": "nan"}, "sampling temperature (`temp`)"),
        ({"len": "-1"}, "sample length (`len`)"),
        ({"sseed": "1e9"}, "sample seed (`sseed`)"),
        ({"text": "x" * 201}, "your text (`text`)"),
        ({"text": "ab\x00cd"}, "your text (`text`)"),
    ],
)
def test_bad_link_values_are_warnings(query: dict, label: str) -> None:
    at = run(query)
    no_exception(at)
    assert any(label in w.value for w in at.warning), [w.value for w in at.warning]


# --- the learner's own text -------------------------------------------------------------------


def test_own_text_waits_for_a_text() -> None:
    at = own(run())
    no_exception(at)
    assert at.query_params["corpus"] == "own"
    assert any("Use this text" in i.value for i in at.info)
    assert [s.value for s in at.subheader] == ["Text"]  # nothing to model yet
    assert "at most 200 characters" in page_text(at)  # the link rule is on the page
    assert "1 MB" in page_text(at)


def test_a_short_pasted_text_goes_into_the_link_and_comes_back() -> None:
    short = OWN[:150]
    at = paste(own(run()), short)
    no_exception(at)
    assert not at.error
    assert at.query_params["text"] == short
    assert at.query_params["corpus"] == "own"
    _train, held_out, _m, bits, _ = expected(short)
    assert f"over all {len(held_out):,} it is {bits.mean():.3f}" in captions(at)
    # The link alone reopens it: a new session, the same numbers.
    again = run({"corpus": "own", "text": short})
    no_exception(again)
    assert f"over all {len(held_out):,} it is {bits.mean():.3f}" in captions(again)
    assert again.text_area(key=DRAFT).value == short


def test_a_long_text_stays_out_of_the_link() -> None:
    at = paste(own(run()), OWN)
    no_exception(at)
    assert len(OWN) > text_corpora.LINK_TEXT_CHARS
    assert "text" not in at.query_params
    assert at.query_params["corpus"] == "own"
    assert "See the surprise" in [s.value for s in at.subheader]
    # Back to a built-in text: the learner's text leaves the link but stays in the session.
    at.segmented_control(key=CORPUS).set_value("lessons").run()
    assert "text" not in at.query_params
    own(at)
    assert "See the surprise" in [s.value for s in at.subheader]


def test_held_out_characters_unseen_in_training() -> None:
    """A held-out part with characters the training part lacks: the alphabet covers the whole
    text, so they get the smoothing's probability, and the page says so."""
    text = "abab " * 20 + "xyz!"
    at = paste(own(run()), text)
    no_exception(at)
    assert not at.error
    train, _held_out, _model, bits, _ = expected(text)
    assert set("xyz!") - set(train) == set("xyz!")
    assert f"it is {bits.mean():.3f} bits per character" in captions(at)
    assert "It never occurs in the training text" in unescape(page_text(at))


def test_a_text_of_one_character_has_no_surprise() -> None:
    at = paste(own(run()), "a" * 40)
    no_exception(at)
    assert any("uses a single character" in w.value for w in at.warning)
    assert "See the surprise" not in [s.value for s in at.subheader]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Your text is empty"),
        ("   \n\t ", "Your text is empty"),
        ("too short", "Your text has 9 characters; the page needs at least 20"),
        (
            "a" * 1_000_001,
            "Your text is 1,000,001 bytes in UTF-8; the page reads at most 1,000,000",
        ),
        ("é" * 500_001, "Your text is 1,000,002 bytes in UTF-8"),
    ],
    ids=["empty", "blank", "short", "too-large", "too-large-in-bytes"],
)
def test_refused_pasted_texts_are_messages(text: str, message: str) -> None:
    at = paste(own(run()), text)
    no_exception(at)
    assert any(message in unescape(e) for e in errors(at)), errors(at)
    assert at.text_area(key=DRAFT).value == text  # nothing typed is lost
    assert "text" not in at.query_params


def test_control_characters_are_refused_and_can_be_removed() -> None:
    dirty = "hello\x00 world, this is a text\x1b[31m with escapes\x07."
    at = paste(own(run()), dirty)
    no_exception(at)
    (message,) = errors(at)
    message = unescape(message)
    assert "3 control characters" in message
    assert "U+0000 (null), at character 6" in message
    assert at.text_area(key=DRAFT).value == dirty  # kept as typed
    at.button(key="text.strip").click().run()
    no_exception(at)
    assert not at.error
    clean = text_corpora.strip_controls(dirty)
    assert at.text_area(key=DRAFT).value == clean
    assert at.query_params["text"] == clean
    assert "See the surprise" in [s.value for s in at.subheader]


def test_a_refused_text_keeps_the_previous_one() -> None:
    at = paste(own(run()), OWN)
    at = paste(at, "short")
    no_exception(at)
    assert any("needs at least 20" in unescape(e) for e in errors(at))
    assert "the page still shows your pasted text" in captions(at)
    assert "See the surprise" in [s.value for s in at.subheader]


def test_upload_a_text_file() -> None:
    at = own(run())
    at.file_uploader(key=FILE).set_value(("story.txt", OWN.encode("utf-8"), "text/plain")).run()
    no_exception(at)
    assert not at.error
    _train, held_out, _m, bits, _ = expected(OWN)
    assert f"over all {len(held_out):,} it is {bits.mean():.3f}" in captions(at)
    assert "story" in page_text(at)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "latin1.txt",
            "café au lait, crème brûlée".encode("latin-1") * 3,
            "latin1.txt is not UTF-8 text: byte 0xe9 at byte 3",
        ),
        (
            "big.txt",
            b"a" * (text_corpora.MAX_TEXT_BYTES + 1),
            "big.txt is 1,000,001 bytes; the page reads at most 1,000,000",
        ),
        ("empty.txt", b"", "empty.txt is empty"),
        ("nul.txt", b"binary\x00data " * 5, "nul.txt contains 5 control characters"),
    ],
    ids=["not-utf8", "too-large", "empty", "control"],
)
def test_refused_uploads_are_messages(name: str, data: bytes, message: str) -> None:
    at = own(run())
    at.file_uploader(key=FILE).set_value((name, data, "text/plain")).run()
    no_exception(at)
    assert any(message in unescape(e) for e in errors(at)), errors(at)
    assert "See the surprise" not in [s.value for s in at.subheader]


def test_an_upload_with_control_characters_can_be_cleaned() -> None:
    at = own(run())
    data = ("line one\x0c\nline two is here\x00 and more text follows" * 2).encode()
    at.file_uploader(key=FILE).set_value(("ff.txt", data, "text/plain")).run()
    assert errors(at)
    at.button(key="text.strip").click().run()
    no_exception(at)
    assert not at.error
    assert "See the surprise" in [s.value for s in at.subheader]


# --- pure parts -------------------------------------------------------------------------------


def test_link_limit_is_the_registrys() -> None:
    assert state.TEXT_LINK_CHARS == text_corpora.LINK_TEXT_CHARS
    assert state.TEXT_LINKED.parse("a\r\nb") == "a\nb"
    with pytest.raises(state.StateError, match="control characters"):
        state.TEXT_LINKED.parse("a\x1bb")


def test_check_text_normalises_line_ends_and_keeps_tabs() -> None:
    assert (
        text_corpora.check_text("one\r\ntwo\rthree\tfour five six")
        == "one\ntwo\nthree\tfour five six"
    )


def test_stdlib_corpus_reads_files_without_importing_them() -> None:
    """The docstrings come from the source files (ast), in the fixed sorted order; no
    standard-library module gets imported to read them."""
    assert list(text_corpora.STDLIB_FILES) == sorted(text_corpora.STDLIB_FILES)
    code = (
        "import sys\n"
        "from xent_ui import text_corpora\n"
        "text_corpora.stdlib_root()\n"  # sysconfig's own data module, not a module read
        "before = set(sys.modules)\n"
        "corpus = text_corpora.stdlib_docstrings()\n"
        "print(sorted(set(sys.modules) - before))\n"
        "print(len(corpus.text), corpus.pieces)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == "[]"
    chars, pieces = map(int, out[1].split())
    assert chars > 50_000 and pieces > 100
    corpus = text_corpora.stdlib_docstrings()
    assert corpus.sources == text_corpora.STDLIB_FILES  # every file found here
    import ast

    first = ast.get_docstring(
        ast.parse((text_corpora.stdlib_root() / corpus.sources[0]).read_text(encoding="utf-8"))
    )
    assert corpus.text.startswith(first)


def test_stdlib_corpus_without_sources_is_empty(tmp_path: Path) -> None:
    corpus = text_corpora.stdlib_docstrings(root=tmp_path)
    assert corpus.text == "" and corpus.sources == ()


def test_lesson_corpus_is_the_bank_and_the_lessons() -> None:
    corpus = text_corpora.lesson_texts()
    wrong, right = next(iter(xc.MISCONCEPTIONS.values()))
    assert corpus.text.startswith(f"Wrong: {wrong}\n\nRight: {right}")
    assert xc.ITEMS[0].explain() in corpus.text
    assert "xent_ui/learn/surprise.py" in corpus.sources


def test_payload_is_plain_json_and_refuses_infinite_surprise() -> None:
    payload = surprise_text.surprise_payload(
        "a<b>\n", [0.5, 1.5, 3.0, 11.0, 0.1], [[("a", 0.5)]] * 5, order=2
    )
    assert payload["chars"] == ["a", "<", "b", ">", "↵"]  # text, inserted with textContent
    assert payload["bands"] == [0, 1, 2, 6, 0]
    assert payload["newline"] == [False, False, False, False, True]
    with pytest.raises(ValueError, match="finite"):
        surprise_text.surprise_payload("a", [math.inf], [[]], order=1)
