"""The schema's migrations: ``NNN_name.sql`` files in this folder, applied in order.

Each file is plain SQL that runs unchanged on SQLite and PostgreSQL. Statements are
separated by ``;`` (outside quoted strings); ``--`` comments are dropped.
``xent_game.store`` applies the missing ones when a store is opened and records each in the
``schema_version`` table.
A migration, once released, is never edited: a change is a new file with the next number.

Examples
--------
>>> [(m.version, m.name) for m in load()][:1]
[(1, 'initial')]
>>> split_statements("CREATE TABLE t (a TEXT); -- a comment\\nINSERT INTO t VALUES ('x;y');")
['CREATE TABLE t (a TEXT)', "INSERT INTO t VALUES ('x;y')"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered schema change: its version, name and SQL statements."""

    version: int
    name: str
    statements: tuple[str, ...]


def split_statements(text: str) -> list[str]:
    """The statements of an SQL script: comments dropped, split at ``;`` outside quotes."""
    statements: list[str] = []
    current: list[str] = []
    quoted = False
    i = 0
    while i < len(text):
        char = text[i]
        if quoted:
            current.append(char)
            quoted = char != "'"
        elif char == "'":
            current.append(char)
            quoted = True
        elif text.startswith("--", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif char == ";":
            statements.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    statements.append("".join(current))
    return [s.strip() for s in statements if s.strip()]


def load() -> list[Migration]:
    """Every migration in this folder, by version (numbers must run 1, 2, 3, … unbroken)."""
    found: list[Migration] = []
    for entry in resources.files(__package__).iterdir():
        match = _FILE.match(entry.name)
        if match:
            text = entry.read_text(encoding="utf-8")
            statements = tuple(split_statements(text))
            found.append(Migration(int(match[1]), match[2], statements))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 001, 002, … without gaps: {versions}")
    return found
