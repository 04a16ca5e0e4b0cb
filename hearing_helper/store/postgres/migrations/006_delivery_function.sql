-- Hearing Helper PostgreSQL schema 006: a desk login can only deliver (issue 24; its desk side is
-- SQLite's 006, the outbox's ids; numbered 5 until issue 22).
-- A desk's login used to hold INSERT/UPDATE/DELETE on the tables (its own rows by row-level
-- security), so whoever read the desk's password from the clerk's keyring could rewrite the
-- desk's history, delete its audit tail, and invent desks. Now every write a desk makes goes
-- through hh_deliver(): the desk fills its session's temporary staging tables (COPY) and calls
-- this function, which runs as the non-login role hh_writer (server init makes it the owner and
-- revokes every direct write from hh_desk) and:
--   - binds a desk login to one desk id: its first delivery binds it (or court IT inserts the
--     desks row beforehand); rows for any other desk id are refused;
--   - serialises the deliveries of one desk (an advisory lock per desk, and its desks row);
--   - accepts a record's current row (what reports read) only together with its newest
--     delivered version, and only when the row agrees with that version's payload on what
--     reports count (status, version, outcome, satisfaction, kind); never over another desk's
--     record; a stored record moves forward only;
--   - keeps what is stored and records a conflict when a key arrives again with different
--     content (checked after the inserts, so two copies at the same moment cannot slip).
-- Superusers and logins that are not members of hh_desk (court IT's) are not bound to a desk.
--
-- Records made by `demo-data` (payload "demo": true) are stored with status 'demo': every report
-- reads status 'finished', so court-wide figures leave them out unless asked (--include-demo).
-- A conflict is settled by a newer version of its record (the desk's supervisor chose which copy
-- is right on the conflicts page and the desk delivered it as an audited correction): the
-- delivery marks it settled. Settled conflicts stay, for the record; the count is of open ones.
ALTER TABLE conflicts ADD COLUMN settled_at timestamptz;
ALTER TABLE conflicts ADD COLUMN settled_by hh_text;
ALTER TABLE conflicts ADD COLUMN record_id hh_text;
ALTER TABLE conflicts ADD COLUMN record_version integer;
CREATE INDEX conflicts_open ON conflicts (desk_id) WHERE settled_at IS NULL;

ALTER TABLE assists DROP CONSTRAINT assists_status_check;
ALTER TABLE assists ADD CONSTRAINT assists_status_check
    CHECK (status IN ('draft', 'finished', 'demo'));

CREATE FUNCTION hh_deliver(
    p_desk_id text, p_desk_name text, p_desk_clock timestamptz, p_items integer
) RETURNS TABLE (server_at timestamptz, skew_s double precision, new_conflicts bigint,
                 applied_records bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    bound text;
    is_desk_login boolean;
    conflicts_before bigint;
    skew double precision;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('hh_deliver ' || p_desk_id));
    is_desk_login := NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
        AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hh_desk')
        AND pg_has_role(session_user, 'hh_desk', 'MEMBER');
    SELECT d.login_role INTO bound FROM public.desks d WHERE d.desk_id = p_desk_id FOR UPDATE;
    IF NOT FOUND THEN
        IF is_desk_login AND EXISTS (
            SELECT 1 FROM public.desks d WHERE d.login_role = session_user
        ) THEN
            RAISE EXCEPTION 'the login % is bound to another desk and may not deliver for desk %',
                session_user, p_desk_id USING ERRCODE = '42501';
        END IF;
        INSERT INTO public.desks (desk_id, name, login_role) VALUES (p_desk_id, p_desk_name,
            session_user);
    ELSIF is_desk_login AND bound <> session_user THEN
        RAISE EXCEPTION 'desk % is bound to another login; % may not deliver for it',
            p_desk_id, session_user USING ERRCODE = '42501';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_temp.in_assists WHERE desk_id <> p_desk_id)
        OR EXISTS (SELECT 1 FROM pg_temp.in_steps WHERE desk_id <> p_desk_id)
        OR EXISTS (SELECT 1 FROM pg_temp.in_problems WHERE desk_id <> p_desk_id)
        OR EXISTS (SELECT 1 FROM pg_temp.in_checks WHERE desk_id <> p_desk_id)
        OR EXISTS (SELECT 1 FROM pg_temp.in_versions WHERE desk_id <> p_desk_id)
        OR EXISTS (SELECT 1 FROM pg_temp.in_audit WHERE desk_id <> p_desk_id)
        OR EXISTS (SELECT 1 FROM pg_temp.in_exports WHERE desk_id <> p_desk_id) THEN
        RAISE EXCEPTION 'a delivery for desk % holds rows of another desk', p_desk_id
            USING ERRCODE = '42501';
    END IF;
    -- The current row of a record comes only with its newest version in this batch, and agrees
    -- with it; a child row only with its record's current row.
    IF EXISTS (
        SELECT assist_id, max(version) FROM pg_temp.in_versions GROUP BY assist_id
        EXCEPT SELECT id, version FROM pg_temp.in_assists
    ) OR EXISTS (
        SELECT id, version FROM pg_temp.in_assists
        EXCEPT SELECT assist_id, max(version) FROM pg_temp.in_versions GROUP BY assist_id
    ) THEN
        RAISE EXCEPTION 'a record''s row in this delivery does not come with its newest version'
            USING ERRCODE = '22000';
    END IF;
    IF EXISTS (
        SELECT 1 FROM pg_temp.in_assists a JOIN (
            SELECT assist_id, version, payload, payload_sha256, payload::jsonb AS j
            FROM pg_temp.in_versions
        ) v ON v.assist_id = a.id AND v.version = a.version
        WHERE v.payload_sha256 <> encode(sha256(convert_to(v.payload, 'UTF8')), 'hex')
            OR a.status <> 'finished'
            OR (v.j ->> 'id') IS DISTINCT FROM a.id
            OR (v.j ->> 'version')::integer IS DISTINCT FROM a.version
            OR (v.j ->> 'outcome') IS DISTINCT FROM a.outcome
            OR (v.j ->> 'satisfaction')::integer IS DISTINCT FROM a.satisfaction
            OR coalesce(v.j ->> 'kind', 'hearing_day') IS DISTINCT FROM a.kind
    ) OR EXISTS (
        SELECT 1 FROM pg_temp.in_steps c
        WHERE NOT EXISTS (SELECT 1 FROM pg_temp.in_assists a WHERE a.id = c.assist_id)
    ) OR EXISTS (
        SELECT 1 FROM pg_temp.in_problems c
        WHERE NOT EXISTS (SELECT 1 FROM pg_temp.in_assists a WHERE a.id = c.assist_id)
    ) OR EXISTS (
        SELECT 1 FROM pg_temp.in_checks c
        WHERE NOT EXISTS (SELECT 1 FROM pg_temp.in_assists a WHERE a.id = c.assist_id)
    ) THEN
        RAISE EXCEPTION 'a record''s row in this delivery disagrees with its delivered version'
            USING ERRCODE = '22000';
    END IF;

    SELECT count(*) INTO conflicts_before FROM public.conflicts c
        WHERE c.desk_id = p_desk_id AND c.settled_at IS NULL;

    -- The current row of each record moves forward only, and only the desk's own records.
    WITH moved AS (
        INSERT INTO public.assists AS s (
            id, desk_id, version, status, staff_id, clerk_name, desk, court, case_number,
            litigant_name, phone, role, platform_id, device, hearing_at, started_at, ended_at,
            duration_s, outcome, outcome_reason, satisfaction, current_step, updated_at,
            payload, kind, prep_outcome, next_visit_on, recommended_mode, chosen_mode,
            failure_cause, follow_up_result, follow_up_at, previous_id, rating_source)
        SELECT
            i.id, i.desk_id, i.version,
            CASE WHEN d.assist_id IS NULL THEN i.status ELSE 'demo' END,
            i.staff_id, i.clerk_name, i.desk, i.court, i.case_number,
            i.litigant_name, i.phone, i.role, i.platform_id, i.device, i.hearing_at,
            i.started_at, i.ended_at,
            i.duration_s, i.outcome, i.outcome_reason, i.satisfaction, i.current_step, i.updated_at,
            i.payload, i.kind, i.prep_outcome, i.next_visit_on, i.recommended_mode, i.chosen_mode,
            i.failure_cause, i.follow_up_result, i.follow_up_at, i.previous_id, i.rating_source
        FROM pg_temp.in_assists i
        LEFT JOIN (
            SELECT assist_id, version FROM pg_temp.in_versions
            WHERE strpos(payload, '"demo"') > 0 AND (payload::jsonb -> 'demo') = 'true'::jsonb
        ) d ON d.assist_id = i.id AND d.version = i.version
        ON CONFLICT (id) DO UPDATE SET
            version = excluded.version, status = excluded.status,
            staff_id = excluded.staff_id, clerk_name = excluded.clerk_name,
            desk = excluded.desk, court = excluded.court, case_number = excluded.case_number,
            litigant_name = excluded.litigant_name, phone = excluded.phone,
            role = excluded.role, platform_id = excluded.platform_id,
            device = excluded.device, hearing_at = excluded.hearing_at,
            started_at = excluded.started_at, ended_at = excluded.ended_at,
            duration_s = excluded.duration_s, outcome = excluded.outcome,
            outcome_reason = excluded.outcome_reason, satisfaction = excluded.satisfaction,
            current_step = excluded.current_step, updated_at = excluded.updated_at,
            payload = excluded.payload, kind = excluded.kind,
            prep_outcome = excluded.prep_outcome, next_visit_on = excluded.next_visit_on,
            recommended_mode = excluded.recommended_mode,
            chosen_mode = excluded.chosen_mode, failure_cause = excluded.failure_cause,
            follow_up_result = excluded.follow_up_result,
            follow_up_at = excluded.follow_up_at, previous_id = excluded.previous_id,
            rating_source = excluded.rating_source
        WHERE s.desk_id = excluded.desk_id
            AND (s.status = 'draft' OR s.version < excluded.version)
        RETURNING s.id
    )
    INSERT INTO pg_temp.applied (id) SELECT id FROM moved;
    DELETE FROM public.assist_steps WHERE assist_id IN (SELECT id FROM pg_temp.applied);
    DELETE FROM public.assist_problems WHERE assist_id IN (SELECT id FROM pg_temp.applied);
    DELETE FROM public.check_results WHERE assist_id IN (SELECT id FROM pg_temp.applied);
    INSERT INTO public.assist_steps (assist_id, desk_id, step, status)
        SELECT assist_id, desk_id, step, status FROM pg_temp.in_steps
        WHERE assist_id IN (SELECT id FROM pg_temp.applied);
    INSERT INTO public.assist_problems (assist_id, desk_id, seq, step, code, note)
        SELECT assist_id, desk_id, seq, step, code, note FROM pg_temp.in_problems
        WHERE assist_id IN (SELECT id FROM pg_temp.applied);
    INSERT INTO public.check_results (assist_id, desk_id, check_id, status, code, remedy_code,
            metrics, started_at, ended_at)
        SELECT assist_id, desk_id, check_id, status, code, remedy_code, metrics, started_at,
            ended_at
        FROM pg_temp.in_checks WHERE assist_id IN (SELECT id FROM pg_temp.applied);
    -- A version of another desk's record is never stored under this desk (a conflict below).
    INSERT INTO public.record_versions (assist_id, desk_id, version, created_at, created_by,
            reason, payload, payload_sha256)
        SELECT i.assist_id, i.desk_id, i.version, i.created_at, i.created_by, i.reason,
            i.payload, i.payload_sha256
        FROM pg_temp.in_versions i
        WHERE NOT EXISTS (SELECT 1 FROM public.assists a
                          WHERE a.id = i.assist_id AND a.desk_id <> i.desk_id)
        ON CONFLICT DO NOTHING;
    INSERT INTO public.audit_log (desk_id, seq, at, actor, action, details, prev_hash, hash)
        SELECT desk_id, seq, at, actor, action, details, prev_hash, hash FROM pg_temp.in_audit
        ON CONFLICT DO NOTHING;
    INSERT INTO public.exports (desk_id, audit_seq, at, actor, format, filters, row_count,
            sha256, unmasked)
        SELECT desk_id, audit_seq, at, actor, format, filters, row_count, sha256, unmasked
        FROM pg_temp.in_exports
        ON CONFLICT DO NOTHING;
    -- Conflicts last, after the inserts: a copy another transaction committed while this one
    -- waited on its key is seen here (each statement sees what is committed when it starts).
    INSERT INTO public.conflicts (desk_id, kind, item_key, stored_hash, incoming_hash, incoming,
            record_id, record_version)
        SELECT i.desk_id, 'version', 'record ' || i.assist_id || ' v' || i.version,
            coalesce(v.payload_sha256, 'another desk''s record'), i.payload_sha256, i.payload,
            i.assist_id, i.version
        FROM pg_temp.in_versions i
        LEFT JOIN public.record_versions v USING (assist_id, version)
        LEFT JOIN public.assists a ON a.id = i.assist_id
        WHERE v.payload_sha256 <> i.payload_sha256 OR a.desk_id <> i.desk_id
        ON CONFLICT DO NOTHING;
    INSERT INTO public.conflicts (desk_id, kind, item_key, stored_hash, incoming_hash, incoming)
        SELECT i.desk_id, 'audit', 'seq ' || i.seq, s.hash, i.hash,
            json_build_object('seq', i.seq, 'at', i.at, 'actor', i.actor, 'action', i.action,
                'details', i.details, 'prev_hash', i.prev_hash, 'hash', i.hash)::text
        FROM pg_temp.in_audit i JOIN public.audit_log s USING (desk_id, seq)
        WHERE s.hash <> i.hash
        ON CONFLICT DO NOTHING;
    INSERT INTO public.conflicts (desk_id, kind, item_key, stored_hash, incoming_hash, incoming)
        SELECT i.desk_id, 'export', 'audit seq ' || i.audit_seq, s.sha256, i.sha256,
            row_to_json(i)::text
        FROM pg_temp.in_exports i JOIN public.exports s USING (desk_id, audit_seq)
        WHERE s.sha256 <> i.sha256 OR s.at <> i.at
        ON CONFLICT DO NOTHING;

    -- A newer version of a record in conflict, now current, settles the conflict.
    UPDATE public.conflicts c SET settled_at = now(),
            settled_by = 'version ' || a.version || ' from ' || session_user
        FROM public.assists a
        WHERE c.settled_at IS NULL AND c.kind = 'version' AND c.desk_id = p_desk_id
            AND a.id = c.record_id AND a.desk_id = p_desk_id AND a.version > c.record_version
            AND a.id IN (SELECT id FROM pg_temp.applied);

    skew := extract(epoch FROM p_desk_clock - now());
    UPDATE public.desks SET name = p_desk_name, last_seen = now(), last_skew_s = skew
        WHERE desk_id = p_desk_id;
    INSERT INTO public.deliveries (desk_id, desk_at, skew_s, items)
        VALUES (p_desk_id, p_desk_clock, skew, p_items);
    RETURN QUERY SELECT now(), skew,
        (SELECT count(*) FROM public.conflicts c
         WHERE c.desk_id = p_desk_id AND c.settled_at IS NULL) - conflicts_before,
        (SELECT count(*) FROM pg_temp.applied);
END
$$;
REVOKE ALL ON FUNCTION hh_deliver(text, text, timestamptz, integer) FROM PUBLIC;
