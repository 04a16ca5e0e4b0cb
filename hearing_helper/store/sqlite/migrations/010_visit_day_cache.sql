-- Hearing Helper schema, version 10: the visit figures in the per-day report cache, kept at
-- write time (issue 23; the court's PostgreSQL 010 uses the same names).
-- report_day_cache's facts gain the visit figures' per-day sums (store/sqlite/day_facts_sql.py):
-- rows written before lack them and are recomputed, so they go now.
DELETE FROM report_day_cache;
-- Per day, the finished records with a phone counted by the days of the same phone's previous
-- and before-previous finished visits ('' for none; visits ordered by start, then id): the
-- exact litigants, visits and returning litigants of any period from a few rows per day
-- (store/sqlite/day_phones.py).
CREATE TABLE report_day_phones (
    day                  TEXT NOT NULL,
    previous_day         TEXT NOT NULL,
    before_previous_day  TEXT NOT NULL,
    visits               INTEGER NOT NULL,
    PRIMARY KEY (day, previous_day, before_previous_day)
) WITHOUT ROWID;
-- A phone's finished visits in order, read from the index alone (returning litigants at intake
-- use it as before).
DROP INDEX assists_phone;
CREATE INDEX assists_phone ON assists (phone, status, started_at, id);
INSERT INTO report_day_phones (day, previous_day, before_previous_day, visits)
SELECT day, previous_day, before_previous_day, count(*) FROM (
    SELECT substr(a.started_at, 1, 10) AS day,
        lag(substr(a.started_at, 1, 10), 1, '') OVER w AS previous_day,
        lag(substr(a.started_at, 1, 10), 2, '') OVER w AS before_previous_day
    FROM assists a WHERE a.status = 'finished' AND a.phone != ''
    WINDOW w AS (PARTITION BY a.phone ORDER BY a.started_at, a.id)
) GROUP BY 1, 2, 3;
