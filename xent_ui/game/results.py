"""A room's numbers, computed by ``xent_core.game`` from its snapshot (no Streamlit here).

- :func:`standings`: every player's score over every outcome they forecast so far (a round
  without their forecast is not scored for them), the leaderboard and their latest forecast.
- :func:`round_score`: one player's score in one drawn round.
- :func:`lesson`: the verdict in one line, worded from ``xent_core.game.verdicts``.
- :func:`rule_text`: the scoring rule in force, with its number in the chosen unit.
- :func:`results_csv`: the lecturer's export, every cell through ``csv_safe``.
"""

from __future__ import annotations

import csv
import io
import math
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import xent_core as xc
from xent_game.rooms import ResultRow, RoomView
from xent_ui import layout


@dataclass(frozen=True)
class Standings:
    """The leaderboard and what it is made of, by nickname."""

    rows: list[xc.Row]
    totals: dict[str, xc.Score]
    latest: dict[str, tuple[float, ...]]

    def row_of(self, nickname: str) -> xc.Row | None:
        return next((row for row in self.rows if row.name == nickname), None)


_STANDINGS: OrderedDict[tuple[str, float, int], Standings] = OrderedDict()
_STANDINGS_LOCK = threading.Lock()
_STANDINGS_KEPT = 64  # rooms' latest versions kept (a server holds a few rooms at once)


def standings(view: RoomView) -> Standings:
    """Scores summed over the drawn rounds each player forecast (the floor applied).

    Shared by every session of the process for one version of a room: after a draw, a
    hundred phones rerun at once and each would otherwise score the whole room again. The
    key (code, expiry, version) changes with every change to the room, so a cached table is
    never stale. Callers must not mutate the result.
    """
    key = (view.code, view.expires_at, view.version)
    with _STANDINGS_LOCK:
        if key in _STANDINGS:
            _STANDINGS.move_to_end(key)
            return _STANDINGS[key]
    table = _standings(view)
    with _STANDINGS_LOCK:
        _STANDINGS[key] = table
        while len(_STANDINGS) > _STANDINGS_KEPT:
            _STANDINGS.popitem(last=False)
    return table


def _standings(view: RoomView) -> Standings:
    per_player: dict[int, list[xc.Score]] = {}
    latest: dict[str, tuple[float, ...]] = {}
    for number in sorted(view.outcomes):
        outcomes = view.outcomes[number]
        for player_id, q in view.forecasts.get(number, {}).items():
            per_player.setdefault(player_id, []).append(xc.score(q, outcomes, floor=view.floor))
            latest[view.players[player_id]] = q
    totals = {view.players[pid]: xc.combine(scores) for pid, scores in per_player.items()}
    return Standings(rows=xc.leaderboard(totals), totals=totals, latest=latest)


def top_and_own(table: Standings, nickname: str, first: int) -> list[xc.Row]:
    """The leaderboard's first ``first`` rows, and ``nickname``'s row after them if it is
    further down (a phone shows this much; the projector every row)."""
    rows = table.rows[:first]
    own = table.row_of(nickname)
    return [*rows, own] if own is not None and own not in rows else rows


def round_score(view: RoomView, number: int, player_id: int) -> xc.Score | None:
    """The player's score in drawn round ``number``, None if they did not forecast it."""
    q = view.forecasts.get(number, {}).get(player_id)
    if q is None:
        return None
    return xc.score(q, view.outcomes[number], floor=view.floor)


def latest_round(view: RoomView) -> int | None:
    """The last drawn round's number (None before the first draw)."""
    return max(view.outcomes) if view.outcomes else None


def loss_text(nats: float, unit: str, per_nat: float) -> str:
    """A loss in nats, shown in the chosen unit: "0.6931 nats", "∞ bits"."""
    return f"{layout.fixed(nats * per_nat)} {unit}"


def rule_text(floor: float | None, unit: str, base: float | None) -> str:
    """The scoring rule in force, as the board and the page state it."""
    if floor is None:
        return (
            "No floor: a forecast of 0 on an outcome that happens costs ∞, and a mean "
            "with one ∞ in it is ∞."
        )
    worst = float(xc.surprisal(floor, base=base))
    return (
        f"Floor: every probability counts as at least {floor:g} when scored, so one "
        f"outcome costs at most {layout.fixed(worst)} {unit}."
    )


def lesson(view: RoomView, table: Standings, unit: str, per_nat: float) -> str | None:
    """The verdict in one line of markdown (nicknames escaped), None when there is none:
    before two drawn rounds, before p is revealed, or with fewer than two players scored."""
    if len(view.outcomes) < 2 or view.p is None:
        return None
    v = xc.verdicts(view.p, table.latest, table.totals)
    if v.honest is None and v.reckless is None:
        return None
    parts = []
    if v.honest is not None:
        kl = loss_text(v.honest_kl, unit, per_nat)
        parts.append(
            f"**{layout.md_escape(v.honest)}** forecast most honestly "
            f"(latest forecast closest to p: KL(p‖q) = {kl})"
        )
    if v.reckless is not None and v.reckless != v.honest:
        worst = (
            "gave 0 to an outcome that happened: ∞"
            if v.reckless_zero
            else f"paid up to {loss_text(v.reckless_surprisal, unit, per_nat)} for one outcome"
        )
        parts.append(f"**{layout.md_escape(v.reckless)}** was the most reckless ({worst})")
    line = "; ".join(parts) + "."
    if v.honest is not None and v.reckless is not None and v.honest != v.reckless:
        a, b = table.totals[v.honest], table.totals[v.reckless]
        losses = (
            f"{layout.fixed(a.mean_log_loss * per_nat)} against "
            f"{layout.fixed(b.mean_log_loss * per_nat)} {unit} per outcome"
        )
        if v.accuracy_tied:
            line += (
                f" Accuracy scored them alike ({a.accuracy:.0%} each), the log-loss did not "
                f"({losses}): accuracy rewards only the right top guess, the log-loss rewards "
                "honest probabilities."
            )
        else:
            line += (
                f" The log-loss gave them {losses}, the Brier score {a.mean_brier:.3f} against "
                f"{b.mean_brier:.3f}, accuracy {a.accuracy:.0%} against {b.accuracy:.0%}: "
                "the log-loss punishes a confident miss without limit, Brier within a bound, "
                "accuracy not at all."
            )
    return line


def results_csv(names: Sequence[str], rows: Sequence[ResultRow]) -> str:
    """One line per player per drawn round: nickname, forecast, outcomes, scores (nats).

    Every cell goes through ``csv_safe``: a nickname or an outcome name that starts like
    a formula stays text in a spreadsheet (numbers here are never negative, so they pass
    unchanged).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = [
        "round", "nickname", *[f"q({n})" for n in names], "outcomes", "outcome indices",
        "log-loss (nats, total)", "mean log-loss (nats per outcome)", "Brier (total)",
        "hits",
    ]  # fmt: skip
    writer.writerow([xc.csv_safe(cell) for cell in header])
    for row in rows:
        forecast = [repr(v) for v in row.forecast] if row.forecast else [""] * len(names)
        scored = row.log_loss is not None
        cells = [
            str(row.round),
            row.nickname,
            *forecast,
            " ".join(names[x] for x in row.outcomes),
            " ".join(str(x) for x in row.outcomes),
            _number(row.log_loss),
            _number(row.log_loss / len(row.outcomes)) if scored else "",
            _number(row.brier),
            _number(row.hits),
        ]
        writer.writerow([xc.csv_safe(cell) for cell in cells])
    return out.getvalue()


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return "inf" if math.isinf(value) else repr(float(value))
