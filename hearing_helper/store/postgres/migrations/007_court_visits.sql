-- Hearing Helper PostgreSQL schema, version 7: the court as one help desk (issue 21).
-- A desk login still reads only its own rows (row-level security, `server init`). What a desk
-- may learn of other desks' litigants comes only through these narrow functions, which run as
-- the non-login role hh_writer (`server init` makes it their owner) and check, like
-- hh_deliver(), that a desk login acts for the one desk it is bound to:
--   - hh_court_visits(): earlier visits for ONE case number or ONE normalised phone, at most
--     20, masked (name 王*明, phone 138****5678), with the desk's name;
--   - hh_court_follow_ups(): the court's due and overdue follow-ups, masked, with the preparing
--     desk and who holds a claim on each (at most 500);
--   - hh_claim_follow_up() / hh_release_follow_up(): a clerk claims a follow-up for a while so
--     two clerks do not call the same litigant; the claim hands over the phone to call;
--   - hh_answer_follow_up(): the answer of another desk's follow-up, kept with who gave it;
--   - hh_follow_up_answers(): the answers to a desk's own follow-ups, after a cursor, so the
--     preparing desk records each as a new version of its record.
-- Every look-up and claim of a desk login is logged in court_reads, and more than
-- COURT_READS_PER_HOUR in an hour are refused: a desk cannot walk the court's litigants.

CREATE TABLE follow_up_claims (
    record_id   hh_text PRIMARY KEY REFERENCES assists (id) ON DELETE CASCADE,
    desk_id     hh_text NOT NULL,
    claimed_by  hh_text NOT NULL,
    claimed_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);

CREATE TABLE follow_up_answers (
    seq                bigserial PRIMARY KEY,
    record_id          hh_text NOT NULL UNIQUE REFERENCES assists (id) ON DELETE CASCADE,
    preparing_desk_id  hh_text NOT NULL,
    answering_desk_id  hh_text NOT NULL,
    answered_by        hh_text NOT NULL,
    answered_at        timestamptz NOT NULL DEFAULT now(),
    login              hh_text NOT NULL DEFAULT session_user,
    follow_up          text NOT NULL
);
CREATE INDEX follow_up_answers_desk ON follow_up_answers (preparing_desk_id, seq);

CREATE TABLE court_reads (
    id         bigserial PRIMARY KEY,
    login      hh_text NOT NULL DEFAULT session_user,
    desk_id    hh_text NOT NULL,
    what       hh_text NOT NULL,  -- 'case', 'phone', 'claim'
    record_id  hh_text,
    found      integer NOT NULL DEFAULT 0,
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX court_reads_login ON court_reads (login, at);

-- The domain's masking (hearing_helper.domain.masking) for the shapes finished records store:
-- a mobile keeps its first 3 and last 4 digits, a landline its area code and last 4; anything
-- else is masked completely. A test holds these to the Python functions.
CREATE FUNCTION hh_mask_name(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN length(t) <= 1 THEN t
        WHEN length(t) = 2 THEN left(t, 1) || '*'
        ELSE left(t, 1) || repeat('*', length(t) - 2) || right(t, 1)
    END
    FROM (SELECT btrim(coalesce(p_name, ''), E' \t\r\n\u3000') AS t) s
$$;

CREATE FUNCTION hh_mask_phone(p_phone text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN t ~ '^1[3-9][0-9]{9}$' THEN left(t, 3) || '****' || right(t, 4)
        WHEN t ~ '^0[0-9]{2,3}-[1-9][0-9]{6,7}$' THEN split_part(t, '-', 1) || '-'
            || repeat('*', length(split_part(t, '-', 2)) - 4) || right(t, 4)
        ELSE repeat('*', length(t))
    END
    FROM (SELECT btrim(coalesce(p_phone, ''), E' \t\r\n\u3000') AS t) s
$$;

-- The desk a login acts for: its name, after checking that a desk login is bound to it. A desk
-- login not bound to any desk yet is bound to this one here, as by its first delivery (a new
-- desk may look a litigant up before it has sent anything). Raises for another desk's id, and
-- for a desk that is not known when the login is court IT's (P0002).
CREATE FUNCTION hh_acting_desk(p_desk_id text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    bound text;
    desk_name text;
    is_desk_login boolean;
BEGIN
    is_desk_login := NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
        AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hh_desk')
        AND pg_has_role(session_user, 'hh_desk', 'MEMBER');
    SELECT d.login_role, d.name INTO bound, desk_name FROM public.desks d
        WHERE d.desk_id = p_desk_id;
    IF NOT FOUND THEN
        IF NOT is_desk_login THEN
            RAISE EXCEPTION 'desk % is not known to the central database', p_desk_id
                USING ERRCODE = 'P0002';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('hh_deliver ' || p_desk_id));
        IF EXISTS (SELECT 1 FROM public.desks d WHERE d.login_role = session_user) THEN
            RAISE EXCEPTION 'the login % is not bound to desk %', session_user, p_desk_id
                USING ERRCODE = '42501';
        END IF;
        INSERT INTO public.desks (desk_id, name, login_role)
            VALUES (p_desk_id, '', session_user) ON CONFLICT DO NOTHING;
        SELECT d.login_role, d.name INTO bound, desk_name FROM public.desks d
            WHERE d.desk_id = p_desk_id;
    END IF;
    IF is_desk_login AND bound <> session_user THEN
        RAISE EXCEPTION 'the login % is not bound to desk %', session_user, p_desk_id
            USING ERRCODE = '42501';
    END IF;
    RETURN desk_name;
END
$$;

-- Logs one read of a desk login and refuses it past the hourly limit (other logins: court IT
-- and supervisors are logged, not limited).
CREATE FUNCTION hh_log_court_read(p_desk_id text, p_what text, p_record_id text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    per_hour CONSTANT integer := 600;
    read_id bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hh_desk')
        AND pg_has_role(session_user, 'hh_desk', 'MEMBER')
        AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
        AND (SELECT count(*) FROM public.court_reads r
             WHERE r.login = session_user AND r.at > now() - interval '1 hour') >= per_hour THEN
        RAISE EXCEPTION 'the login % has looked up % litigants in the last hour; the court '
            'allows no more (try again later)', session_user, per_hour USING ERRCODE = '54000';
    END IF;
    INSERT INTO public.court_reads (desk_id, what, record_id, found)
        VALUES (p_desk_id, p_what, p_record_id, CASE WHEN p_record_id IS NULL THEN 0 ELSE 1 END)
        RETURNING id INTO read_id;
    RETURN read_id;
END
$$;

CREATE FUNCTION hh_court_visits(p_desk_id text, p_case text, p_phone text)
RETURNS TABLE (record_id text, desk_id text, desk_name text, started_at text, kind text,
               outcome text, prep_outcome text, chosen_mode text, hearing_at text,
               case_number text, litigant_name text, phone text, clerk_name text,
               failed_checks text[])
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    by_case boolean := coalesce(p_case, '') <> '';
    by_phone boolean := coalesce(p_phone, '') <> '';
    found_count integer;
    read_id bigint;
BEGIN
    PERFORM public.hh_acting_desk(p_desk_id);
    IF by_case = by_phone THEN
        RAISE EXCEPTION 'look up earlier visits by one case number or one phone number'
            USING ERRCODE = '22023';
    END IF;
    IF by_phone AND p_phone !~ '^(1[3-9][0-9]{9}|0[0-9]{2,3}-[1-9][0-9]{6,7})$' THEN
        RAISE EXCEPTION 'a phone number to look up must be normalised (13812345678 or '
            '010-12345678)' USING ERRCODE = '22023';
    END IF;
    IF by_case AND (length(p_case) < 6 OR length(p_case) > 64) THEN
        RAISE EXCEPTION 'a case number to look up has 6 to 64 characters' USING ERRCODE = '22023';
    END IF;
    read_id := public.hh_log_court_read(
        p_desk_id, CASE WHEN by_case THEN 'case' ELSE 'phone' END, NULL);
    RETURN QUERY
        WITH found AS (
            SELECT a.id FROM public.assists a
            WHERE a.status = 'finished'
                AND ((by_case AND a.case_number = p_case) OR (by_phone AND a.phone = p_phone))
            ORDER BY a.started_at DESC, a.id LIMIT 20
        )
        SELECT a.id::text, a.desk_id::text, coalesce(d.name, '')::text, a.started_at::text,
            a.kind::text, a.outcome::text, a.prep_outcome::text, a.chosen_mode::text,
            a.hearing_at::text, a.case_number::text, public.hh_mask_name(a.litigant_name),
            public.hh_mask_phone(a.phone), a.clerk_name::text,
            coalesce((SELECT array_agg(c.check_id::text ORDER BY c.check_id)
                      FROM public.check_results c
                      WHERE c.assist_id = a.id AND c.status IN ('fail', 'error')), '{}')
        FROM found f
        JOIN public.assists a ON a.id = f.id
        LEFT JOIN public.desks d ON d.desk_id = a.desk_id
        ORDER BY a.started_at DESC, a.id;
    GET DIAGNOSTICS found_count = ROW_COUNT;
    UPDATE public.court_reads r SET found = found_count WHERE r.id = read_id;
END
$$;

-- Due: a finished preparation visit without a follow-up, its hearing at least 3 hours ago
-- (hearing_helper.domain.visit.FOLLOW_UP_AFTER), not handed on to a later preparation visit of
-- the same litigant, and not answered at another desk yet (the preparing desk still gets its
-- own answered ones, marked, until it has applied the answer).
CREATE FUNCTION hh_court_follow_ups(p_desk_id text, p_limit integer)
RETURNS TABLE (record_id text, desk_id text, desk_name text, hearing_at text,
               case_number text, litigant_name text, phone text, platform_id text,
               prep_outcome text, chosen_mode text, clerk_name text, started_at text,
               claim_desk_id text, claim_desk_name text, claimed_by text,
               claim_expires_at timestamptz, answered_at_desk text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
    PERFORM public.hh_acting_desk(p_desk_id);
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
END
$$;

CREATE FUNCTION hh_claim_follow_up(p_desk_id text, p_record_id text, p_clerk text,
                                   p_minutes integer)
RETURNS TABLE (claimed boolean, claim_desk_id text, claim_desk_name text, claimed_by text,
               expires_at timestamptz, phone text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    target public.assists%ROWTYPE;
    holder public.follow_up_claims%ROWTYPE;
BEGIN
    PERFORM public.hh_acting_desk(p_desk_id);
    SELECT * INTO target FROM public.assists a WHERE a.id = p_record_id FOR UPDATE;
    IF NOT FOUND OR target.kind <> 'preparation' OR target.status <> 'finished' THEN
        RAISE EXCEPTION 'record % is no finished preparation visit of this court', p_record_id
            USING ERRCODE = '22023';
    END IF;
    IF target.follow_up_result IS NOT NULL OR EXISTS (
        SELECT 1 FROM public.follow_up_answers x WHERE x.record_id = p_record_id
    ) THEN
        RAISE EXCEPTION 'the follow-up of record % has already been recorded', p_record_id
            USING ERRCODE = '22023';
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

CREATE FUNCTION hh_release_follow_up(p_desk_id text, p_record_id text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
    PERFORM public.hh_acting_desk(p_desk_id);
    DELETE FROM public.follow_up_claims c
        WHERE c.record_id = p_record_id AND c.desk_id = p_desk_id;
END
$$;

-- The answer to a follow-up, given at p_desk_id (usually not the preparing desk). Sent again
-- with the same content (a desk that did not hear the commit) it is the same answer.
CREATE FUNCTION hh_answer_follow_up(p_desk_id text, p_record_id text, p_answered_by text,
                                    p_follow_up text)
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
    BEGIN
        answer := p_follow_up::jsonb;
    EXCEPTION WHEN others THEN
        RAISE EXCEPTION 'the follow-up answer is not JSON' USING ERRCODE = '22023';
    END;
    IF jsonb_typeof(answer) <> 'object' OR NOT (answer ->> 'result') = ANY (
        ARRAY['on_time', 'joined_late', 'adjourned_technical', 'not_held_other']
    ) OR length(p_follow_up) > 4000 THEN
        RAISE EXCEPTION 'the follow-up answer has no known result' USING ERRCODE = '22023';
    END IF;
    SELECT * INTO target FROM public.assists a WHERE a.id = p_record_id FOR UPDATE;
    IF NOT FOUND OR target.kind <> 'preparation' OR target.status <> 'finished' THEN
        RAISE EXCEPTION 'record % is no finished preparation visit of this court', p_record_id
            USING ERRCODE = '22023';
    END IF;
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

CREATE FUNCTION hh_follow_up_answers(p_desk_id text, p_after bigint, p_limit integer)
RETURNS TABLE (seq bigint, record_id text, answering_desk_id text, answering_desk_name text,
               answered_by text, answered_at timestamptz, follow_up text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
    PERFORM public.hh_acting_desk(p_desk_id);
    RETURN QUERY
        SELECT x.seq, x.record_id::text, x.answering_desk_id::text, coalesce(d.name, '')::text,
            x.answered_by::text, x.answered_at, x.follow_up
        FROM public.follow_up_answers x
        LEFT JOIN public.desks d ON d.desk_id = x.answering_desk_id
        WHERE x.preparing_desk_id = p_desk_id AND x.seq > coalesce(p_after, 0)
        ORDER BY x.seq
        LIMIT least(greatest(coalesce(p_limit, 200), 1), 200);
END
$$;

REVOKE ALL ON FUNCTION hh_acting_desk(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_log_court_read(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_court_visits(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_court_follow_ups(text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_claim_follow_up(text, text, text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_release_follow_up(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_answer_follow_up(text, text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_follow_up_answers(text, bigint, integer) FROM PUBLIC;
