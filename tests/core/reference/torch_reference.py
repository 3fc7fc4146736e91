"""Regenerate ``torch_bce.json``: PyTorch's own binary cross-entropy at the edge of [0, 1].

torch is not a dev dependency (its wheel is several GB), so the tests read the values this
script recorded instead of calling torch. A developer with torch installed refreshes them:

    python tests/core/reference/torch_reference.py

which overwrites ``torch_bce.json`` next to this file with the values of
``torch.nn.functional.binary_cross_entropy(q, ones, reduction="none")`` in float64 on the
CPU, and the torch version that produced them. Commit the file if ``git diff`` shows a
change, and say why in the commit message: a changed value means PyTorch changed its clamp.

The module imports torch only when run, so pytest's doctest collection can import it.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

#: Where the values go.
OUTPUT = Path(__file__).with_name("torch_bce.json")

#: The probabilities of the true class that the reference covers: 0, two below the clamp
#: (e^-100 ≈ 3.7e-44), and ordinary values. The tests check that the file has these.
Q = [0.0, 1e-50, 1e-45, 1e-20, 0.3, 1.0]


def record() -> dict:
    """Run torch on every q of :data:`Q` and return the file's content."""
    import torch  # here, not at the top: torch is not installed for the tests

    q = torch.tensor(Q, dtype=torch.float64)
    loss = torch.nn.functional.binary_cross_entropy(q, torch.ones_like(q), reduction="none")
    return {
        "call": 'torch.nn.functional.binary_cross_entropy(q, ones, reduction="none")',
        "dtype": "float64",
        "device": "cpu",
        "torch_version": torch.__version__,
        "recorded": datetime.date.today().isoformat(),
        "values": [[x, y] for x, y in zip(Q, loss.tolist(), strict=True)],
    }


def dump(content: dict) -> str:
    """The file's text: JSON, one ``[q, loss]`` pair a line so that a diff shows each value."""
    head = json.dumps({k: v for k, v in content.items() if k != "values"}, indent=2)
    pairs = ",\n".join(f"    {json.dumps(pair)}" for pair in content["values"])
    return f'{head[:-2]},\n  "values": [\n{pairs}\n  ]\n}}\n'


if __name__ == "__main__":
    OUTPUT.write_text(dump(record()), encoding="utf-8")
    print(f"wrote {OUTPUT}")
