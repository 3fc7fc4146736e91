r"""Read a model's predictions from CSV text: one row per sample, one column per class.

The format, in full:

* a header row; the column named ``label`` (any case) holds each sample's true class and
  every other column is a class, its header the class name (:data:`MIN_CSV_CLASSES` = 2
  to :data:`MAX_CSV_CLASSES` = 1000 classes, names unique, at most 100 characters);
* a label is a class name, or a class index ``0 … K-1`` (``2`` or ``2.0``); a label that
  equals a class name is that class, even if it is a number;
* the values are probabilities or logits (``kind``): with ``"auto"`` they are
  probabilities when every value lies in [0, 1] and every row sums to 1 within 1e-6, and
  logits when any value lies outside [0, 1]; anything else is ambiguous, and the error
  offers both ways out (``renormalize=True``, or ``kind="logits"``);
* commas, semicolons or tabs (whichever the header row uses most), UTF-8 with or without
  a byte-order mark, LF or CRLF line ends; blank rows are skipped; double quotes as in
  RFC 4180.

Every problem raises :class:`PredictionsError` with a message that says what is wrong,
where (rows numbered as in a spreadsheet: the header is row 1) and what to do.

>>> p = parse_predictions("cat,dog,label\n0.9,0.1,cat\n0.2,0.8,0\n")
>>> p.class_names, p.labels.tolist(), p.kind
(['cat', 'dog'], [0, 0], 'probabilities')
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from operator import itemgetter, methodcaller

import numpy as np
from numpy.typing import NDArray

from xent_core._validation import SUM_TOLERANCE
from xent_core.io.cells import csv_safe
from xent_core.softmax import softmax

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "MAX_CSV_CLASSES",
    "MIN_CSV_CLASSES",
    "Predictions",
    "PredictionsError",
    "parse_predictions",
    "results_csv",
    "sample_csv",
]

KINDS = ("auto", "probabilities", "logits")
#: The fewest and the most class columns a predictions file may have.
MIN_CSV_CLASSES = 2
MAX_CSV_CLASSES = 1000
MAX_NAME_LENGTH = 100
#: Default size limit: 20 MiB holds 100,000 rows of 10 classes written with 6 digits.
MAX_BYTES = 20 * 1024 * 1024
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}


class PredictionsError(ValueError):
    """A predictions file that cannot be used, with where the problem is.

    Attributes
    ----------
    row : int or None
        The row (the header is row 1), when the problem is in one row.
    column : str or None
        The column's name, when the problem is in one column.
    fixes : tuple of str
        The options that would get past this error: ``"renormalize"`` (divide each row
        by its sum) and/or ``"logits"`` (read the values as logits).
    """

    def __init__(
        self,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        fixes: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.row = row
        self.column = column
        self.fixes = fixes


@dataclass(frozen=True, eq=False)
class Predictions:
    """A batch of predictions with their true labels.

    Attributes
    ----------
    probs : ndarray, shape (N, K), float64
        Predicted probabilities; rows sum to 1. For logits, ``softmax(logits)``.
    labels : ndarray, shape (N,), intp
        True class indices in ``[0, K)``.
    class_names : list of str
        The K class names, in column order.
    kind : {"probabilities", "logits"}
        What the values were read as.
    logits : ndarray, shape (N, K), or None
        The values as given, when they are logits.
    rows : ndarray, shape (N,), intp
        Each sample's row in the file (the header is row 1).
    renormalized : int
        How many rows ``renormalize=True`` divided by their sums because the sum was
        further than 1e-6 from 1. Rows within the tolerance are kept exactly as given.
    """

    probs: NDArray[np.float64]
    labels: NDArray[np.intp]
    class_names: list[str]
    kind: str
    logits: NDArray[np.float64] | None = None
    rows: NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    renormalized: int = 0

    @property
    def n_samples(self) -> int:
        return int(self.probs.shape[0])

    @property
    def n_classes(self) -> int:
        return int(self.probs.shape[1])

    def scaling_logits(self) -> NDArray[np.float64]:
        """Logits for temperature scaling: the given logits, or the log-probabilities.

        ``softmax(log p) = p``, so log-probabilities are logits of the same prediction; a
        probability of exactly 0 becomes ``-inf`` (it stays 0 at every temperature).
        """
        if self.logits is not None:
            return self.logits
        with np.errstate(divide="ignore"):
            return np.log(self.probs)


# --- helpers for messages ----------------------------------------------------------------


def _shown(text: str, limit: int = 30) -> str:
    """A cell as the message quotes it: short, with control characters made visible."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text[:limit])
    return "'" + clean + ("…'" if len(text) > limit else "'")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _others(n: int, singular: str, plural: str) -> str:
    """ "; 2 other rows also …" when the same problem repeats in other rows."""
    if n == 0:
        return ""
    return f"; 1 other row also {singular}" if n == 1 else f"; {n} other rows also {plural}"


def _names_list(names: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(_shown(n, 20) for n in names[:limit])
    return shown + (f", … ({len(names)} in all)" if len(names) > limit else "")


def _number(value: float) -> str:
    return f"{value:.10g}"


TOLERANCE_TEXT = f"{SUM_TOLERANCE:g}".replace("e-0", "e-")  # "1e-6"


# --- reading the text --------------------------------------------------------------------


def _decode(data: bytes | str, max_bytes: int | None) -> str:
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        size = len(raw)
    elif isinstance(data, str):
        raw = None
        size = len(data.encode("utf-8", errors="surrogatepass"))
    else:
        raise TypeError(f"data must be bytes or str, got {type(data).__name__}")
    if max_bytes is not None and size > max_bytes:
        raise PredictionsError(
            f"The file is {size / 2**20:.1f} MB; the limit is {max_bytes / 2**20:g} MB. "
            "Upload fewer rows, or write the values with fewer digits."
        )
    if raw is None:
        text = str(data)
    else:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise PredictionsError(
                "The file is UTF-16 text; xent reads UTF-8. Save it as 'CSV UTF-8' "
                "and upload it again."
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            row = raw.count(b"\n", 0, err.start) + 1
            raise PredictionsError(
                f"The file is not UTF-8 text: the byte 0x{raw[err.start]:02x} (position "
                f"{err.start}, row {row}) cannot be read. Upload a CSV file saved as UTF-8 "
                "text.",
                row=row,
            ) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise PredictionsError(
            f"The file contains binary data (a NUL byte on row {line}), so it is not a CSV "
            "text file. Upload a CSV file: a header row, then one row per sample.",
            row=line,
        )
    if not text.strip():
        raise PredictionsError(
            "There is nothing to read: the input is empty. It needs a header row (one column "
            "per class and a column named label) and one row per sample."
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _delimiter(header_line: str) -> str:
    """The delimiter the header row uses most (quoted text ignored); comma on a tie."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])  # first wins a tie: comma, then semicolon
    if counts[best] == 0:
        lone = header_line.strip().strip('"').strip()
        if lone.lower() == "label":
            raise PredictionsError(
                "The header row has only the label column and no class columns. Add one "
                "column per class, named in the header, holding the predicted values.",
                row=1,
            )
        raise PredictionsError(
            f"The header row {_shown(header_line, 40)} has no comma, semicolon or tab, so it "
            "is a single column. Separate the columns (one per class, and label) with "
            "commas, semicolons or tabs.",
            row=1,
        )
    return best


def _lines(text: str) -> tuple[list[str], int, str]:
    """The text's lines, the index of the header line (the first non-blank one), the delimiter."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    return lines, first, _delimiter(lines[first])


def _csv_rows(text: str, delimiter: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, data rows and their row numbers, with RFC 4180 quoting (the csv module)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    parsed: list[tuple[int, list[str]]] = []
    start = 1  # the row where the record being read starts (a quoted cell may span rows)
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                parsed.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as err:
        raise PredictionsError(
            f"Row {start} is not valid CSV ({err}). Check its double quotes: a quoted cell "
            'starts and ends with ", and a " inside it is written "".',
            row=start,
        ) from None
    return parsed[0][1], [c for _, c in parsed[1:]], [n for n, _ in parsed[1:]]


def _plain_rows(lines: list[str], first: int, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """Data rows split at the delimiter (no quoting), skipping blank rows."""
    rows = []
    numbers = []
    for i in range(first + 1, len(lines)):
        line = lines[i]
        if line.strip() and line.replace(delimiter, "").strip():
            rows.append(line.split(delimiter))
            numbers.append(i + 1)
    return rows, numbers


def _fast_table(
    lines: list[str], first: int, delimiter: str, width: int, label: int, classes: list[int]
) -> tuple[NDArray[np.float64], list[str], list[int]] | None:
    """Values, label cells and row numbers of a tidy file, or None to read it cell by cell.

    Tidy: no quotes, no blank rows between data rows, every row as wide as the header, and
    every value one that numpy's parser reads (``numpy.loadtxt``, in C). Whatever numpy reads it
    reads as ``float()`` does; anything else (a bad cell, a ragged row, "1_000") goes to the
    cell-by-cell reader, which gives the same values or a precise message.
    """
    end = len(lines)
    while end > first + 1 and not lines[end - 1].strip():
        end -= 1
    data = lines[first + 1 : end]
    # Every row exactly as wide as the header (map/set keep the loop in C).
    if not data or set(map(methodcaller("count", delimiter), data)) != {width - 1}:
        return None
    try:
        values = np.loadtxt(
            data, delimiter=delimiter, usecols=classes, comments=None, dtype=np.float64, ndmin=2
        )
    except ValueError:
        return None
    if values.shape[0] != len(data):  # numpy skipped blank rows: let the other reader count
        return None
    if label == width - 1:
        texts = list(map(itemgetter(2), map(methodcaller("rpartition", delimiter), data)))
    elif label == 0:
        texts = list(map(itemgetter(0), map(methodcaller("partition", delimiter), data)))
    else:
        split = methodcaller("split", delimiter, label + 1)
        texts = list(map(itemgetter(label), map(split, data)))
    return values, texts, list(range(first + 2, end + 1))


def _columns(header: list[str]) -> tuple[int, list[int], list[str]]:
    """The label column's index, the class columns' indices and their names."""
    names = [h.strip() for h in header]
    label_columns = [i for i, n in enumerate(names) if n.lower() == "label"]
    if not label_columns:
        raise PredictionsError(
            f"No column is named label. The header row has {_names_list(names)}. Add a "
            "column named label holding each sample's true class (its name or index).",
            row=1,
        )
    if len(label_columns) > 1:
        where = ", ".join(str(i + 1) for i in label_columns[:-1])
        every = "both" if len(label_columns) == 2 else "all"
        raise PredictionsError(
            f"Columns {where} and {label_columns[-1] + 1} are {every} named label. Keep one "
            "label column; every other column is a class.",
            row=1,
        )
    label = label_columns[0]
    class_columns = [i for i in range(len(names)) if i != label]
    class_names = [names[i] for i in class_columns]
    for i in class_columns:
        if not names[i]:
            raise PredictionsError(
                f"Column {i + 1} has no name in the header row. Every column except label "
                "is a class: name it, or delete the column.",
                row=1,
            )
        if len(names[i]) > MAX_NAME_LENGTH:
            raise PredictionsError(
                f"Column {i + 1}'s name is {len(names[i])} characters long; class names may "
                f"have at most {MAX_NAME_LENGTH}. Shorten it.",
                row=1,
                column=names[i][:MAX_NAME_LENGTH],
            )
    seen: dict[str, int] = {}
    for i in class_columns:
        if names[i] in seen:
            raise PredictionsError(
                f"The class name {_shown(names[i])} is used twice (columns {seen[names[i]] + 1} "
                f"and {i + 1}). Give every class its own name.",
                row=1,
                column=names[i],
            )
        seen[names[i]] = i
    k = len(class_columns)
    if k < MIN_CSV_CLASSES:
        raise PredictionsError(
            f"There is only {_count(k, 'class column')} ({_names_list(class_names)}); "
            f"at least {MIN_CSV_CLASSES} classes are needed. Add one column per class.",
            row=1,
        )
    if k > MAX_CSV_CLASSES:
        raise PredictionsError(
            f"There are {k} class columns; xent reads at most {MAX_CSV_CLASSES} classes.",
            row=1,
        )
    return label, class_columns, class_names


def _check_ragged(rows: list[list[str]], numbers: list[int], width: int) -> None:
    bad = [i for i, cells in enumerate(rows) if len(cells) != width]
    if bad:
        i = bad[0]
        others = _others(
            len(bad) - 1, "has the wrong number of cells", "have the wrong number of cells"
        )
        raise PredictionsError(
            f"Row {numbers[i]} has {_count(len(rows[i]), 'cell')} but the header has "
            f"{width} columns{others}. Every row needs one value per class and a label: "
            "look for a missing or extra delimiter.",
            row=numbers[i],
        )


def _not_a_number(cell: str, row: int, column: str, delimiter: str) -> PredictionsError:
    where = f"Row {row}, column {_shown(column, 20)}"
    if not cell.strip():
        return PredictionsError(
            f"{where} is empty. Every class column needs a number in every row.",
            row=row,
            column=column,
        )
    hint = ""
    if delimiter != "," and re.fullmatch(r"\s*[-+]?\d+,\d+\s*", cell):
        fixed = cell.strip().replace(",", ".")
        hint = f" It looks like a decimal comma: write the number with a point ({fixed})."
    return PredictionsError(
        f"{where}: {_shown(cell)} is not a number.{hint} Class columns hold numbers "
        "(probabilities or logits); fix the cell or delete the row.",
        row=row,
        column=column,
    )


def _values(
    rows: list[list[str]],
    numbers: list[int],
    class_columns: list[int],
    class_names: list[str],
    delimiter: str,
) -> NDArray[np.float64]:
    """The class columns as numbers, cell by cell, naming the first cell that is not one."""
    columns = [[cells[j] for cells in rows] for j in class_columns]
    try:
        return np.array([list(map(float, column)) for column in columns]).T.reshape(
            len(rows), len(class_columns)
        )
    except ValueError:
        # Find the first bad cell in reading order, for the message.
        for i, cells in enumerate(rows):
            for j, name in zip(class_columns, class_names, strict=True):
                try:
                    float(cells[j])
                except ValueError:
                    raise _not_a_number(cells[j], numbers[i], name, delimiter) from None
        raise  # pragma: no cover - the loop above finds what map() rejected


def _check_finite(
    values: NDArray[np.float64], numbers: list[int], class_names: list[str], cell: Callable
) -> None:
    finite = np.isfinite(values)
    if not finite.all():
        i, c = (int(v) for v in np.argwhere(~finite)[0])
        raise PredictionsError(
            f"Row {numbers[i]}, column {_shown(class_names[c], 20)} is "
            f"{_shown(cell(i, c).strip())}. Every value must be a finite number: replace NaN "
            "and infinity, or delete the row.",
            row=numbers[i],
            column=class_names[c],
        )


def _label_index(text: str, names: dict[str, int], k: int) -> int | str:
    """A label's class index, or the reason it has none."""
    if text in names:
        return names[text]
    if not text:
        return "is empty"
    if re.fullmatch(r"[+-]?\d+(\.0*)?", text):
        index = int(float(text))
        if 0 <= index < k:
            return index
        return f"is class index {index}, which does not exist with {k} classes"
    try:
        number = float(text)
    except ValueError:
        number = None
    if number is not None and math.isfinite(number):
        return f"is {_shown(text)}, which is not a whole number"
    return f"is {_shown(text)}, which is neither a class name nor a class index"


def _labels(cells: list[str], numbers: list[int], class_names: list[str]) -> NDArray[np.intp]:
    k = len(class_names)
    names = {name: i for i, name in enumerate(class_names)}
    texts = list(map(str.strip, cells))
    mapping: dict[str, int] = {}
    for text in dict.fromkeys(texts):  # each distinct label once, in order of appearance
        index = _label_index(text, names, k)
        if isinstance(index, str):
            i = texts.index(text)
            raise PredictionsError(
                f"Row {numbers[i]}: the label {index}. Labels are class names "
                f"({_names_list(class_names)}) or class indices 0 to {k - 1}.",
                row=numbers[i],
                column="label",
            )
        mapping[text] = index
    return np.fromiter(map(mapping.__getitem__, texts), dtype=np.intp, count=len(texts))


def _as_probabilities(
    values: NDArray[np.float64],
    numbers: list[int],
    class_names: list[str],
    renormalize: bool,
    *,
    declared: bool,
) -> tuple[NDArray[np.float64], int]:
    """Check (declared) probabilities; with ``renormalize``, divide off rows by their sums."""
    outside = (values < 0) | (values > 1)
    if outside.any():
        i, c = np.argwhere(outside)[0]
        v = values[i, c]
        what = "cannot be negative" if v < 0 else "lie between 0 and 1"
        raise PredictionsError(
            f"Row {numbers[i]}, column {_shown(class_names[c], 20)} is {_number(v)}, but "
            f"probabilities {what}. If these values are logits, read them as logits.",
            row=numbers[i],
            column=class_names[c],
            fixes=("logits",),
        )
    sums = values.sum(axis=1)
    off = np.abs(sums - 1.0) > SUM_TOLERANCE
    n_off = int(off.sum())
    if n_off and not renormalize:
        i = int(np.argmax(off))
        if declared:
            advice = "Renormalise the rows (each is divided by its sum), or correct the values."
            fixes: tuple[str, ...] = ("renormalize",)
        else:
            advice = (
                "Every value lies between 0 and 1, so these could be probabilities that do "
                "not add up, or logits. If they are probabilities, renormalise the rows "
                "(each is divided by its sum); if they are logits, read them as logits."
            )
            fixes = ("renormalize", "logits")
        raise PredictionsError(
            f"Row {numbers[i]} sums to {_number(sums[i])}, not 1 (within {TOLERANCE_TEXT})"
            f"{_others(n_off - 1, 'does not sum to 1', 'do not sum to 1')}. {advice}",
            row=numbers[i],
            fixes=fixes,
        )
    zero = sums == 0
    if zero.any():
        i = int(np.argmax(zero))
        raise PredictionsError(
            f"Row {numbers[i]} is all zeros, so it cannot be renormalised: a prediction "
            "needs some probability somewhere. Correct the row or delete it.",
            row=numbers[i],
        )
    probs = values.copy()
    probs[off] /= sums[off, None]  # rows within the tolerance are kept as given
    return probs, n_off


def parse_predictions(
    data: bytes | str,
    *,
    kind: str = "auto",
    renormalize: bool = False,
    max_bytes: int | None = MAX_BYTES,
) -> Predictions:
    """Read predictions and labels from CSV text (format: see the module docstring).

    Parameters
    ----------
    data : bytes or str
        The file's content. Bytes must be UTF-8 (a byte-order mark is skipped).
    kind : {"auto", "probabilities", "logits"}
        What the class columns hold. ``"auto"`` decides as described above.
    renormalize : bool
        For probabilities: divide each row by its sum instead of rejecting a row whose
        sum is not 1 within 1e-6. Ignored for logits.
    max_bytes : int or None
        Refuse larger input (None: no limit).

    Returns
    -------
    Predictions

    Raises
    ------
    PredictionsError
        Whatever is wrong with the file: what, where (row, column) and what to do.

    Examples
    --------
    >>> p = parse_predictions("A;B;label\\r\\n2.0;0.0;1\\r\\n", kind="auto")
    >>> p.kind, p.probs.round(4).tolist(), p.rows.tolist()
    ('logits', [[0.8808, 0.1192]], [2])
    >>> parse_predictions("A,B,label\\n0.5,0.4,A\\n")
    Traceback (most recent call last):
    ...
    xent_core.io.predictions.PredictionsError: Row 2 sums to 0.9, not 1 (within 1e-6). ...
    """
    if kind not in KINDS:
        raise PredictionsError(
            f"kind must be one of 'auto', 'probabilities', 'logits', got {kind!r}"
        )
    text = _decode(data, max_bytes)
    lines, first, delimiter = _lines(text)
    quoted = '"' in text
    if quoted:
        header, rows, numbers = _csv_rows(text, delimiter)
    else:
        header = lines[first].split(delimiter)
    label_column, class_columns, class_names = _columns(header)
    width = len(header)
    fast = None
    if not quoted:
        fast = _fast_table(lines, first, delimiter, width, label_column, class_columns)
    if fast is not None:
        values, label_cells, numbers = fast

        def cell(i: int, c: int) -> str:
            return lines[numbers[i] - 1].split(delimiter)[class_columns[c]]

    else:
        if not quoted:
            rows, numbers = _plain_rows(lines, first, delimiter)
        if not rows:
            raise PredictionsError(
                "The file has a header row but no data rows. Add one row per sample: a value "
                "per class and the true label."
            )
        _check_ragged(rows, numbers, width)
        values = _values(rows, numbers, class_columns, class_names, delimiter)
        label_cells = [cells[label_column] for cells in rows]

        def cell(i: int, c: int) -> str:
            return rows[i][class_columns[c]]

    _check_finite(values, numbers, class_names, cell)
    labels = _labels(label_cells, numbers, class_names)
    row_numbers = np.asarray(numbers, dtype=np.intp)

    in_unit = bool(((values >= 0) & (values <= 1)).all())
    if kind == "logits" or (kind == "auto" and not in_unit):
        return Predictions(
            probs=softmax(values),
            labels=labels,
            class_names=class_names,
            kind="logits",
            logits=values,
            rows=row_numbers,
        )
    probs, renormalized = _as_probabilities(
        values, numbers, class_names, renormalize, declared=kind == "probabilities"
    )
    return Predictions(
        probs=probs,
        labels=labels,
        class_names=class_names,
        kind="probabilities",
        rows=row_numbers,
        renormalized=renormalized,
    )


def sample_csv() -> str:
    """A small example file: three classes, probabilities, labels by name.

    Examples
    --------
    >>> parse_predictions(sample_csv()).class_names
    ['cat', 'dog', 'rabbit']
    """
    return (
        resources.files("xent_core")
        .joinpath("data", "sample_predictions.csv")
        .read_text(encoding="utf-8")
    )


def results_csv(
    predictions: Predictions,
    columns: dict[str, NDArray],
) -> str:
    """Per-sample results as CSV text: row, label, predicted class, then ``columns``.

    Class names that a spreadsheet would run as a formula (starting with ``=``, ``+``,
    ``-``, ``@``, tab or carriage return) get a leading apostrophe (:func:`csv_safe`).

    Parameters
    ----------
    predictions : Predictions
    columns : dict of str to ndarray, each shape (N,)
        Extra columns (per-sample losses, say), written with full precision.

    Examples
    --------
    >>> p = parse_predictions("=A,B,label\\n0.25,0.75,=A\\n")
    >>> print(results_csv(p, {"p_label": p.probs[:, 0]}), end="")
    row,label,predicted,p_label
    2,'=A,B,0.25
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["row", "label", "predicted", *columns])
    names = [csv_safe(n) for n in predictions.class_names]
    predicted = predictions.probs.argmax(axis=1)
    values = [np.asarray(v).tolist() for v in columns.values()]
    for i in range(predictions.n_samples):
        writer.writerow(
            [
                int(predictions.rows[i]),
                names[predictions.labels[i]],
                names[predicted[i]],
                *(column[i] for column in values),
            ]
        )
    return out.getvalue()
