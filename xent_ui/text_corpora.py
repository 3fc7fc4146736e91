"""The text page's texts (pages/text.py): corpora gathered at run time, and a learner's own.

Nothing here is shipped as data. The built-in corpora are read when first asked for
(the page caches them):

- :func:`stdlib_docstrings`: the docstrings of a fixed, sorted list of Python's standard
  library source files, read with :func:`ast.get_docstring` from the files themselves;
  no standard-library module is imported to get them.
- :func:`lesson_texts`: xent's own teaching prose: the misconception bank
  (:data:`xent_core.MISCONCEPTIONS`, every :data:`xent_core.ITEMS` prompt, choice and
  explanation, in nats) and the docstrings of the Learn lessons (``xent_ui/learn/*.py``,
  read with :mod:`ast` too).

A learner's text goes through :func:`decode_upload` (bytes from a file: UTF-8 checked)
and :func:`check_text` (size, length, control characters); each raises :class:`TextInputError`
with a message that says what was wrong and what to do. No streamlit here.
"""

from __future__ import annotations

import ast
import sysconfig
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import xent_core as xc

#: The standard library's files whose docstrings make the "Python's docstrings" corpus,
#: relative to the standard library's folder: prose-rich modules, in sorted order.
STDLIB_FILES: tuple[str, ...] = (
    "argparse.py",
    "calendar.py",
    "collections/__init__.py",
    "contextlib.py",
    "csv.py",
    "dataclasses.py",
    "difflib.py",
    "fractions.py",
    "functools.py",
    "heapq.py",
    "json/__init__.py",
    "pathlib.py",
    "random.py",
    "shutil.py",
    "statistics.py",
    "string.py",
    "textwrap.py",
    "typing.py",
)
LEARN_DIR = Path(__file__).parent / "learn"

#: A learner's text: at most this many bytes in UTF-8 (1 MB) …
MAX_TEXT_BYTES = 1_000_000
#: … at least this many characters (both the training and the held-out part need some) …
MIN_TEXT_CHARS = 20
#: … and it goes into the page's link only when it has at most this many characters.
LINK_TEXT_CHARS = 200
#: Control characters a text may contain (tab and newline); others are refused.
ALLOWED_CONTROLS = frozenset("\t\n")


class TextInputError(ValueError):
    """A learner's text or file that the page cannot use; the message says what to do."""


class ControlCharacterError(TextInputError):
    """A text with control characters: :func:`strip_controls` removes them."""


@dataclass(frozen=True)
class Corpus:
    """A text and where it came from: ``pieces`` texts joined by blank lines, read from
    ``sources`` (file names, or the parts of xent they come from)."""

    text: str
    pieces: int
    sources: tuple[str, ...]


def stdlib_root() -> Path:
    """The folder of this Python's standard library source files."""
    return Path(sysconfig.get_paths()["stdlib"])


def _docstrings(tree: ast.AST) -> list[str]:
    """The docstrings of a module, its classes and functions, in source order."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        doc = ast.get_docstring(node, clean=True)  # type: ignore[arg-type]
        if doc:
            found.append(doc)
        for child in getattr(node, "body", []):
            if isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child)

    visit(tree)
    return found


def normalize_newlines(text: str) -> str:
    """Windows (CR LF) and old Mac (CR) line ends as LF: one newline character each."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def stdlib_docstrings(root: Path | None = None, files: tuple[str, ...] = STDLIB_FILES) -> Corpus:
    """The docstrings of ``files`` under ``root`` (this Python's standard library).

    Files that are missing or do not parse are left out (a Python without its sources
    gives an empty corpus, which the page reports).
    """
    root = stdlib_root() if root is None else root
    texts: list[str] = []
    used: list[str] = []
    for name in sorted(files):
        path = root / name
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
            continue
        found = _docstrings(tree)
        if found:
            texts.extend(found)
            used.append(name)
    return Corpus(normalize_newlines("\n\n".join(texts)), len(texts), tuple(used))


def lesson_texts() -> Corpus:
    """xent's own prose: the misconception bank (in nats) and the Learn lessons' docstrings."""
    texts: list[str] = []
    for wrong, right in xc.MISCONCEPTIONS.values():
        texts.extend((f"Wrong: {wrong}", f"Right: {right}"))
    for item in xc.ITEMS:
        texts.append(item.text())
        texts.extend(item.options() or ())
        texts.append(item.explain())
    lessons: list[str] = []
    for path in sorted(LEARN_DIR.glob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")), clean=True)
        if doc and path.stem not in ("__init__", "frame"):
            texts.append(doc)
            lessons.append(f"xent_ui/learn/{path.name}")
    sources = ("xent_core/misconceptions.py", *lessons)
    return Corpus(normalize_newlines("\n\n".join(texts)), len(texts), sources)


#: Names of the control characters a pasted text most often carries (unicodedata has none).
CONTROL_NAMES = {
    0x00: "null",
    0x02: "start of text",
    0x07: "bell",
    0x08: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x1B: "escape",
    0x7F: "delete",
}


def char_name(ch: str) -> str:
    r"""A character as a message names it: 'é', or its code point and name when invisible.

    >>> char_name("é"), char_name("\x00"), char_name("\u200b")
    ("'é'", 'U+0000 (null)', 'U+200B (zero width space)')
    """
    if ch.isprintable() and not ch.isspace():
        return f"'{ch}'"
    name = unicodedata.name(ch, "").lower() or CONTROL_NAMES.get(ord(ch), "")
    code = f"U+{ord(ch):04X}"
    return f"{code} ({name})" if name else code


def decode_upload(name: str, data: bytes) -> str:
    """A .txt file's bytes as text: UTF-8 (a byte-order mark is dropped), size checked."""
    if len(data) > MAX_TEXT_BYTES:
        raise TextInputError(
            f"{name} is {len(data):,} bytes; the page reads at most {MAX_TEXT_BYTES:,} bytes "
            f"({MAX_TEXT_BYTES / 1_000_000:g} MB). Upload a shorter part of it (cut it in any "
            "text editor)."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise TextInputError(
            f"{name} is not UTF-8 text: byte {err.object[err.start]:#04x} at byte "
            f"{err.start:,} cannot be read as UTF-8. Save the file as UTF-8 (in most editors: "
            "Save as… → Encoding: UTF-8) and upload it again."
        ) from None


def check_text(text: str, what: str = "Your text") -> str:
    """A learner's text, ready for the models: line ends as LF; size, length and control
    characters checked (``what`` names it in messages)."""
    text = normalize_newlines(text)
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise TextInputError(
            f"{what} is {size:,} bytes in UTF-8; the page reads at most {MAX_TEXT_BYTES:,} "
            f"bytes ({MAX_TEXT_BYTES / 1_000_000:g} MB). Use a shorter part of it."
        )
    if not text.strip():
        raise TextInputError(
            f"{what} is empty. Paste or type some text (at least {MIN_TEXT_CHARS} "
            "characters), or upload a .txt file."
        )
    if len(text) < MIN_TEXT_CHARS:
        raise TextInputError(
            f"{what} has {len(text)} characters; the page needs at least {MIN_TEXT_CHARS}, "
            "so that the training part and the held-out part both have some. Add more text."
        )
    bad = refused_characters(text)
    if bad:
        i, ch = bad[0]
        count = f"{len(bad):,} control characters" if len(bad) > 1 else "a control character"
        first = "the first, " if len(bad) > 1 else ""
        raise ControlCharacterError(
            f"{what} contains {count} ({first}{char_name(ch)}, at character {i + 1:,}): "
            "characters with no printed form, other than tab and newline, are not read. "
            "Remove them (the button below does it for you) and use the text again."
        )
    return text


def _refused(ch: str) -> bool:
    return ch not in ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Cs")


def refused_characters(text: str) -> list[tuple[int, str]]:
    """(position, character) of every character a text may not contain: Unicode's control
    characters (Cc: NUL, ESC, DEL, …, and the models' start symbol) but tab and newline,
    and lone surrogates (Cs)."""
    return [(i, ch) for i, ch in enumerate(text) if _refused(ch)]


def strip_controls(text: str) -> str:
    """``text`` without the characters :func:`check_text` refuses."""
    return "".join(ch for ch in normalize_newlines(text) if not _refused(ch))
