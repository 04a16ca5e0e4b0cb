-- Hearing Helper PostgreSQL schema 010 (issue 23; its desk side is SQLite's 010, the desk's own
-- per-day cache): the court report's per-day cache holds everything the report reads, and it is
-- kept current when records arrive, not when the first report asks.
--
-- - report_day_summary gains the day's child facts (problem codes, failing check codes, step
--   statuses: what report_day_cache held, keyed there by a signature) and its visit sums
--   (preparation visits, hearing days after a preparation, ratings, and the open preparation
--   visits with their hearing time, so follow-ups due at any moment are counted from them).
-- - court_day_phones: per day and phone, the day's finished records with that phone. The
--   distinct litigants of a period are read from it by index, exactly (no estimate).
-- - hh_report_days() computes days (one set-based statement: every kind, every day asked);
--   hh_refresh_report_days() stores them; hh_refresh_stale_report_days() stores every day whose
--   stamp moved on. Every delivery ends by storing the days it changed (a trigger on the
--   deliveries row hh_deliver() writes last), so a delivered batch leaves the cache current,
--   and a bulk load made with plain SQL ends with hh_refresh_stale_report_days() (court IT's
--   scripts, the benchmark). A report still checks every day's stamp (and the facts' signature) and
--   recomputes a day that is stale: an administrator's UPDATE bumps the stamp and nothing else.
-- - A day's visit figures depend on linked records of other days (a hearing day counts as
--   prepared by the kind of the record it links to; a preparation visit is superseded by a
--   later one that links to it): a change of a record bumps the stamps of those days too.

DROP TABLE report_day_cache;
DELETE FROM report_day_summary;  -- recomputed below, with the new columns
ALTER TABLE report_day_summary ADD COLUMN facts text NOT NULL;   -- JSON {kind: {code: n}}
ALTER TABLE report_day_summary ADD COLUMN visits text NOT NULL;  -- JSON, see hh_report_days

CREATE TABLE court_day_phones (
    day     hh_text NOT NULL,
    phone   hh_text NOT NULL,
    visits  integer NOT NULL,
    PRIMARY KEY (day, phone)
);

CREATE OR REPLACE FUNCTION hh_bump_day_stamps() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    -- Days in order, in one statement: two deliveries touching the same days lock them in the
    -- same order and so wait for each other instead of deadlocking. With each changed record:
    -- the days of the records it links to and of the records that link to it.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO report_day_stamps (day, stamp)
            SELECT day, 1 FROM (
                SELECT substr(started_at, 1, 10) AS day FROM changed_new
                UNION SELECT substr(l.started_at, 1, 10) FROM assists l
                    JOIN changed_new c ON l.id = c.previous_id
                UNION SELECT substr(l.started_at, 1, 10) FROM assists l
                    JOIN changed_new c ON l.previous_id = c.id
            ) touched ORDER BY 1
            ON CONFLICT (day) DO UPDATE SET stamp = report_day_stamps.stamp + 1;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO report_day_stamps (day, stamp)
            SELECT day, 1 FROM (
                SELECT substr(started_at, 1, 10) AS day FROM changed_new
                UNION SELECT substr(started_at, 1, 10) FROM changed_old
                UNION SELECT substr(l.started_at, 1, 10) FROM assists l
                    JOIN (SELECT previous_id FROM changed_new
                          UNION SELECT previous_id FROM changed_old) c ON l.id = c.previous_id
                UNION SELECT substr(l.started_at, 1, 10) FROM assists l
                    JOIN changed_new c ON l.previous_id = c.id
            ) touched ORDER BY 1
            ON CONFLICT (day) DO UPDATE SET stamp = report_day_stamps.stamp + 1;
    ELSE
        INSERT INTO report_day_stamps (day, stamp)
            SELECT day, 1 FROM (
                SELECT substr(started_at, 1, 10) AS day FROM changed_old
                UNION SELECT substr(l.started_at, 1, 10) FROM assists l
                    JOIN changed_old c ON l.id = c.previous_id
                UNION SELECT substr(l.started_at, 1, 10) FROM assists l
                    JOIN changed_old c ON l.previous_id = c.id
            ) touched ORDER BY 1
            ON CONFLICT (day) DO UPDATE SET stamp = report_day_stamps.stamp + 1;
    END IF;
    RETURN NULL;
END
$$;

-- The days asked for, computed from the records in one statement (one snapshot: the stamp
-- returned is the one the sums belong to). Writes nothing: a login that may not store the days
-- (or a read-only standby) gets the same rows. Finished records only; the failing check
-- statuses are store/report_source.py's FAILING_CHECK_STATUSES. Child rows and linked records
-- are looked up per record by index (LATERAL ... OFFSET 0): a delivery's few days never scan a
-- whole child table, whatever the planner guesses of their size. Without JIT: compiling this
-- statement cost 7-10 s a call on this machine, running it 0.2 s (one day of 780 records).
-- visits: {"preparation": [[prep_outcome, chosen_mode, follow_up_result, n]],
--          "prepared": [[outcome, n]], "ratings": [[rating_source, n, sum]],
--          "open": [[hearing time as epoch seconds, n]]}
CREATE FUNCTION hh_report_days(p_days text[])
RETURNS TABLE (day text, stamp bigint, hourly text, durations text, facts text, visits text)
LANGUAGE sql STABLE SET search_path = public SET jit = off AS $$
WITH days AS MATERIALIZED (
    SELECT s.day, s.stamp FROM report_day_stamps s WHERE s.day = ANY(p_days)
), recs AS MATERIALIZED (
    SELECT d.day, a.id, a.started_at, a.outcome, a.outcome_reason, a.satisfaction,
        a.updated_at, a.version, a.duration_s, a.kind, a.prep_outcome, a.chosen_mode,
        a.follow_up_result, a.hearing_at, a.previous_id, a.rating_source
    FROM days d JOIN assists a ON a.status = 'finished' AND a.started_at >= d.day
        AND a.started_at < d.day || '~'
), hourly AS (
    SELECT h.day, json_agg(json_build_array(h.hour, h.outcome, h.reason, h.n, h.rated, h.sat,
        h.last, h.versions) ORDER BY h.hour, h.outcome, h.reason)::text AS j
    FROM (SELECT r.day, substr(r.started_at, 1, 13) AS hour, coalesce(r.outcome, '') AS outcome,
            coalesce(r.outcome_reason, '') AS reason, count(*) AS n,
            count(r.satisfaction) AS rated, coalesce(sum(r.satisfaction), 0) AS sat,
            coalesce(max(r.updated_at), '') AS last, coalesce(sum(r.version), 0) AS versions
          FROM recs r GROUP BY 1, 2, 3, 4) h
    GROUP BY h.day
), durations AS (
    SELECT x.day, json_agg(json_build_array(x.duration_s, x.n) ORDER BY x.duration_s)::text AS j
    FROM (SELECT r.day, r.duration_s, count(*) AS n FROM recs r
          WHERE r.duration_s IS NOT NULL GROUP BY 1, 2) x
    GROUP BY x.day
), problems AS (
    SELECT x.day, json_object_agg(x.code, x.n ORDER BY x.code) AS j
    FROM (SELECT r.day, p.code, count(*) AS n FROM recs r CROSS JOIN LATERAL (
            SELECT p.code FROM assist_problems p WHERE p.assist_id = r.id OFFSET 0) p
          GROUP BY 1, 2) x
    GROUP BY x.day
), checks AS (
    SELECT x.day, json_object_agg(x.code, x.n ORDER BY x.code) AS j
    FROM (SELECT r.day, c.code, count(*) AS n FROM recs r CROSS JOIN LATERAL (
            SELECT c.check_id || ':' || c.code AS code FROM check_results c
            WHERE c.assist_id = r.id AND c.status IN ('fail', 'error') OFFSET 0) c
          GROUP BY 1, 2) x
    GROUP BY x.day
), steps AS (
    SELECT x.day, json_object_agg(x.code, x.n ORDER BY x.code) AS j
    FROM (SELECT r.day, s.code, count(*) AS n FROM recs r CROSS JOIN LATERAL (
            SELECT s.step || ':' || s.status AS code FROM assist_steps s
            WHERE s.assist_id = r.id OFFSET 0) s
          GROUP BY 1, 2) x
    GROUP BY x.day
), preparation AS (
    SELECT x.day, json_agg(json_build_array(x.o, x.m, x.f, x.n) ORDER BY x.o, x.m, x.f) AS j
    FROM (SELECT r.day, coalesce(r.prep_outcome, '') AS o, coalesce(r.chosen_mode, '') AS m,
            coalesce(r.follow_up_result, '') AS f, count(*) AS n
          FROM recs r WHERE r.kind = 'preparation' GROUP BY 1, 2, 3, 4) x
    GROUP BY x.day
), prepared AS (
    SELECT x.day, json_agg(json_build_array(x.o, x.n) ORDER BY x.o) AS j
    FROM (SELECT r.day, coalesce(r.outcome, '') AS o, count(*) AS n
          FROM (SELECT * FROM recs WHERE kind = 'hearing_day' AND previous_id IS NOT NULL) r
          CROSS JOIN LATERAL (SELECT p.kind FROM assists p WHERE p.id = r.previous_id
            OFFSET 0) p
          WHERE p.kind = 'preparation' GROUP BY 1, 2) x
    GROUP BY x.day
), ratings AS (
    SELECT x.day, json_agg(json_build_array(x.s, x.n, x.total) ORDER BY x.s) AS j
    FROM (SELECT r.day, r.rating_source AS s, count(*) AS n, sum(r.satisfaction) AS total
          FROM recs r WHERE r.satisfaction IS NOT NULL GROUP BY 1, 2) x
    GROUP BY x.day
), open AS (
    SELECT x.day, json_agg(json_build_array(x.at, x.n) ORDER BY x.at) AS j
    FROM (SELECT r.day, extract(epoch FROM r.hearing_at::timestamptz)::float8 AS at,
            count(*) AS n
          FROM recs r WHERE r.kind = 'preparation' AND r.follow_up_result IS NULL
            AND r.hearing_at IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM assists b WHERE b.previous_id = r.id
                    AND b.kind = 'preparation' AND b.status = 'finished' OFFSET 0)
          GROUP BY 1, 2) x
    GROUP BY x.day
)
SELECT d.day, d.stamp, coalesce(h.j, '[]'), coalesce(u.j, '[]'),
    json_build_object('problem', coalesce(p.j, '{}'), 'check', coalesce(c.j, '{}'),
        'step', coalesce(s.j, '{}'))::text,
    json_build_object('preparation', coalesce(pr.j, '[]'), 'prepared', coalesce(pd.j, '[]'),
        'ratings', coalesce(ra.j, '[]'), 'open', coalesce(o.j, '[]'))::text
FROM days d
LEFT JOIN hourly h ON h.day = d.day
LEFT JOIN durations u ON u.day = d.day
LEFT JOIN problems p ON p.day = d.day
LEFT JOIN checks c ON c.day = d.day
LEFT JOIN steps s ON s.day = d.day
LEFT JOIN preparation pr ON pr.day = d.day
LEFT JOIN prepared pd ON pd.day = d.day
LEFT JOIN ratings ra ON ra.day = d.day
LEFT JOIN open o ON o.day = d.day
$$;

-- Compute and store the days asked for (those another transaction is changing right now are
-- left to it: SKIP LOCKED); returns the stored rows. The stamps stay locked until commit, so no
-- delivery changes a day between its computation and its storing.
CREATE FUNCTION hh_refresh_report_days(p_days text[])
RETURNS TABLE (day text, stamp bigint, hourly text, durations text, facts text, visits text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET jit = off AS $$
#variable_conflict use_column
DECLARE
    locked text[];
BEGIN
    SELECT coalesce(array_agg(s.day ORDER BY s.day), '{}') INTO locked FROM (
        SELECT l.day FROM report_day_stamps l WHERE l.day = ANY(p_days)
        ORDER BY l.day FOR UPDATE SKIP LOCKED
    ) s;
    IF cardinality(locked) = 0 THEN
        RETURN;
    END IF;
    DELETE FROM court_day_phones c WHERE c.day = ANY(locked);
    INSERT INTO court_day_phones (day, phone, visits)
        SELECT d.day, a.phone, count(*)
        FROM unnest(locked) AS d(day)
        JOIN assists a ON a.status = 'finished' AND a.started_at >= d.day
            AND a.started_at < d.day || '~' AND a.phone <> ''
        GROUP BY 1, 2;
    RETURN QUERY WITH fresh AS (
        SELECT * FROM hh_report_days(locked)
    ), stored AS (
        INSERT INTO report_day_summary AS m (day, stamp, hourly, durations, facts, visits)
            SELECT f.day, f.stamp, f.hourly, f.durations, f.facts, f.visits FROM fresh f
            ON CONFLICT ON CONSTRAINT report_day_summary_pkey DO UPDATE SET
                stamp = excluded.stamp, hourly = excluded.hourly,
                durations = excluded.durations, facts = excluded.facts, visits = excluded.visits
    )
    SELECT * FROM fresh;
END
$$;

-- Every day whose stored sums are missing or older than its stamp; returns how many were stored.
CREATE FUNCTION hh_refresh_stale_report_days() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    stale text[];
    stored bigint;
BEGIN
    SELECT coalesce(array_agg(s.day ORDER BY s.day), '{}') INTO stale
    FROM report_day_stamps s LEFT JOIN report_day_summary m ON m.day = s.day
    WHERE m.stamp IS DISTINCT FROM s.stamp;
    IF cardinality(stale) = 0 THEN
        RETURN 0;
    END IF;
    SELECT count(*) INTO stored FROM hh_refresh_report_days(stale);
    RETURN stored;
END
$$;
-- At the end of every delivery (hh_deliver() records each batch in deliveries as its last write):
-- the days this transaction changed (their stamps' row versions are its own), and no others, so
-- a desk's push never pays for what other writes left behind (a report or court IT does that).
CREATE FUNCTION hh_refresh_after_delivery() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changed text[];
    cap bigint := coalesce(nullif(current_setting('hh.day_refresh_cap', true), ''), '50000');
BEGIN
    SELECT array_agg(s.day ORDER BY s.day) INTO changed FROM report_day_stamps s
        WHERE s.xmin = pg_current_xact_id()::xid;
    IF changed IS NULL THEN
        RETURN NULL;
    END IF;
    -- Days holding more records than the cap (a desk's first push of a year into a large
    -- court) are left to the next report: a delivery never recomputes the court under the locks
    -- every other desk's delivery waits on.
    IF (SELECT count(*) FROM (
            SELECT 1 FROM unnest(changed) AS d(day) JOIN assists a ON a.started_at >= d.day
                AND a.started_at < d.day || '~' LIMIT cap + 1) x) > cap THEN
        RETURN NULL;
    END IF;
    PERFORM hh_refresh_report_days(changed);
    RETURN NULL;
END
$$;
CREATE TRIGGER deliveries_refresh_report_days AFTER INSERT ON deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION hh_refresh_after_delivery();

REVOKE ALL ON FUNCTION hh_report_days(text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_refresh_report_days(text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_refresh_stale_report_days() FROM PUBLIC;

SELECT hh_refresh_stale_report_days();
