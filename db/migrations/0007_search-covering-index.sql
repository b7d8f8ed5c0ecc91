-- Hand-written (drizzle-kit generate --custom): keep this file when regenerating migrations.
--
-- 1. A radius search counts and facets every published activity inside the
--    radius (in a city, a few thousand). Reading those wide rows from the heap
--    was most of its time, so the geo index carries the few columns search
--    filters, sorts and facets on, and PostgreSQL answers from the index alone
--    (an index-only scan; cube's GiST keys are stored whole, so they can be
--    returned). Drizzle cannot declare INCLUDE, so the schema keeps the plain
--    definition and this migration rebuilds it.
DROP INDEX IF EXISTS "activities_geo_idx";--> statement-breakpoint
CREATE INDEX "activities_geo_idx" ON "activities" USING gist ("geo")
  INCLUDE ("id", "category", "session_slots", "search_flags", "next_session_at", "next_open_session_at")
  WHERE status = 'published';--> statement-breakpoint
--
-- 2. Close spellings. search_lexemes holds every word stem of published
--    activities; a search word that is not one of them is replaced by the
--    nearest stem by trigram similarity ("walkng" → walk, "yogga" → yoga),
--    through the trigram index: never a scan of titles. Only rows that can add
--    stems fire the triggers (inserts; updates of the text or status); stems
--    nobody uses any more are pruned by the worker (lw_prune_search_lexemes).
CREATE OR REPLACE FUNCTION lw_collect_new_lexemes() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO search_lexemes (lexeme)
    SELECT DISTINCT l.lexeme
      FROM lw_new_activities n, unnest(tsvector_to_array(n.search_vector)) AS l(lexeme)
     WHERE n.status = 'published'
     ORDER BY 1
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $$;--> statement-breakpoint
CREATE TRIGGER activities_lexemes_insert AFTER INSERT ON activities
  REFERENCING NEW TABLE AS lw_new_activities
  FOR EACH STATEMENT EXECUTE FUNCTION lw_collect_new_lexemes();--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_collect_changed_lexemes() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO search_lexemes (lexeme)
    SELECT DISTINCT l.lexeme FROM unnest(tsvector_to_array(NEW.search_vector)) AS l(lexeme)
     ORDER BY 1
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $$;--> statement-breakpoint
-- Row by row with a column list: the frequent session-summary updates never fire it.
CREATE TRIGGER activities_lexemes_update AFTER UPDATE OF title, summary, description, tags, status ON activities
  FOR EACH ROW
  WHEN (NEW.status = 'published' AND (OLD.status <> 'published' OR OLD.search_vector IS DISTINCT FROM NEW.search_vector))
  EXECUTE FUNCTION lw_collect_changed_lexemes();--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_prune_search_lexemes() RETURNS integer
  LANGUAGE sql VOLATILE
  AS $$
    WITH gone AS (
      DELETE FROM search_lexemes
       WHERE lexeme NOT IN (
         SELECT unnest(tsvector_to_array(search_vector)) FROM activities WHERE status = 'published')
      RETURNING 1)
    SELECT count(*)::int FROM gone
  $$;--> statement-breakpoint
INSERT INTO search_lexemes (lexeme)
SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM activities WHERE status = 'published'
ON CONFLICT DO NOTHING;--> statement-breakpoint
--
-- The query with each unknown stem replaced by the closest known one (trigram
-- similarity at least 0.3, the nearest first); stems with no close match stay
-- as they are. Operators (or, -, "phrases") are kept: ts_rewrite swaps nodes.
CREATE OR REPLACE FUNCTION lw_correct_spelling(query tsquery) RETURNS tsquery
  LANGUAGE plpgsql STABLE
  SET pg_trgm.similarity_threshold = 0.3
  AS $$
  DECLARE
    word text;
    closest text;
    corrected tsquery := query;
  BEGIN
    FOR word IN
      SELECT DISTINCT replace(m[1], '''''', '''') FROM regexp_matches(query::text, '''((?:[^'']|'''')+)''', 'g') AS m
    LOOP
      CONTINUE WHEN EXISTS (SELECT 1 FROM search_lexemes WHERE lexeme = word);
      SELECT lexeme INTO closest FROM search_lexemes WHERE lexeme % word ORDER BY lexeme <-> word, lexeme LIMIT 1;
      IF closest IS NOT NULL THEN
        corrected := ts_rewrite(corrected, quote_literal(word)::tsquery, quote_literal(closest)::tsquery);
      END IF;
    END LOOP;
    RETURN corrected;
  END
  $$;
