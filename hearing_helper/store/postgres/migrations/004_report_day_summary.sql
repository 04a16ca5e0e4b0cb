-- Hearing Helper PostgreSQL schema 004 (issue 12, the court's central database; its desk side is
-- SQLite's 004, the outbox; numbered 3 until issue 22): court-wide reports in under a second.
-- A court's database holds millions of records from many desks; a one-year report without
-- filters would group all of them every time. Instead each day of finished records is summed
-- once (per start hour, outcome and reason; and the duration histogram) and reused until the
-- day changes. Whether it changed is known exactly: every insert, update or delete of records,
-- whoever makes it (a desk's delivery, the --database adapter, an administrator), bumps the
-- stamp of the days it touches, by statement-level triggers.
CREATE TABLE report_day_stamps (
    day    hh_text PRIMARY KEY,
    stamp  bigint NOT NULL
);

CREATE TABLE report_day_summary (
    day        hh_text PRIMARY KEY,
    stamp      bigint NOT NULL,
    hourly     text NOT NULL,   -- JSON [[hour_key, outcome, reason, n, rated, sat_sum, last, versions]]
    durations  text NOT NULL    -- JSON [[duration_s, n]]
);

-- SECURITY DEFINER: a desk's login writes records but not this bookkeeping table directly.
CREATE FUNCTION hh_bump_day_stamps() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    -- Days in order, in one statement: two deliveries touching the same days lock them in the
    -- same order and so wait for each other instead of deadlocking.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO report_day_stamps (day, stamp)
            SELECT DISTINCT substr(started_at, 1, 10), 1 FROM changed_new ORDER BY 1
            ON CONFLICT (day) DO UPDATE SET stamp = report_day_stamps.stamp + 1;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO report_day_stamps (day, stamp)
            SELECT day, 1 FROM (
                SELECT substr(started_at, 1, 10) AS day FROM changed_new
                UNION SELECT substr(started_at, 1, 10) FROM changed_old
            ) touched ORDER BY 1
            ON CONFLICT (day) DO UPDATE SET stamp = report_day_stamps.stamp + 1;
    ELSE
        INSERT INTO report_day_stamps (day, stamp)
            SELECT DISTINCT substr(started_at, 1, 10), 1 FROM changed_old ORDER BY 1
            ON CONFLICT (day) DO UPDATE SET stamp = report_day_stamps.stamp + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER assists_day_stamps_insert AFTER INSERT ON assists
    REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION hh_bump_day_stamps();
CREATE TRIGGER assists_day_stamps_update AFTER UPDATE ON assists
    REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION hh_bump_day_stamps();
CREATE TRIGGER assists_day_stamps_delete AFTER DELETE ON assists
    REFERENCING OLD TABLE AS changed_old
    FOR EACH STATEMENT EXECUTE FUNCTION hh_bump_day_stamps();

INSERT INTO report_day_stamps (day, stamp)
    SELECT DISTINCT substr(started_at, 1, 10), 1 FROM assists;
