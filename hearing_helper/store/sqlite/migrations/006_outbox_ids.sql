-- Hearing Helper schema, version 6: an outbox whose ids never repeat (issue 24; its server side
-- is PostgreSQL's 006, the delivery function).
-- Version 4 made outbox.id an INTEGER PRIMARY KEY without AUTOINCREMENT, so an emptied outbox
-- handed out id 1 again; a sender that marked its batch sent by id could delete an item queued
-- after it. AUTOINCREMENT never reuses an id; the sender also deletes by (id, kind, ref, num).
-- held_reason: an item the server refused for good (a "poison" item) is set aside with the
-- server's reason instead of blocking everything queued after it; it stays visible (status
-- line, Central database page, sync --json) and is sent again by `sync --resend-all`.
-- Queued items keep their ids and order.
CREATE TABLE outbox_v6 (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,  -- delivery order; never reused
    kind         TEXT NOT NULL CHECK (kind IN ('version', 'audit', 'export')),
    ref          TEXT NOT NULL DEFAULT '',  -- version: record id; export: exports.id
    num          INTEGER NOT NULL,          -- version: version number; audit: seq; export: seq
    held_reason  TEXT,                      -- NULL: waiting; else why it was set aside
    held_at      TEXT
);
INSERT INTO outbox_v6 (id, kind, ref, num) SELECT id, kind, ref, num FROM outbox ORDER BY id;
DROP TRIGGER outbox_version;
DROP TRIGGER outbox_audit;
DROP TRIGGER outbox_export;
DROP TABLE outbox;
ALTER TABLE outbox_v6 RENAME TO outbox;
CREATE INDEX outbox_waiting ON outbox (held_reason, id);

CREATE TRIGGER outbox_version AFTER INSERT ON record_versions
BEGIN
    INSERT INTO outbox (kind, ref, num) VALUES ('version', NEW.assist_id, NEW.version);
END;

CREATE TRIGGER outbox_audit AFTER INSERT ON audit_log
BEGIN
    INSERT INTO outbox (kind, ref, num) VALUES ('audit', '', NEW.seq);
END;

CREATE TRIGGER outbox_export AFTER INSERT ON exports
BEGIN
    INSERT INTO outbox (kind, ref, num)
    VALUES ('export', CAST(NEW.id AS TEXT), (SELECT max(seq) FROM audit_log));
END;
