-- Extensions used for geo search (cube + earthdistance), typo-tolerant text
-- (pg_trgm) and accent-insensitive text search (unaccent). All four ship with
-- PostgreSQL's contrib and with PGlite, so the same migrations run on both.
CREATE EXTENSION IF NOT EXISTS cube;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change), so it cannot feed a
-- generated column or an index; pinning the dictionary makes this wrapper safe
-- to declare IMMUTABLE.
CREATE OR REPLACE FUNCTION lw_unaccent(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, input) $$;
--> statement-breakpoint
-- The weighted English document an activity is searched by: title first, then
-- summary and tags, then the description.
CREATE OR REPLACE FUNCTION lw_activity_document(title text, summary text, description text, tags text[])
  RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT setweight(to_tsvector('english'::regconfig, lw_unaccent(coalesce(title, ''))), 'A')
        || setweight(to_tsvector('english'::regconfig, lw_unaccent(coalesce(summary, '') || ' ' || coalesce(array_to_string(tags, ' '), ''))), 'B')
        || setweight(to_tsvector('english'::regconfig, lw_unaccent(coalesce(description, ''))), 'C')
  $$;
