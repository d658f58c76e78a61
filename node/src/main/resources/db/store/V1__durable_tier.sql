-- Session Grid durable tier. Times are epoch seconds (double precision, exactly what the API speaks;
-- read them with to_timestamp(...)); expires_at is a timestamptz because the expiry sweep compares it
-- with now(). Keys and ids are text exactly as the API received them.

-- One row per session: everything but the event log.
CREATE TABLE sessions (
    app              text             NOT NULL,
    user_id          text             NOT NULL,
    id               text             NOT NULL,
    state            jsonb            NOT NULL,  -- the session's own keys (no app: / user: keys)
    version          bigint           NOT NULL,  -- events ever appended; = max(events.seq)
    create_time      double precision NOT NULL,
    update_time      double precision NOT NULL,  -- timestamp of the last appended event
    last_access_time double precision NOT NULL,
    expires_at       timestamptz,                -- null: never; else when TTL or idle timeout ends it
    ttl_seconds      integer          NOT NULL,  -- the session's own TTL, 0 = the app's
    max_idle_seconds integer          NOT NULL,  -- the session's own idle timeout, 0 = the app's
    dropped_events   bigint           NOT NULL DEFAULT 0,  -- oldest events dropped by DROP_OLDEST
    worker_id        text,                       -- the worker the session is pinned to, if any
    PRIMARY KEY (app, user_id, id)
) WITH (fillfactor = 80);  -- room for HOT updates: every flush rewrites the row
-- Expiry sweep.
CREATE INDEX sessions_expires_at ON sessions (expires_at) WHERE expires_at IS NOT NULL;
-- No index on last_access_time: it changes with every flush (an index on it would make each update
-- write every index anew), and only the eager load at start filters on it.
-- By worker (counts, re-routing, delete-by-worker); by user is the primary key's prefix.
CREATE INDEX sessions_worker ON sessions (app, worker_id) WHERE worker_id IS NOT NULL;
-- Id-only lookups (routes are keyed by app and session id).
CREATE INDEX sessions_id ON sessions (app, id);

-- The event log: append-only, one row per event, seq = the session version the event made.
CREATE TABLE events (
    app        text             NOT NULL,
    user_id    text             NOT NULL,
    session_id text             NOT NULL,
    seq        bigint           NOT NULL,
    id         text             NOT NULL,
    timestamp  double precision NOT NULL,
    appended_at double precision NOT NULL,  -- server time of the append (orders shared-state writes)
    event      jsonb            NOT NULL,
    PRIMARY KEY (app, user_id, session_id, seq),
    UNIQUE (app, user_id, session_id, id),
    FOREIGN KEY (app, user_id, session_id) REFERENCES sessions (app, user_id, id) ON DELETE CASCADE
);

-- app: keys, one row per app. stamps holds each key's last write [at, origin, version] so late or
-- repeated deltas converge exactly as in memory.
CREATE TABLE app_states (
    app         text             NOT NULL PRIMARY KEY,
    state       jsonb            NOT NULL,
    stamps      jsonb            NOT NULL,
    update_time double precision NOT NULL
);

-- user: keys, one row per (app, user).
CREATE TABLE user_states (
    app         text             NOT NULL,
    user_id     text             NOT NULL,
    state       jsonb            NOT NULL,
    stamps      jsonb            NOT NULL,
    update_time double precision NOT NULL,
    PRIMARY KEY (app, user_id)
);
