-- The class game's first schema (issue 19). The same text runs on SQLite and PostgreSQL:
-- only portable types (TEXT, INTEGER, BIGINT, DOUBLE PRECISION), no auto-increment, no
-- dialect functions. Times are Unix seconds; lists (outcome names, p, q, outcomes) are JSON
-- text. Statements are separated by semicolons (see __init__.py).

-- One row (id = 1): room creation and expiry lock it first, so the room limit holds under
-- concurrent creates on PostgreSQL too.
CREATE TABLE game_meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    lock_count BIGINT NOT NULL
);

INSERT INTO game_meta (id, lock_count) VALUES (1, 0);

CREATE TABLE rooms (
    code TEXT PRIMARY KEY,
    lecturer_hash TEXT NOT NULL,          -- SHA-256 (hex) of the lecturer's token
    names TEXT NOT NULL,                  -- JSON list of the K outcome names
    p TEXT NOT NULL,                      -- JSON list of the hidden probabilities
    per_round INTEGER NOT NULL CHECK (per_round BETWEEN 1 AND 100),
    floor DOUBLE PRECISION,               -- NULL: no floor (a zero on a drawn outcome is ∞)
    seed BIGINT NOT NULL CHECK (seed >= 0),
    round INTEGER NOT NULL CHECK (round >= 1),
    phase TEXT NOT NULL CHECK (phase IN ('open', 'closed', 'drawn')),
    version BIGINT NOT NULL,              -- +1 on every change: pages poll it
    created_at DOUBLE PRECISION NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL
);

CREATE INDEX rooms_expires_at ON rooms (expires_at);

CREATE TABLE players (
    room TEXT NOT NULL REFERENCES rooms (code) ON DELETE CASCADE,
    id INTEGER NOT NULL,                  -- 1, 2, … within the room
    nickname TEXT NOT NULL,               -- as typed (trimmed); shown as text only
    nickname_key TEXT NOT NULL,           -- NFKC + casefold: uniqueness ignores case
    token_hash TEXT NOT NULL UNIQUE,      -- SHA-256 (hex) of the player's token
    joined_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (room, id),
    UNIQUE (room, nickname_key)
);

-- A player's latest forecast for a round; `revision` counts the acknowledged submissions.
CREATE TABLE forecasts (
    room TEXT NOT NULL,
    round INTEGER NOT NULL,
    player INTEGER NOT NULL,
    q TEXT NOT NULL,                      -- JSON list of K probabilities
    revision INTEGER NOT NULL CHECK (revision >= 1),
    submitted_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (room, round, player),
    FOREIGN KEY (room, player) REFERENCES players (room, id) ON DELETE CASCADE
);

CREATE TABLE draws (
    room TEXT NOT NULL REFERENCES rooms (code) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    outcomes TEXT NOT NULL,               -- JSON list of class indices, in draw order
    drawn_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (room, round)
);
