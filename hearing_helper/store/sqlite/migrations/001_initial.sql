-- Hearing Helper schema, version 1.
CREATE TABLE staff (
    staff_id   TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    desk       TEXT NOT NULL DEFAULT '',
    court      TEXT NOT NULL DEFAULT '',
    last_used  TEXT
);

-- One row per assisted hearing: the columns that searches and reports filter on.
CREATE TABLE assists (
    id             TEXT PRIMARY KEY,
    version        INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'finished')),
    staff_id       TEXT NOT NULL,
    clerk_name     TEXT NOT NULL,
    desk           TEXT NOT NULL DEFAULT '',
    court          TEXT NOT NULL DEFAULT '',
    case_number    TEXT NOT NULL DEFAULT '',
    litigant_name  TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    role           TEXT,
    platform_id    TEXT,
    device         TEXT,
    hearing_at     TEXT,
    started_at     TEXT NOT NULL,        -- local ISO 8601 with offset
    ended_at       TEXT,
    duration_s     INTEGER,
    outcome        TEXT,
    outcome_reason TEXT,
    satisfaction   INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    current_step   TEXT NOT NULL DEFAULT 'intake',
    updated_at     TEXT NOT NULL,
    -- AssistRecord.to_dict() as JSON for drafts; NULL once finished, when the current version's
    -- payload lives in record_versions only (no second copy of every record).
    payload        TEXT
);
CREATE INDEX assists_status ON assists (status, updated_at);
CREATE INDEX assists_case ON assists (case_number);
-- Covering index for the history search: substring matches scan this, not the wide table.
CREATE INDEX assists_search ON assists (started_at, case_number, litigant_name, outcome, status);

CREATE TABLE assist_steps (
    assist_id  TEXT NOT NULL REFERENCES assists (id) ON DELETE CASCADE,
    step       TEXT NOT NULL,
    status     TEXT NOT NULL,
    PRIMARY KEY (assist_id, step)
);

CREATE TABLE assist_problems (
    assist_id  TEXT NOT NULL REFERENCES assists (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    step       TEXT NOT NULL,
    code       TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assist_id, seq)
);
CREATE INDEX assist_problems_code ON assist_problems (code);

CREATE TABLE check_results (
    assist_id    TEXT NOT NULL REFERENCES assists (id) ON DELETE CASCADE,
    check_id     TEXT NOT NULL,
    status       TEXT NOT NULL,
    code         TEXT NOT NULL DEFAULT '',
    remedy_code  TEXT NOT NULL DEFAULT '',
    metrics      TEXT NOT NULL DEFAULT '{}',
    started_at   TEXT,
    ended_at     TEXT,
    PRIMARY KEY (assist_id, check_id)
);

-- Every finished version of a record, the first one included; corrections add rows.
CREATE TABLE record_versions (
    assist_id   TEXT NOT NULL REFERENCES assists (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    payload     TEXT NOT NULL,
    PRIMARY KEY (assist_id, version)
);

-- Append-only, hash-chained: hash = SHA-256(prev_hash + canonical JSON of the entry).
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    details    TEXT NOT NULL DEFAULT '{}',
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);

CREATE TABLE exports (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    format     TEXT NOT NULL,
    filters    TEXT NOT NULL DEFAULT '{}',
    row_count  INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    unmasked   INTEGER NOT NULL DEFAULT 0
);
