-- Hearing Helper PostgreSQL schema, version 9: a desk's history pulled back, page by page
-- (issue 21: `restore --central URL --desk-id ID` on a replaced desk PC).
-- Each function returns at most p_limit rows (capped at 5000 whatever is asked) after a cursor,
-- in the order of that cursor, for one desk only; the desk keeps the cursor after every page it
-- applied, so a cut pull continues where it stopped and no request is ever unbounded.
-- They run as their owner (hh_writer, set by server init) and check the caller first: a desk
-- login (a member of hh_desk) may pull only the desk id its login is bound to (desks.login_role,
-- as hh_deliver binds it); court IT's and supervisors' logins may pull any desk.
CREATE INDEX record_versions_desk ON record_versions (desk_id, assist_id, version);

CREATE FUNCTION hh_pull_allowed(p_desk_id text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    bound text;
BEGIN
    SELECT d.login_role INTO bound FROM public.desks d WHERE d.desk_id = p_desk_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no desk % is known to this central database', p_desk_id
            USING ERRCODE = 'P0002';
    END IF;
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
        AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hh_desk')
        AND pg_has_role(session_user, 'hh_desk', 'MEMBER')
        AND bound <> session_user THEN
        RAISE EXCEPTION 'desk % is bound to another login; % may not pull its rows',
            p_desk_id, session_user USING ERRCODE = '42501';
    END IF;
END
$$;

-- What a restore expects in all: the desk's name and how many rows of each kind.
CREATE FUNCTION hh_pull_desk(p_desk_id text)
RETURNS TABLE (name text, audit_entries bigint, versions bigint, records bigint, exports bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM hh_pull_allowed(p_desk_id);
    RETURN QUERY SELECT d.name::text,
        (SELECT count(*) FROM public.audit_log a WHERE a.desk_id = p_desk_id),
        (SELECT count(*) FROM public.record_versions v WHERE v.desk_id = p_desk_id),
        (SELECT count(DISTINCT v.assist_id) FROM public.record_versions v
         WHERE v.desk_id = p_desk_id),
        (SELECT count(*) FROM public.exports e WHERE e.desk_id = p_desk_id)
        FROM public.desks d WHERE d.desk_id = p_desk_id;
END
$$;

CREATE FUNCTION hh_pull_audit(p_desk_id text, p_after_seq bigint, p_limit integer)
RETURNS TABLE (seq bigint, at text, actor text, action text, details text, prev_hash text,
               hash text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM hh_pull_allowed(p_desk_id);
    RETURN QUERY SELECT a.seq, a.at::text, a.actor::text, a.action::text, a.details,
            a.prev_hash::text, a.hash::text
        FROM public.audit_log a
        WHERE a.desk_id = p_desk_id AND a.seq > p_after_seq
        ORDER BY a.seq LIMIT least(greatest(p_limit, 1), 5000);
END
$$;

-- Every delivered version, in (record id, version) order; the cursor is the last pair.
CREATE FUNCTION hh_pull_versions(
    p_desk_id text, p_after_id text, p_after_version integer, p_limit integer
) RETURNS TABLE (assist_id text, version integer, created_at text, created_by text,
                 reason text, payload text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM hh_pull_allowed(p_desk_id);
    RETURN QUERY SELECT v.assist_id::text, v.version, v.created_at::text, v.created_by::text,
            v.reason, v.payload
        FROM public.record_versions v
        WHERE v.desk_id = p_desk_id
            AND (v.assist_id, v.version) > (p_after_id::hh_text, p_after_version)
        ORDER BY v.assist_id, v.version LIMIT least(greatest(p_limit, 1), 5000);
END
$$;

CREATE FUNCTION hh_pull_exports(p_desk_id text, p_after_seq bigint, p_limit integer)
RETURNS TABLE (audit_seq bigint, at text, actor text, format text, filters text,
               row_count bigint, sha256 text, unmasked boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM hh_pull_allowed(p_desk_id);
    RETURN QUERY SELECT e.audit_seq, e.at::text, e.actor::text, e.format::text, e.filters,
            e.row_count, e.sha256::text, e.unmasked
        FROM public.exports e
        WHERE e.desk_id = p_desk_id AND e.audit_seq > p_after_seq
        ORDER BY e.audit_seq LIMIT least(greatest(p_limit, 1), 5000);
END
$$;

REVOKE ALL ON FUNCTION hh_pull_allowed(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_pull_desk(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_pull_audit(text, bigint, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_pull_versions(text, text, integer, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION hh_pull_exports(text, bigint, integer) FROM PUBLIC;
