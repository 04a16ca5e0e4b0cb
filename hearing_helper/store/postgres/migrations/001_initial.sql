-- Hearing Helper PostgreSQL schema, version 1.
-- One schema for both uses: a database used directly (--database postgresql://...) and a
-- court's central database that many desks deliver to (--central). So every row carries the
-- desk_id (a UUID made once per installation), the audit log is one hash chain per desk keyed
-- by (desk_id, seq), and a conflicts table keeps what arrived twice with different content.
--
-- Text that SQLite compares byte-wise (ids, ISO 8601 local times, codes, names in the history
-- sort) uses the "C" collation, so ordering and range filters are the same as on SQLite whatever
-- locale the court's server was created with. Times stay ISO 8601 text with the desk's offset
-- (as recorded): reports group by the local hour the record was made in.

CREATE DOMAIN hh_text AS text COLLATE "C";

CREATE TABLE schema_migrations (
    version     integer PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

-- The desks known to this database. login_role: the login that first delivered for the desk;
-- with the roles of `server init` a desk login may only write its own desks' rows.
CREATE TABLE desks (
    desk_id      hh_text PRIMARY KEY,
    name         hh_text NOT NULL DEFAULT '',
    login_role   hh_text NOT NULL DEFAULT session_user,
    first_seen   timestamptz NOT NULL DEFAULT now(),
    last_seen    timestamptz,
    last_skew_s  double precision
);

CREATE TABLE staff (
    desk_id    hh_text NOT NULL,
    staff_id   hh_text NOT NULL,
    name       hh_text NOT NULL,
    desk       hh_text NOT NULL DEFAULT '',
    court      hh_text NOT NULL DEFAULT '',
    last_used  hh_text,
    PRIMARY KEY (desk_id, staff_id)
);

CREATE TABLE assists (
    id             hh_text PRIMARY KEY,
    desk_id        hh_text NOT NULL,
    version        integer NOT NULL,
    status         hh_text NOT NULL CHECK (status IN ('draft', 'finished')),
    staff_id       hh_text NOT NULL,
    clerk_name     hh_text NOT NULL,
    desk           hh_text NOT NULL DEFAULT '',
    court          hh_text NOT NULL DEFAULT '',
    case_number    hh_text NOT NULL DEFAULT '',
    litigant_name  hh_text NOT NULL DEFAULT '',
    phone          hh_text NOT NULL DEFAULT '',
    role           hh_text,
    platform_id    hh_text,
    device         hh_text,
    hearing_at     hh_text,
    started_at     hh_text NOT NULL,
    ended_at       hh_text,
    duration_s     integer,
    outcome        hh_text,
    outcome_reason hh_text,
    satisfaction   integer CHECK (satisfaction BETWEEN 1 AND 5),
    current_step   hh_text NOT NULL DEFAULT 'intake',
    updated_at     hh_text NOT NULL,
    -- Drafts only; a finished record's payload is its newest row in record_versions.
    payload        text
);
CREATE INDEX assists_status ON assists (status, updated_at);
CREATE INDEX assists_case ON assists (case_number);
CREATE INDEX assists_started ON assists (started_at, id);
-- Reports: the period range and every filter, read from the index (index-only scans).
CREATE INDEX assists_report ON assists (status, started_at) INCLUDE (
    outcome, outcome_reason, satisfaction, duration_s, court, desk, staff_id, platform_id, role,
    desk_id, updated_at, version
);

CREATE TABLE assist_steps (
    assist_id  hh_text NOT NULL REFERENCES assists (id) ON DELETE CASCADE,
    desk_id    hh_text NOT NULL,
    step       hh_text NOT NULL,
    status     hh_text NOT NULL,
    PRIMARY KEY (assist_id, step)
);

CREATE TABLE assist_problems (
    assist_id  hh_text NOT NULL REFERENCES assists (id) ON DELETE CASCADE,
    desk_id    hh_text NOT NULL,
    seq        integer NOT NULL,
    step       hh_text NOT NULL,
    code       hh_text NOT NULL,
    note       text NOT NULL DEFAULT '',
    PRIMARY KEY (assist_id, seq)
);

CREATE TABLE check_results (
    assist_id    hh_text NOT NULL REFERENCES assists (id) ON DELETE CASCADE,
    desk_id      hh_text NOT NULL,
    check_id     hh_text NOT NULL,
    status       hh_text NOT NULL,
    code         hh_text NOT NULL DEFAULT '',
    remedy_code  hh_text NOT NULL DEFAULT '',
    metrics      text NOT NULL DEFAULT '{}',
    started_at   hh_text,
    ended_at     hh_text,
    PRIMARY KEY (assist_id, check_id)
);

-- Every finished version of a record. payload_sha256 decides whether a version delivered again
-- is the same one (ignored) or a different one (a conflict, never overwritten).
CREATE TABLE record_versions (
    assist_id       hh_text NOT NULL REFERENCES assists (id) ON DELETE CASCADE,
    desk_id         hh_text NOT NULL,
    version         integer NOT NULL,
    created_at      hh_text NOT NULL,
    created_by      hh_text NOT NULL,
    reason          text NOT NULL DEFAULT '',
    payload         text NOT NULL,
    payload_sha256  hh_text NOT NULL,
    PRIMARY KEY (assist_id, version)
);

-- One hash chain per desk: hash = SHA-256(prev_hash + canonical JSON of the entry). details is
-- kept as the exact canonical JSON text the hash covers (jsonb would reorder and renormalise).
CREATE TABLE audit_log (
    desk_id    hh_text NOT NULL,
    seq        bigint NOT NULL,
    at         hh_text NOT NULL,
    actor      hh_text NOT NULL,
    action     hh_text NOT NULL,
    details    text NOT NULL DEFAULT '{}',
    prev_hash  hh_text NOT NULL,
    hash       hh_text NOT NULL,
    PRIMARY KEY (desk_id, seq)
);

-- Each export is keyed by the audit entry that records it.
CREATE TABLE exports (
    desk_id    hh_text NOT NULL,
    audit_seq  bigint NOT NULL,
    at         hh_text NOT NULL,
    actor      hh_text NOT NULL,
    format     hh_text NOT NULL,
    filters    text NOT NULL DEFAULT '{}',
    row_count  bigint NOT NULL,
    sha256     hh_text NOT NULL,
    unmasked   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (desk_id, audit_seq)
);

-- Deliveries that disagreed with what the database already had (same audit entry or record
-- version, different hash). The stored row is never overwritten; court IT resolves these.
CREATE TABLE conflicts (
    id             bigserial PRIMARY KEY,
    desk_id        hh_text NOT NULL,
    kind           hh_text NOT NULL,  -- 'audit', 'version', 'export'
    item_key       hh_text NOT NULL,  -- 'seq 12', 'record <id> v2', ...
    stored_hash    hh_text NOT NULL,
    incoming_hash  hh_text NOT NULL,
    incoming       text NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (desk_id, kind, item_key, incoming_hash)
);

-- One row per delivered batch: when, from which desk, its clock against the server's.
CREATE TABLE deliveries (
    id          bigserial PRIMARY KEY,
    desk_id     hh_text NOT NULL,
    server_at   timestamptz NOT NULL DEFAULT now(),
    desk_at     timestamptz NOT NULL,
    skew_s      double precision NOT NULL,
    items       integer NOT NULL
);
CREATE INDEX deliveries_desk ON deliveries (desk_id, server_at);
