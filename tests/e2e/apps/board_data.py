"""What the board's browser test mounts (tests/e2e/apps/board_app.py) and then expects."""

from __future__ import annotations

import math

CODE = "K7QX2M"
JOIN_URL = f"http://127.0.0.1:8501/game?room={CODE}"
NAMES = ["Heads", "Tails", "<i>Edge</i>"]
OUTCOMES = [0, 1, 1, 0, 2, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 2, 0, 1, 0]
HOSTILE = '<img src=x onerror="window.__xentPwned=1">'
LONG = "Long" + "x" * 200
# (name, mean log-loss in nats, mean Brier, accuracy, rank, outcomes)
ROWS = [
    ("Ada", 0.6745629113005348, 0.4652, 0.55, 1, 20),
    (HOSTILE, 0.6745629113005348, 0.4652, 0.55, 1, 20),
    ("Bo 'quotes' & \"more\"", 0.8047189562170501, 0.58, 0.6, 3, 20),
    (LONG, 1.0986122886681098, 0.6666666666666666, 1 / 3, 4, 20),
    ("Reckless", math.inf, 1.1, 0.6, 5, 20),
]
HIGHLIGHT = "Ada"
RULE = "No floor: a forecast of 0 on an outcome that happens costs ∞."
FORECAST_KEY = "forecast"
START_Q = [0.5, 0.3, 0.2]
