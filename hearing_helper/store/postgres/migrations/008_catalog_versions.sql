-- Hearing Helper PostgreSQL schema, version 8: the catalog court IT publishes (issue 21).
-- Court IT publishes a folder of platform, guide and join-mode files once (`hearing-helper
-- server publish-catalog`, which validates it first); each publication is a numbered version
-- kept as published: its files, their SHA-256, a checksum over all of them, who published it,
-- when and from where. Desks read the newest version through hh_catalog_latest() and its files
-- through hh_catalog_files(); they hold no privilege on the tables. Publishing goes through
-- hh_publish_catalog(), granted to the group role hh_court_it by `server init` (the functions
-- run as hh_writer, which owns them).
CREATE TABLE catalog_versions (
    version        integer PRIMARY KEY CHECK (version > 0),
    checksum       hh_text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
    file_count     integer NOT NULL,
    total_bytes    bigint NOT NULL,
    published_at   timestamptz NOT NULL DEFAULT now(),
    published_by   hh_text NOT NULL DEFAULT session_user,
    published_from hh_text NOT NULL DEFAULT coalesce(host(inet_client_addr()), 'local'),
    note           hh_text NOT NULL DEFAULT ''
);

CREATE TABLE catalog_files (
    version integer NOT NULL REFERENCES catalog_versions (version),
    path    hh_text NOT NULL,
    content bytea NOT NULL,
    sha256  hh_text NOT NULL,
    PRIMARY KEY (version, path)
);

-- Kept as published: a version is never changed or removed (a court that wants the old files
-- back publishes them again as a new version).
CREATE FUNCTION hh_catalog_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'published catalog versions are kept as published (% refused)', TG_OP;
END $$;
CREATE TRIGGER catalog_versions_kept BEFORE UPDATE OR DELETE ON catalog_versions
    FOR EACH ROW EXECUTE FUNCTION hh_catalog_kept();
CREATE TRIGGER catalog_versions_kept_truncate BEFORE TRUNCATE ON catalog_versions
    FOR EACH STATEMENT EXECUTE FUNCTION hh_catalog_kept();
CREATE TRIGGER catalog_files_kept BEFORE UPDATE OR DELETE ON catalog_files
    FOR EACH ROW EXECUTE FUNCTION hh_catalog_kept();
CREATE TRIGGER catalog_files_kept_truncate BEFORE TRUNCATE ON catalog_files
    FOR EACH STATEMENT EXECUTE FUNCTION hh_catalog_kept();

-- The checksum of a version: SHA-256 of one line "path sha256\n" per file in path order
-- (catalog/published.py computes the same on the desk and before publishing).
CREATE FUNCTION hh_catalog_checksum(p_paths text[], p_contents bytea[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(coalesce(string_agg(
        f.path || ' ' || encode(sha256(f.content), 'hex') || E'\n', '' ORDER BY f.path COLLATE "C"
    ), ''), 'UTF8')), 'hex')
    FROM unnest(p_paths, p_contents) AS f (path, content)
$$;

CREATE FUNCTION hh_publish_catalog(
    p_paths text[], p_contents bytea[], p_checksum text, p_note text
) RETURNS TABLE (version integer, published_at timestamptz, created boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    newest_version integer;
    newest_checksum text;
    newest_at timestamptz;
    next_version integer;
    bad_path text;
BEGIN
    -- One publication at a time, so version numbers follow one another.
    PERFORM pg_advisory_xact_lock(hashtext('hh_publish_catalog'));
    IF coalesce(array_length(p_paths, 1), 0) = 0
        OR array_length(p_paths, 1) IS DISTINCT FROM array_length(p_contents, 1) THEN
        RAISE EXCEPTION 'a catalog version needs at least one file, each with its content'
            USING ERRCODE = '22000';
    END IF;
    IF array_length(p_paths, 1) > 400 THEN
        RAISE EXCEPTION 'a catalog version holds at most 400 files' USING ERRCODE = '22000';
    END IF;
    SELECT p INTO bad_path FROM unnest(p_paths) AS p
        WHERE p IS NULL OR p !~ ('^((catalog|guides)/[A-Za-z0-9_.-]+\.toml'
            || '|join_modes/join_modes\.toml|images/guides/[A-Za-z0-9_.-]+\.(svg|png))$')
        LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'a catalog version may not hold the file %', bad_path
            USING ERRCODE = '22000';
    END IF;
    IF (SELECT count(DISTINCT p) FROM unnest(p_paths) AS p) <> array_length(p_paths, 1) THEN
        RAISE EXCEPTION 'a catalog version holds a file twice' USING ERRCODE = '22000';
    END IF;
    IF (SELECT sum(octet_length(c)) FROM unnest(p_contents) AS c) > 32 * 1024 * 1024 THEN
        RAISE EXCEPTION 'a catalog version holds at most 32 MB' USING ERRCODE = '22000';
    END IF;
    IF hh_catalog_checksum(p_paths, p_contents) <> p_checksum THEN
        RAISE EXCEPTION 'the files arrived damaged (their checksum differs from the one sent)'
            USING ERRCODE = '22000';
    END IF;
    SELECT v.version, v.checksum, v.published_at
        INTO newest_version, newest_checksum, newest_at
        FROM public.catalog_versions v ORDER BY v.version DESC LIMIT 1;
    IF newest_checksum = p_checksum THEN  -- the same files again: no new version
        RETURN QUERY SELECT newest_version, newest_at, false;
        RETURN;
    END IF;
    next_version := coalesce(newest_version, 0) + 1;
    INSERT INTO public.catalog_versions (version, checksum, file_count, total_bytes, note)
        SELECT next_version, p_checksum, array_length(p_paths, 1),
               (SELECT sum(octet_length(c)) FROM unnest(p_contents) AS c), coalesce(p_note, '');
    INSERT INTO public.catalog_files (version, path, content, sha256)
        SELECT next_version, f.path, f.content, encode(sha256(f.content), 'hex')
        FROM unnest(p_paths, p_contents) AS f (path, content);
    RETURN QUERY SELECT v.version, v.published_at, true
        FROM public.catalog_versions v WHERE v.version = next_version;
END $$;

-- What a desk may read: the newest version's description, and one version's files.
CREATE FUNCTION hh_catalog_latest() RETURNS TABLE (
    version integer, checksum text, published_at timestamptz, published_by text,
    file_count integer
) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT v.version, v.checksum, v.published_at, v.published_by, v.file_count
    FROM public.catalog_versions v ORDER BY v.version DESC LIMIT 1
$$;

CREATE FUNCTION hh_catalog_files(p_version integer) RETURNS TABLE (
    path text, content bytea, sha256 text
) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT f.path, f.content, f.sha256 FROM public.catalog_files f
    WHERE f.version = p_version ORDER BY f.path
$$;
