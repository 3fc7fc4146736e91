"""Speed of the text page's core (issue 21). Run by hand:

    uv run python -m bench.text_speed [--repeats 5] [--train-chars 1000000] [--held-chars 100000]

Measures, with ``time.perf_counter`` and the median of ``--repeats`` runs after a warm-up:
training a character model of order 6 (add-α, α = 0.1) on 1,000,000 characters and
scoring 100,000 held-out characters (their bits per character) with ``xent_core.text``
(numpy), against a plain Python implementation of the same model with
``collections.Counter`` in the same run. Both give the same bits per character (checked
to 1e-9) before anything is timed.

The text is the docstrings of the Python standard library (of its modules, classes and
functions, read with ``ast`` from the ``.py`` files under ``sysconfig``'s stdlib path,
in sorted order, ``site-packages`` left out): deterministic for a given Python, no
network. The first ``--train-chars`` characters train, the next ``--held-chars`` are
held out.

Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import math
import os
import platform
import sysconfig
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from bench.data_speed import median_seconds
from xent_core import text

DOCSTRING_NODES = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def stdlib_files(root: Path) -> Iterator[Path]:
    """The ``.py`` files under ``root`` in a fixed order (directories and files sorted,
    depth first), without ``site-packages``; lazily, so a small text reads few files."""
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "__pycache__"))
        for name in sorted(files):
            if name.endswith(".py"):
                yield Path(directory) / name


def stdlib_docstrings(chars: int, root: Path | None = None) -> str:
    """At least ``chars`` characters of standard-library docstrings (fewer only if the
    library has fewer), joined by blank lines, without the start symbol."""
    root = Path(sysconfig.get_paths()["stdlib"]) if root is None else root
    parts: list[str] = []
    total = 0
    for path in stdlib_files(root):
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError, UnicodeDecodeError):  # the test suite's bad files
            continue
        for node in ast.walk(tree):
            if isinstance(node, DOCSTRING_NODES) and (doc := ast.get_docstring(node)):
                doc = doc.replace(text.START, "")
                parts.append(doc)
                total += len(doc) + 2
        if total >= chars:
            break
    return "\n\n".join(parts)


# ------------------------------------------------------------------ the plain Python model


def counter_model(train: str, order: int) -> tuple[Counter, Counter]:
    """count(h → c) and count(h) with collections.Counter, contexts as strings padded
    with the start symbol."""
    k = order - 1
    padded = text.START * k + train
    contexts = [padded[i : i + k] for i in range(len(train))]
    return Counter(zip(contexts, train, strict=True)), Counter(contexts)


def counter_bits_per_character(
    model: tuple[Counter, Counter], order: int, alpha: float, size: int, held: str
) -> float:
    """The mean of −log₂ (count(h → c) + α) / (count(h) + α|V|) over ``held``."""
    pairs, contexts = model
    k = order - 1
    padded = text.START * k + held
    total = 0.0
    for i, c in enumerate(held):
        h = padded[i : i + k]
        total -= math.log((pairs.get((h, c), 0) + alpha) / (contexts.get(h, 0) + alpha * size))
    return total / len(held) / math.log(2)


# ------------------------------------------------------------------ timing


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--train-chars", type=int, default=1_000_000)
    parser.add_argument("--held-chars", type=int, default=100_000)
    parser.add_argument("--order", type=int, default=text.MAX_ORDER)
    parser.add_argument("--alpha", type=float, default=0.1)


def measure(args: argparse.Namespace) -> dict:
    """Build the text, check both implementations agree, time them; the figures."""
    corpus = stdlib_docstrings(args.train_chars + args.held_chars)
    if len(corpus) < args.train_chars + args.held_chars:
        raise SystemExit(f"the standard library has only {len(corpus):,} docstring characters")
    train = corpus[: args.train_chars]
    held = corpus[args.train_chars : args.train_chars + args.held_chars]
    alphabet = "".join(sorted(set(train + held)))
    order, alpha, size = args.order, args.alpha, len(alphabet)

    def ours_train() -> text.NgramModel:
        return text.ngram_model(train, order, alpha, alphabet=alphabet)

    def counter_train() -> tuple[Counter, Counter]:
        return counter_model(train, order)

    model, reference = ours_train(), counter_train()
    ours_bpc = text.bits_per_character(model, held)
    counter_bpc = counter_bits_per_character(reference, order, alpha, size, held)
    difference = abs(ours_bpc - counter_bpc)
    assert difference < 1e-9, (ours_bpc, counter_bpc)
    r = args.repeats
    return {
        "train_chars": len(train),
        "held_chars": len(held),
        "alphabet": size,
        "order": order,
        "alpha": alpha,
        "bpc": ours_bpc,
        "difference": difference,
        "ours_train": median_seconds(ours_train, r),
        "ours_score": median_seconds(lambda: text.bits_per_character(model, held), r),
        "counter_train": median_seconds(counter_train, r),
        "counter_score": median_seconds(
            lambda: counter_bits_per_character(reference, order, alpha, size, held), r
        ),
        "repeats": r,
    }


def report(s: dict) -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        f"Date {datetime.date.today()}, {platform.system()} {platform.release()} "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"numpy {np.__version__}, repeats {s['repeats']} (median), load average {load:.1f} "
        "at the end",
        "",
        f"Order {s['order']}, α = {s['alpha']:g}, |V| = {s['alphabet']} characters; "
        f"{s['train_chars']:,} training and {s['held_chars']:,} held-out characters of "
        f"standard-library docstrings. Held-out cross-entropy {s['bpc']:.4f} bits per "
        f"character from both implementations (difference {s['difference']:.1e}).",
        "",
        "| measurement | xent_core.text (numpy) wall | CPU "
        "| collections.Counter wall | CPU | Counter ÷ numpy (wall; CPU) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    rows = [
        (f"train order {s['order']} on {s['train_chars']:,} characters", "train"),
        (f"score {s['held_chars']:,} held-out characters", "score"),
    ]
    total = {"ours": [0.0, 0.0], "counter": [0.0, 0.0]}
    for name, key in rows:
        ours, counter = s[f"ours_{key}"], s[f"counter_{key}"]
        for who, t in (("ours", ours), ("counter", counter)):
            total[who][0] += t[0]
            total[who][1] += t[1]
        lines.append(row(name, ours, counter))
    lines.append(row("**both**", tuple(total["ours"]), tuple(total["counter"])))
    return "\n".join(lines)


def row(name: str, ours: Sequence[float], counter: Sequence[float]) -> str:
    def ms(t: float) -> str:
        return f"{t * 1000:,.0f} ms" if t >= 0.01 else f"{t * 1000:.1f} ms"

    ratio = f"{counter[0] / ours[0]:.1f}×; {counter[1] / max(ours[1], 1e-9):.1f}×"
    cells = [name, ms(ours[0]), ms(ours[1]), ms(counter[0]), ms(counter[1]), ratio]
    return "| " + " | ".join(cells) + " |"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments(parser)
    args = parser.parse_args(argv)
    if args.repeats < 1 or args.train_chars < 1 or args.held_chars < 1:
        parser.error("--repeats, --train-chars and --held-chars must be at least 1")
    print(report(measure(args)))


if __name__ == "__main__":
    main()
