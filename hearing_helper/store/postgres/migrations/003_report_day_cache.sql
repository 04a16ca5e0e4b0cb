-- Hearing Helper PostgreSQL schema 003 (SQLite's 003, issue 6's report cache; numbered 2 until
-- issue 22 gave both databases one number space): per-day facts of finished records (problem
-- codes, failing check codes, step statuses) for court-wide reports without dimension filters.
-- A day is reused only while its signature (record count, latest update, sum of versions) still
-- matches the records, so a delivery that adds or corrects a record of that day refreshes it.
-- Court-wide, not per desk: readable and writable by the supervisor role (see server init).
CREATE TABLE report_day_cache (
    day        hh_text PRIMARY KEY,
    signature  hh_text NOT NULL,
    facts      text NOT NULL
);
