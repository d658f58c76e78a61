-- Session layout of an agent framework's database session service (ADK's DatabaseSessionService),
-- in its own schema so the benchmark never touches anything else in the database.
-- Run by PostgresStore on start; every statement is idempotent.

CREATE SCHEMA IF NOT EXISTS sg_bench;

CREATE TABLE IF NOT EXISTS sg_bench.sessions (
    app_name        text        NOT NULL,
    user_id         text        NOT NULL,
    id              text        NOT NULL,
    state           jsonb       NOT NULL DEFAULT '{}',
    create_time     timestamptz NOT NULL DEFAULT now(),
    update_time     timestamptz NOT NULL DEFAULT now(),
    -- Absolute deadline; NULL = none.
    expires_at      timestamptz NULL,
    -- Sliding expiry: the session is dead once update_time + idle_timeout_ms has passed; 0 = none.
    idle_timeout_ms bigint      NOT NULL DEFAULT 0,
    -- Number of events appended; the next event's seq is version + 1.
    version         bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (app_name, user_id, id)
);

CREATE TABLE IF NOT EXISTS sg_bench.events (
    app_name      text             NOT NULL,
    user_id       text             NOT NULL,
    session_id    text             NOT NULL,
    seq           bigint           NOT NULL,
    id            text             NOT NULL,
    invocation_id text             NULL,
    author        text             NOT NULL,
    timestamp     double precision NOT NULL,
    event         jsonb            NOT NULL,
    -- Also the index a read of the last N events walks backwards.
    PRIMARY KEY (app_name, user_id, session_id, seq),
    -- Makes appends idempotent by event id (INSERT ... ON CONFLICT DO NOTHING).
    UNIQUE (app_name, user_id, session_id, id),
    FOREIGN KEY (app_name, user_id, session_id)
        REFERENCES sg_bench.sessions (app_name, user_id, id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS sg_bench.app_states (
    app_name    text        PRIMARY KEY,
    state       jsonb       NOT NULL DEFAULT '{}',
    update_time timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS sg_bench.user_states (
    app_name    text        NOT NULL,
    user_id     text        NOT NULL,
    state       jsonb       NOT NULL DEFAULT '{}',
    update_time timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app_name, user_id)
);
