-- Hearing Helper schema, version 7: answers this desk gave to other desks' follow-ups (issue 21).
-- The clerk's answer is written here with its audit entry in one transaction, so nothing
-- entered is lost while the court cannot be reached; the sender hands each to the central
-- database's hh_answer_follow_up() and notes when it was accepted (or why it was refused for
-- good). The preparing desk pulls it from there and records it as a new version of its record.
-- The pull cursor of this desk (the answers to its own follow-ups) lives in sync_state.
CREATE TABLE court_answers (
    record_id          TEXT PRIMARY KEY,  -- the other desk's preparation visit
    preparing_desk_id  TEXT NOT NULL,
    follow_up          TEXT NOT NULL,     -- FollowUp.to_dict() as JSON
    answered_by        TEXT NOT NULL,     -- the clerk's staff id
    queued_at          TEXT NOT NULL,
    sent_at            TEXT,              -- accepted by the central database
    refused_reason     TEXT               -- refused for good (answered elsewhere first, ...)
);
CREATE INDEX court_answers_waiting ON court_answers (sent_at, refused_reason);
