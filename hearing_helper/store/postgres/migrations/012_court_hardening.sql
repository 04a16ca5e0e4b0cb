-- Hearing Helper PostgreSQL schema, version 12: the court's shared follow-ups hardened (issue 21,
-- after an attacker's and a reviewer's pass over migration 7):
--   - hh_claim_follow_up() and hh_answer_follow_up() find "a finished preparation visit whose
--     follow-up is due, its row locked" through one helper, hh_due_follow_up_locked();
--   - a desk holds at most CLAIMS_PER_DESK live claims at once (a claim hands over a phone: one
--     login cannot hoard the court's follow-ups, nor collect their numbers);
--   - hh_court_follow_ups() is logged in court_reads ('follow_ups', with how many it returned)
--     and limited per login and hour like the look-ups, on its own count: the list refreshes
--     every minute in each window, and must not eat the look-ups' budget.
-- Functions only (CREATE OR REPLACE keeps their owner hh_writer and their grants); no table.

-- The row of a finished preparation visit whose follow-up is due, locked until the caller's
-- transaction ends (two desks claiming or answering one visit take turns). Raises 22023 for
-- anything else, naming the record.
CREATE FUNCTION hh_due_follow_up_locked(p_record_id text) RETURNS public.assists
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    target public.assists%ROWTYPE;
BEGIN
    SELECT * INTO target FROM public.assists a WHERE a.id = p_record_id FOR UPDATE;
    IF NOT FOUND OR target.kind <> 'preparation' OR target.status <> 'finished' THEN
        RAISE EXCEPTION 'record % is no finished preparation visit of this court', p_record_id
            USING ERRCODE = '22023';
    END IF;
    IF NOT public.hh_follow_up_is_due(target) THEN
        RAISE EXCEPTION 'the follow-up of record % is not due', p_record_id
            USING ERRCODE = '22023';
    END IF;
    RETURN target;
END
$$;

-- One read of a login, refused past its hourly limit: 600 look-ups and claims (they name one
-- litigant each), and separately 240 lists of the court's follow-ups (a window refreshes the
-- list once a minute; 240 leaves room for a second window and refreshing by hand). Desk logins
-- only: court IT and supervisors are logged, not limited.
CREATE OR REPLACE FUNCTION hh_log_court_read(p_desk_id text, p_what text, p_record_id text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    is_list boolean := p_what = 'follow_ups';
    per_hour integer := CASE WHEN p_what = 'follow_ups' THEN 240 ELSE 600 END;
    read_id bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hh_desk')
        AND pg_has_role(session_user, 'hh_desk', 'MEMBER')
        AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
        AND (SELECT count(*) FROM public.court_reads r
             WHERE r.login = session_user AND r.at > now() - interval '1 hour'
                 AND (r.what = 'follow_ups') = is_list) >= per_hour THEN
        IF is_list THEN
            RAISE EXCEPTION 'the login % has read the court''s follow-ups % times in the last '
                'hour; the court allows no more (try again later)', session_user, per_hour
                USING ERRCODE = '54000';
        END IF;
        RAISE EXCEPTION 'the login % has looked up % litigants in the last hour; the court '
            'allows no more (try again later)', session_user, per_hour USING ERRCODE = '54000';
    END IF;
    INSERT INTO public.court_reads (desk_id, what, record_id, found)
        VALUES (p_desk_id, p_what, p_record_id, CASE WHEN p_record_id IS NULL THEN 0 ELSE 1 END)
        RETURNING id INTO read_id;
    RETURN read_id;
END
$$;

CREATE OR REPLACE FUNCTION hh_court_follow_ups(p_desk_id text, p_limit integer)
RETURNS TABLE (record_id text, desk_id text, desk_name text, hearing_at text,
               case_number text, litigant_name text, phone text, platform_id text,
               prep_outcome text, chosen_mode text, clerk_name text, started_at text,
               claim_desk_id text, claim_desk_name text, claimed_by text,
               claim_expires_at timestamptz, answered_at_desk text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    found_count integer;
    read_id bigint;
BEGIN
    PERFORM public.hh_acting_desk(p_desk_id);
    read_id := public.hh_log_court_read(p_desk_id, 'follow_ups', NULL);
    RETURN QUERY
        SELECT a.id::text, a.desk_id::text, coalesce(d.name, '')::text, a.hearing_at::text,
            a.case_number::text, public.hh_mask_name(a.litigant_name),
            public.hh_mask_phone(a.phone), a.platform_id::text, a.prep_outcome::text,
            a.chosen_mode::text, a.clerk_name::text, a.started_at::text,
            c.desk_id::text, coalesce(cd.name, '')::text, c.claimed_by::text, c.expires_at,
            CASE WHEN x.seq IS NULL THEN NULL ELSE coalesce(xd.name, x.answering_desk_id) END
        FROM public.assists a
        LEFT JOIN public.desks d ON d.desk_id = a.desk_id
        LEFT JOIN public.follow_up_claims c ON c.record_id = a.id AND c.expires_at > now()
        LEFT JOIN public.desks cd ON cd.desk_id = c.desk_id
        LEFT JOIN public.follow_up_answers x ON x.record_id = a.id
        LEFT JOIN public.desks xd ON xd.desk_id = x.answering_desk_id
        WHERE a.kind = 'preparation' AND a.status = 'finished' AND a.follow_up_result IS NULL
            AND a.hearing_at IS NOT NULL
            AND a.hearing_at::timestamptz <= now() - interval '3 hours'
            AND NOT EXISTS (SELECT 1 FROM public.assists b WHERE b.previous_id = a.id
                            AND b.kind = 'preparation' AND b.status = 'finished')
            -- Answered at another desk: gone from the list; the preparing desk alone is told
            -- (its own file has the follow-up due until its next sync applies the answer).
            AND (x.seq IS NULL OR a.desk_id = p_desk_id)
        ORDER BY a.hearing_at::timestamptz, a.id
        LIMIT least(greatest(coalesce(p_limit, 500), 1), 500);
    GET DIAGNOSTICS found_count = ROW_COUNT;
    UPDATE public.court_reads r SET found = found_count WHERE r.id = read_id;
END
$$;

CREATE OR REPLACE FUNCTION hh_claim_follow_up(p_desk_id text, p_record_id text, p_clerk text,
                                              p_minutes integer)
RETURNS TABLE (claimed boolean, claim_desk_id text, claim_desk_name text, claimed_by text,
               expires_at timestamptz, phone text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    claims_per_desk CONSTANT integer := 5;
    target public.assists%ROWTYPE;
    holder public.follow_up_claims%ROWTYPE;
BEGIN
    PERFORM public.hh_acting_desk(p_desk_id);
    IF p_clerk IS NULL OR p_clerk !~ '^[^[:cntrl:]]{1,64}$' THEN
        RAISE EXCEPTION 'a clerk is named by a staff id of 1 to 64 characters (no line breaks)'
            USING ERRCODE = '22023';
    END IF;
    target := public.hh_due_follow_up_locked(p_record_id);
    IF target.follow_up_result IS NOT NULL OR EXISTS (
        SELECT 1 FROM public.follow_up_answers x WHERE x.record_id = p_record_id
    ) THEN
        RAISE EXCEPTION 'the follow-up of record % has already been recorded', p_record_id
            USING ERRCODE = '22023';
    END IF;
    -- One desk's claims are counted one at a time (two windows of a desk claiming at once).
    PERFORM pg_advisory_xact_lock(hashtext('hh_claim_follow_up ' || p_desk_id));
    IF (SELECT count(*) FROM public.follow_up_claims c
        WHERE c.desk_id = p_desk_id AND c.expires_at > now() AND c.record_id <> p_record_id)
        >= claims_per_desk THEN
        RAISE EXCEPTION 'desk % already holds % claims on follow-ups; the court allows no more '
            'at once (record the results, or wait until a claim expires)', p_desk_id,
            claims_per_desk USING ERRCODE = '54000';
    END IF;
    INSERT INTO public.follow_up_claims AS c (record_id, desk_id, claimed_by, expires_at)
        VALUES (p_record_id, p_desk_id, p_clerk,
                now() + make_interval(mins => least(greatest(coalesce(p_minutes, 15), 1), 60)))
        ON CONFLICT (record_id) DO UPDATE
            SET desk_id = excluded.desk_id, claimed_by = excluded.claimed_by,
                claimed_at = now(), expires_at = excluded.expires_at
            WHERE c.expires_at <= now()
                OR (c.desk_id = excluded.desk_id AND c.claimed_by = excluded.claimed_by);
    SELECT * INTO holder FROM public.follow_up_claims c WHERE c.record_id = p_record_id;
    IF holder.desk_id = p_desk_id AND holder.claimed_by = p_clerk THEN
        PERFORM public.hh_log_court_read(p_desk_id, 'claim', p_record_id);
        RETURN QUERY SELECT true, holder.desk_id::text,
            (SELECT d.name::text FROM public.desks d WHERE d.desk_id = holder.desk_id),
            holder.claimed_by::text, holder.expires_at, target.phone::text;
    ELSE
        RETURN QUERY SELECT false, holder.desk_id::text,
            (SELECT d.name::text FROM public.desks d WHERE d.desk_id = holder.desk_id),
            holder.claimed_by::text, holder.expires_at, public.hh_mask_phone(target.phone);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION hh_answer_follow_up(p_desk_id text, p_record_id text,
                                               p_answered_by text, p_follow_up text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    target public.assists%ROWTYPE;
    earlier public.follow_up_answers%ROWTYPE;
    answer jsonb;
    new_seq bigint;
BEGIN
    PERFORM public.hh_acting_desk(p_desk_id);
    IF p_answered_by IS NULL OR p_answered_by !~ '^[^[:cntrl:]]{1,64}$' THEN
        RAISE EXCEPTION 'a clerk is named by a staff id of 1 to 64 characters (no line breaks)'
            USING ERRCODE = '22023';
    END IF;
    BEGIN
        answer := p_follow_up::jsonb;
    EXCEPTION WHEN others THEN
        RAISE EXCEPTION 'the follow-up answer is not JSON' USING ERRCODE = '22023';
    END;
    -- coalesce: a missing result is NULL, and NOT NULL would let the answer through.
    IF jsonb_typeof(answer) <> 'object' OR NOT coalesce((answer ->> 'result') = ANY (
        ARRAY['on_time', 'joined_late', 'adjourned_technical', 'not_held_other']
    ), false) OR length(p_follow_up) > 4000 THEN
        RAISE EXCEPTION 'the follow-up answer has no known result' USING ERRCODE = '22023';
    END IF;
    -- What the preparing desk reads back (FollowUp.from_dict): a time, and text fields.
    IF jsonb_typeof(answer -> 'recorded_at') IS DISTINCT FROM 'string'
        OR answer ->> 'recorded_at' !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}'
        OR EXISTS (SELECT 1 FROM jsonb_each(answer) AS f (key, value)
                   WHERE f.key IN ('recorded_by', 'source', 'cause', 'note')
                       AND jsonb_typeof(f.value) <> 'string') THEN
        RAISE EXCEPTION 'the follow-up answer is not readable (a time recorded_at and text '
            'fields expected)' USING ERRCODE = '22023';
    END IF;
    target := public.hh_due_follow_up_locked(p_record_id);
    SELECT * INTO earlier FROM public.follow_up_answers x WHERE x.record_id = p_record_id;
    IF FOUND THEN
        IF earlier.answering_desk_id = p_desk_id AND earlier.follow_up = p_follow_up THEN
            RETURN earlier.seq;
        END IF;
        RAISE EXCEPTION 'the follow-up of record % was already answered at another desk',
            p_record_id USING ERRCODE = '23505';
    END IF;
    IF target.follow_up_result IS NOT NULL THEN
        RAISE EXCEPTION 'the follow-up of record % has already been recorded', p_record_id
            USING ERRCODE = '23505';
    END IF;
    IF EXISTS (SELECT 1 FROM public.follow_up_claims c WHERE c.record_id = p_record_id
               AND c.expires_at > now() AND c.desk_id <> p_desk_id) THEN
        RAISE EXCEPTION 'another desk is calling about record % (claimed)', p_record_id
            USING ERRCODE = '55P03';
    END IF;
    INSERT INTO public.follow_up_answers (record_id, preparing_desk_id, answering_desk_id,
            answered_by, follow_up)
        VALUES (p_record_id, target.desk_id, p_desk_id, p_answered_by, p_follow_up)
        RETURNING seq INTO new_seq;
    DELETE FROM public.follow_up_claims c WHERE c.record_id = p_record_id;
    RETURN new_seq;
END
$$;

REVOKE ALL ON FUNCTION hh_due_follow_up_locked(text) FROM PUBLIC;
