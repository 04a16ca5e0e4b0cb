-- Hearing Helper schema, version 4: the outbox of a desk joined to a court's central database
-- (issue 12; its server side is PostgreSQL's 004, the court-wide day sums).
-- Every finished record version, audit entry and export entry is queued here by a trigger, so
-- it is queued in the same transaction as the change itself, whichever code path made it
-- (finish, correction, import, demo-data, export, settings...). Rows only point at what to
-- send (those rows are never changed once written); the sender reads them when it sends and
-- deletes the outbox row once the server has committed it. Drafts are never queued.
CREATE TABLE outbox (
    id    INTEGER PRIMARY KEY,  -- delivery order
    kind  TEXT NOT NULL CHECK (kind IN ('version', 'audit', 'export')),
    ref   TEXT NOT NULL DEFAULT '',  -- version: record id; export: exports.id
    num   INTEGER NOT NULL           -- version: version number; audit: seq; export: audit seq
);

CREATE TRIGGER outbox_version AFTER INSERT ON record_versions
BEGIN
    INSERT INTO outbox (kind, ref, num) VALUES ('version', NEW.assist_id, NEW.version);
END;

CREATE TRIGGER outbox_audit AFTER INSERT ON audit_log
BEGIN
    INSERT INTO outbox (kind, ref, num) VALUES ('audit', '', NEW.seq);
END;

-- An export's audit entry is appended just before its exports row, in the same transaction
-- (the repository's record_export), so it is the newest entry when the row arrives.
CREATE TRIGGER outbox_export AFTER INSERT ON exports
BEGIN
    INSERT INTO outbox (kind, ref, num)
    VALUES ('export', CAST(NEW.id AS TEXT), (SELECT max(seq) FROM audit_log));
END;

-- What was there before this version is queued too: joining a desk sends its history.
INSERT INTO outbox (kind, ref, num)
    SELECT 'version', assist_id, version FROM record_versions ORDER BY created_at, assist_id;
INSERT INTO outbox (kind, ref, num) SELECT 'audit', '', seq FROM audit_log ORDER BY seq;
INSERT INTO outbox (kind, ref, num)
    SELECT 'export', CAST(e.id AS TEXT), (SELECT min(a.seq) FROM audit_log a
        WHERE a.action = 'export.written' AND a.at = e.at)
    FROM exports e ORDER BY e.id;

-- The sender's state, shared by the window and the sync command (key -> JSON value).
CREATE TABLE sync_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
