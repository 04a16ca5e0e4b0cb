-- Hearing Helper schema, version 3: faster supervisor reports (issue 6; hearing_helper/reports).
-- The report index also carries the per-day change signature (updated_at, version) and
-- started_at itself: SQLite treats an index on substr(started_at, ...) as covering only when the
-- plain column is in it too, so a year of records is read from this index alone.
DROP INDEX assists_report;
CREATE INDEX assists_report ON assists (
    status, substr(started_at, 1, 13), outcome, outcome_reason, satisfaction, duration_s,
    court, desk, staff_id, platform_id, role, updated_at, version, id, started_at
);
-- Durations in order for the median and 90th percentile: walking this index needs no sort.
CREATE INDEX assists_duration ON assists (
    status, duration_s, started_at, court, desk, staff_id, platform_id, role, outcome
);
-- Per-day totals of problem codes, failing check codes and step statuses of finished records,
-- for reports without dimension filters. A day is recomputed when its signature (record count,
-- latest update, sum of versions) no longer matches the records; see reports/day_cache.py.
CREATE TABLE report_day_cache (
    day        TEXT PRIMARY KEY,
    signature  TEXT NOT NULL,
    facts      TEXT NOT NULL
) WITHOUT ROWID;
