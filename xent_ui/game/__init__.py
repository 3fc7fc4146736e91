"""The class game's page sections (pages/game.py, issue 19), one module per concern.

The game's state is shared between sessions and replicas, so it lives in the database
(:mod:`xent_game`); these modules only show it and act on it:

- :mod:`.database`: the process's store for the configured database URL (cached once).
- :mod:`.actions`: the buttons' callbacks; every refusal becomes a message on the page, and
  joins and submissions are rate-limited per session (:mod:`.limits`).
- :mod:`.results`: scores, leaderboard, the lesson's verdict and the CSV, all computed by
  ``xent_core.game`` from a room's snapshot.
- :mod:`.setup`: the lecturer's "Create a room" form (outcomes, hidden p, rule).
- :mod:`.lecturer`: the projector's view of a room: code, join link and QR, counts, the
  round's buttons, outcomes, leaderboard, the forecasts against p, the lesson, the export.
- :mod:`.student`: joining with a nickname, the forecast bars, the student's own results.
- :mod:`.polling`: the small fragment that follows the database (every 2 s).
- :mod:`.widgets`: the drag bars in forecast mode (no truth shown), for q and for p.
"""
