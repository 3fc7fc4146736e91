"""Reading predictions files: a corpus of good and bad files, each bad one with its message.

The files are in tests/data/predictions/. Messages are pinned word for word (the page shows
them as they are), with the row, column and offered fixes the page relies on.
References: SciPy's ``special.softmax`` for logits files; Python's ``repr`` round trip for
the property test (a float written with ``repr`` reads back exactly).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import special

from tests.core.strategies import PROPERTY_SETTINGS
from xent_core import PredictionsError, csv_safe, parse_predictions, results_csv, sample_csv
from xent_core.io.predictions import MAX_CSV_CLASSES

DATA = Path(__file__).resolve().parents[1] / "data" / "predictions"


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def exact(message: str) -> str:
    return "^" + re.escape(message) + "$"


LABEL_HINT = "Labels are class names ('cat', 'dog') or class indices 0 to 1."
AMBIGUOUS = (
    "Every value lies between 0 and 1, so these could be probabilities that do not add up, "
    "or logits. If they are probabilities, renormalise the rows (each is divided by its "
    "sum); if they are logits, read them as logits."
)
NOT_A_NUMBER = (
    "Class columns hold numbers (probabilities or logits); fix the cell or delete the row."
)
EMPTY = (
    "There is nothing to read: the input is empty. It needs a header row (one column per "
    "class and a column named label) and one row per sample."
)

# file, keyword arguments, message, row, column, fixes
BAD_FILES = [
    ("empty.csv", {}, EMPTY, None, None, ()),
    ("whitespace_only.csv", {}, EMPTY, None, None, ()),
    (
        "header_only.csv",
        {},
        "The file has a header row but no data rows. Add one row per sample: a value per "
        "class and the true label.",
        None,
        None,
        (),
    ),
    (
        "no_label.csv",
        {},
        "No column is named label. The header row has 'cat', 'dog', 'bird'. Add a column "
        "named label holding each sample's true class (its name or index).",
        1,
        None,
        (),
    ),
    (
        "only_label.csv",
        {},
        "The header row has only the label column and no class columns. Add one column per "
        "class, named in the header, holding the predicted values.",
        1,
        None,
        (),
    ),
    (
        "no_delimiter.csv",
        {},
        "The header row 'cat dog label' has no comma, semicolon or tab, so it is a single "
        "column. Separate the columns (one per class, and label) with commas, semicolons or "
        "tabs.",
        1,
        None,
        (),
    ),
    (
        "two_labels.csv",
        {},
        "Columns 1 and 4 are both named label. Keep one label column; every other column is "
        "a class.",
        1,
        None,
        (),
    ),
    (
        "unnamed_column.csv",
        {},
        "Column 2 has no name in the header row. Every column except label is a class: name "
        "it, or delete the column.",
        1,
        None,
        (),
    ),
    (
        "duplicate_class.csv",
        {},
        "The class name 'cat' is used twice (columns 1 and 3). Give every class its own name.",
        1,
        "cat",
        (),
    ),
    (
        "one_class.csv",
        {},
        "There is only 1 class column ('cat'); at least 2 classes are needed. Add one column "
        "per class.",
        1,
        None,
        (),
    ),
    (
        "ragged.csv",
        {},
        "Row 3 has 2 cells but the header has 3 columns; 1 other row also has the wrong "
        "number of cells. Every row needs one value per class and a label: look for a "
        "missing or extra delimiter.",
        3,
        None,
        (),
    ),
    (
        "non_numeric.csv",
        {},
        f"Row 3, column 'dog': 'high' is not a number. {NOT_A_NUMBER}",
        3,
        "dog",
        (),
    ),
    (
        "empty_cell.csv",
        {},
        "Row 2, column 'dog' is empty. Every class column needs a number in every row.",
        2,
        "dog",
        (),
    ),
    (
        "decimal_comma.csv",
        {},
        "Row 2, column 'cat': '0,7' is not a number. It looks like a decimal comma: write "
        f"the number with a point (0.7). {NOT_A_NUMBER}",
        2,
        "cat",
        (),
    ),
    (
        "nan.csv",
        {},
        "Row 3, column 'cat' is 'nan'. Every value must be a finite number: replace NaN and "
        "infinity, or delete the row.",
        3,
        "cat",
        (),
    ),
    (
        "inf.csv",
        {},
        "Row 3, column 'dog' is '-inf'. Every value must be a finite number: replace NaN and "
        "infinity, or delete the row.",
        3,
        "dog",
        (),
    ),
    (
        "negative_probability.csv",
        {"kind": "probabilities"},
        "Row 3, column 'cat' is 1.1, but probabilities lie between 0 and 1. If these values "
        "are logits, read them as logits.",
        3,
        "cat",
        ("logits",),
    ),
    (
        "not_summing.csv",
        {},
        f"Row 3 sums to 0.9, not 1 (within 1e-6); 1 other row also does not sum to 1. {AMBIGUOUS}",
        3,
        None,
        ("renormalize", "logits"),
    ),
    (
        "not_summing.csv",
        {"kind": "probabilities"},
        "Row 3 sums to 0.9, not 1 (within 1e-6); 1 other row also does not sum to 1. "
        "Renormalise the rows (each is divided by its sum), or correct the values.",
        3,
        None,
        ("renormalize",),
    ),
    (
        "all_zero_row.csv",
        {"renormalize": True},
        "Row 3 is all zeros, so it cannot be renormalised: a prediction needs some "
        "probability somewhere. Correct the row or delete it.",
        3,
        None,
        (),
    ),
    (
        "label_out_of_range.csv",
        {},
        f"Row 3: the label is class index 2, which does not exist with 2 classes. {LABEL_HINT}",
        3,
        "label",
        (),
    ),
    (
        "unknown_label.csv",
        {},
        f"Row 3: the label is 'dgo', which is neither a class name nor a class index. {LABEL_HINT}",
        3,
        "label",
        (),
    ),
    (
        "fractional_label.csv",
        {},
        f"Row 2: the label is '0.5', which is not a whole number. {LABEL_HINT}",
        2,
        "label",
        (),
    ),
    (
        "empty_label.csv",
        {},
        f"Row 3: the label is empty. {LABEL_HINT}",
        3,
        "label",
        (),
    ),
    (
        "bad_quotes.csv",
        {},
        "Row 2 is not valid CSV (',' expected after '\"'). Check its double quotes: a quoted "
        'cell starts and ends with ", and a " inside it is written "".',
        2,
        None,
        (),
    ),
    (
        "binary_junk.csv",
        {},
        "The file is not UTF-8 text: the byte 0x89 (position 0, row 1) cannot be read. "
        "Upload a CSV file saved as UTF-8 text.",
        1,
        None,
        (),
    ),
    (
        "latin1.csv",
        {},
        "The file is not UTF-8 text: the byte 0xe9 (position 40, row 3) cannot be read. "
        "Upload a CSV file saved as UTF-8 text.",
        3,
        None,
        (),
    ),
    (
        "nul_byte.csv",
        {},
        "The file contains binary data (a NUL byte on row 3), so it is not a CSV text file. "
        "Upload a CSV file: a header row, then one row per sample.",
        3,
        None,
        (),
    ),
    (
        "utf16.csv",
        {},
        "The file is UTF-16 text; xent reads UTF-8. Save it as 'CSV UTF-8' and upload it again.",
        None,
        None,
        (),
    ),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "message", "row", "column", "fixes"),
    BAD_FILES,
    ids=[f"{b[0]}-{'-'.join(b[1]) or 'auto'}" for b in BAD_FILES],
)
def test_bad_file_gives_its_message(
    name: str, kwargs: dict, message: str, row: int | None, column: str | None, fixes: tuple
) -> None:
    with pytest.raises(PredictionsError, match=exact(message)) as info:
        parse_predictions(read(name), **kwargs)
    assert (info.value.row, info.value.column, info.value.fixes) == (row, column, fixes)
    assert isinstance(info.value, ValueError)


def test_every_bad_file_in_the_corpus_is_tested() -> None:
    on_disk = {p.name for p in DATA.iterdir() if not p.name.startswith("good_")}
    assert on_disk == {b[0] for b in BAD_FILES}


def test_the_same_file_read_as_text_gives_the_same_error() -> None:
    text = read("non_numeric.csv").decode()
    with pytest.raises(PredictionsError, match="Row 3, column 'dog': 'high' is not a number"):
        parse_predictions(text)


def test_too_many_classes() -> None:
    header = ",".join(f"c{i}" for i in range(MAX_CSV_CLASSES + 1)) + ",label"
    row = ",".join(["0"] * MAX_CSV_CLASSES + ["1"]) + ",0"
    message = "There are 1001 class columns; xent reads at most 1000 classes."
    with pytest.raises(PredictionsError, match=exact(message)):
        parse_predictions(f"{header}\n{row}\n")


def test_a_thousand_classes_are_accepted() -> None:
    header = ",".join(f"c{i}" for i in range(MAX_CSV_CLASSES)) + ",label"
    row = ",".join(["1"] + ["0"] * (MAX_CSV_CLASSES - 1)) + ",c999"
    p = parse_predictions(f"{header}\n{row}\n")
    assert p.probs.shape == (1, 1000)
    assert p.labels.tolist() == [999]


def test_long_class_name() -> None:
    name = "x" * 101
    message = (
        "Column 1's name is 101 characters long; class names may have at most 100. Shorten it."
    )
    with pytest.raises(PredictionsError, match=exact(message)):
        parse_predictions(f"{name},b,label\n0.5,0.5,b\n")


def test_size_limit() -> None:
    data = b"a,b,label\n" + b"0.5,0.5,a\n" * 2000  # 20,010 bytes
    message = (
        "The file is 0.0 MB; the limit is 0.0190735 MB. Upload fewer rows, or write the "
        "values with fewer digits."
    )
    with pytest.raises(PredictionsError, match=exact(message)):
        parse_predictions(data, max_bytes=20_000)
    assert parse_predictions(data, max_bytes=20_010).n_samples == 2000
    with pytest.raises(PredictionsError, match="the limit is 20 MB"):
        parse_predictions(b" " * (20 * 2**20 + 1))


def test_unknown_kind_and_wrong_type() -> None:
    message = "kind must be one of 'auto', 'probabilities', 'logits', got 'logit'"
    with pytest.raises(PredictionsError, match=exact(message)):
        parse_predictions("a,b,label\n0.5,0.5,a\n", kind="logit")
    with pytest.raises(TypeError, match="data must be bytes or str, got list"):
        parse_predictions(["a,b,label"])  # type: ignore[arg-type]


# --- good files -------------------------------------------------------------------------


def test_probabilities_with_names() -> None:
    p = parse_predictions(read("good_names.csv"))
    assert p.kind == "probabilities" and p.logits is None
    assert p.class_names == ["cat", "dog", "bird"]
    assert p.labels.tolist() == [0, 1, 2, 1]
    assert p.rows.tolist() == [2, 3, 4, 5]
    np.testing.assert_array_equal(
        p.probs, [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.25, 0.25, 0.5], [0.6, 0.3, 0.1]]
    )
    assert (p.n_samples, p.n_classes, p.renormalized) == (4, 3, 0)


def test_semicolons_crlf_bom_and_indices_read_like_commas_and_names() -> None:
    a = parse_predictions(read("good_names.csv"))
    b = parse_predictions(read("good_semicolon_crlf_bom.csv"))
    assert b.class_names == a.class_names
    np.testing.assert_array_equal(b.probs, a.probs)
    np.testing.assert_array_equal(b.labels, a.labels)
    np.testing.assert_array_equal(b.rows, a.rows)


def test_tab_separated_logits_with_the_label_first() -> None:
    p = parse_predictions(read("good_tab_logits.tsv"))
    z = np.array([[2.0, 0.5, -1.0], [-0.3, 1.7, 0.0], [0.0, 0.0, 3.0]])
    assert p.kind == "logits"
    assert p.class_names == ["cat", "dog", "bird"]
    assert p.labels.tolist() == [0, 1, 2]
    np.testing.assert_array_equal(p.logits, z)
    np.testing.assert_allclose(p.probs, special.softmax(z, axis=1), rtol=1e-15)
    np.testing.assert_array_equal(p.scaling_logits(), z)


def test_quoted_cells() -> None:
    p = parse_predictions(read("good_quoted.csv"))
    assert p.class_names == ["cat, big", "dog"]
    assert p.labels.tolist() == [0, 1]
    np.testing.assert_array_equal(p.probs, [[0.9, 0.1], [0.4, 0.6]])


def test_blank_rows_spaces_and_whole_float_labels() -> None:
    p = parse_predictions(read("good_blank_lines.csv"))
    assert p.class_names == ["cat", "dog"]
    assert p.labels.tolist() == [0, 1]  # "cat" and " 1.0 "
    assert p.rows.tolist() == [4, 6]  # spreadsheet rows, blank rows counted
    np.testing.assert_array_equal(p.probs, [[0.9, 0.1], [0.2, 0.8]])


def test_quoted_and_plain_files_read_alike() -> None:
    """The quote-free fast path and the csv module agree."""
    plain = "a,b,c,label\n0.2,0.3,0.5,a\n1.5,-2,0.25,2\n"
    quoted = '"a",b,c,label\n0.2,0.3,0.5,"a"\n1.5,-2,0.25,2\n'
    for kind in ("auto", "logits"):
        x = parse_predictions(plain, kind=kind)
        y = parse_predictions(quoted, kind=kind)
        assert x.kind == y.kind == "logits"
        np.testing.assert_array_equal(x.logits, y.logits)
        np.testing.assert_array_equal(x.labels, y.labels)


@pytest.mark.parametrize(
    "untidy",
    [
        "a,b,label\n0.25,0.75,a\n\n1.5,-2,b\n",  # a blank row between data rows
        "a,b,label\n0.25,0.75,a\n,,\n1.5,-2,b\n",  # a row of empty cells
        "a,b,label\n0.25,0.75,a\n1.5,-2,b\n \n\t\n",  # whitespace rows at the end
        "a,b,label\n0.25,0.75,a\n1.5,-2.0e0,b\n",  # numbers written differently
    ],
)
def test_tidy_and_untidy_files_read_alike(untidy: str) -> None:
    """numpy's fast reader (tidy files) and the cell-by-cell reader give the same result."""
    tidy = parse_predictions("a,b,label\n0.25,0.75,a\n1.5,-2,b\n")
    other = parse_predictions(untidy)
    np.testing.assert_array_equal(other.logits, tidy.logits)
    np.testing.assert_array_equal(other.labels, tidy.labels)
    assert other.rows[0] == 2


@pytest.mark.parametrize("label_at", [0, 1, 3])
def test_the_label_column_can_be_anywhere(label_at: int) -> None:
    header = ["a", "b", "c"]
    rows = [["0.2", "0.3", "0.5"], ["0.6", "0.3", "0.1"]]
    labels = ["c", "0"]
    header.insert(label_at, "label")
    for row, label in zip(rows, labels, strict=True):
        row.insert(label_at, label)
    text = "\n".join(",".join(r) for r in [header, *rows]) + "\n"
    p = parse_predictions(text)
    assert p.class_names == ["a", "b", "c"]
    assert p.labels.tolist() == [2, 0]
    np.testing.assert_array_equal(p.probs, [[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]])


def test_kind_rules() -> None:
    probabilities = "a,b,label\n0.25,0.75,a\n1,0,b\n"
    assert parse_predictions(probabilities).kind == "probabilities"
    # Declared logits: the same numbers go through softmax.
    p = parse_predictions(probabilities, kind="logits")
    np.testing.assert_allclose(p.probs, special.softmax([[0.25, 0.75], [1, 0]], axis=1))
    # Any value outside [0, 1] makes auto read logits.
    assert parse_predictions("a,b,label\n0.5,1.5,a\n").kind == "logits"
    assert parse_predictions("a,b,label\n0.5,-0.5,a\n").kind == "logits"


def test_renormalize() -> None:
    p = parse_predictions(read("not_summing.csv"), renormalize=True)
    assert p.kind == "probabilities"
    assert p.renormalized == 2
    np.testing.assert_allclose(
        p.probs, [[0.7, 0.2, 0.1], [5 / 9, 3 / 9, 1 / 9], [1 / 3, 1 / 3, 1 / 3]], rtol=1e-15
    )
    np.testing.assert_array_equal(p.probs[0], [0.7, 0.2, 0.1])  # within 1e-6: untouched
    q = parse_predictions(read("not_summing.csv"), kind="probabilities", renormalize=True)
    np.testing.assert_array_equal(q.probs, p.probs)


def test_rows_within_the_tolerance_are_kept_as_given() -> None:
    text = "a,b,label\n0.3333333,0.6666666,a\n0.5,0.5,b\n"  # the first sums to 0.9999999
    for renormalize in (False, True):
        p = parse_predictions(text, renormalize=renormalize)
        assert p.renormalized == 0
        np.testing.assert_array_equal(p.probs, [[0.3333333, 0.6666666], [0.5, 0.5]])
    with pytest.raises(PredictionsError, match=re.escape("Row 2 sums to 0.999999, not 1")):
        parse_predictions("a,b,label\n0.333333,0.666666,a\n")


def test_a_label_equal_to_a_class_name_is_that_class() -> None:
    # Column "1" comes first: label "1" is that column (index 0), not index 1.
    p = parse_predictions("1,0,label\n0.9,0.1,1\n0.2,0.8,0\n")
    assert p.labels.tolist() == [0, 1]


def test_class_names_are_kept_verbatim() -> None:
    p = parse_predictions('"<b>bold</b>","[x](http://e.com)",label\n0.5,0.5,<b>bold</b>\n')
    assert p.class_names == ["<b>bold</b>", "[x](http://e.com)"]
    assert p.labels.tolist() == [0]


def test_scaling_logits_of_probabilities_are_log_probabilities() -> None:
    p = parse_predictions("a,b,c,label\n0.5,0.5,0,a\n")
    np.testing.assert_array_equal(p.scaling_logits(), [[np.log(0.5), np.log(0.5), -np.inf]])


def test_sample_csv() -> None:
    p = parse_predictions(sample_csv())
    assert (p.n_samples, p.n_classes, p.kind) == (12, 3, "probabilities")
    assert p.class_names == ["cat", "dog", "rabbit"]
    # The sample's worst prediction: row 10 says "cat" with 0.97 for a rabbit.
    assert p.probs[p.rows.tolist().index(10)].tolist() == [0.97, 0.02, 0.01]


def test_results_csv_round_trip_and_formula_guard() -> None:
    p = parse_predictions("=SUM(A1),+b,label\n0.25,0.75,=SUM(A1)\n0.5,0.5,1\n")
    text = results_csv(p, {"loss": np.array([1.5, np.inf])})
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["row", "label", "predicted", "loss"],
        ["2", "'=SUM(A1)", "'+b", "1.5"],
        ["3", "'+b", "'=SUM(A1)", "inf"],  # a tie: the first class is predicted
    ]


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+b", "'+b"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),  # OWASP: a leading tab or carriage return can hide a formula
        ("\r=1", "'\r=1"),
        ("cat", "cat"),
        ("a=b", "a=b"),  # only the first character counts
        (" =1", " =1"),
        ("'=1", "'=1"),  # already text
        ("", ""),
    ],
)
def test_csv_safe_guards_every_formula_start(text: str, safe: str) -> None:
    assert csv_safe(text) == safe


# --- property: whatever we write, we read back ------------------------------------------

delimiters = st.sampled_from([",", ";", "\t"])
endings = st.sampled_from(["\n", "\r\n"])


@st.composite
def prediction_tables(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    n = draw(st.integers(1, 8))
    k = draw(st.integers(2, 5))
    values = draw(
        hnp.arrays(np.float64, (n, k), elements=st.floats(-50, 50, allow_subnormal=False))
    )
    labels = draw(hnp.arrays(np.int64, (n,), elements=st.integers(0, k - 1)))
    return values, labels


@settings(**PROPERTY_SETTINGS)
@given(prediction_tables(), delimiters, endings, st.booleans(), st.booleans())
def test_written_logits_read_back_exactly(
    table: tuple[np.ndarray, np.ndarray], delimiter: str, ending: str, bom: bool, quote: bool
) -> None:
    values, labels = table
    k = values.shape[1]
    names = [f"class {i}" for i in range(k)]
    q = '"' if quote else ""
    lines = [delimiter.join([*(q + n + q for n in names), "label"])]
    lines += [
        delimiter.join([*(repr(float(v)) for v in row), str(y)])
        for row, y in zip(values, labels, strict=True)
    ]
    data = ("\ufeff" if bom else "") + ending.join(lines) + ending
    p = parse_predictions(data.encode(), kind="logits")
    assert p.class_names == names
    np.testing.assert_array_equal(p.logits, values)
    np.testing.assert_array_equal(p.labels, labels)
    assert p.rows.tolist() == list(range(2, len(labels) + 2))
    np.testing.assert_allclose(p.probs.sum(axis=1), 1.0, rtol=1e-12)
