-- Hand-written (drizzle-kit generate --custom): keep this file when regenerating migrations.
--
-- Search words also match an activity's kind and its organiser: "walking" finds
-- an activity in "Walking groups" whose own text never says walking, and
-- "ramblers" finds the Kirkstall Ramblers' activities. A generated column can
-- read only its own row, so search_context holds the category's and the
-- organisation's names, kept by triggers here (on the activity, and when a
-- category or organisation is renamed), and search_vector adds it at the lowest
-- weight (D), so an activity's own words still rank first.
ALTER TABLE "activities" ADD COLUMN "search_context" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_activity_context(category text, organisation_id uuid) RETURNS text
  LANGUAGE sql STABLE
  AS $$
    SELECT concat_ws(' ', (SELECT c.name FROM categories c WHERE c.slug = category),
                          (SELECT o.name FROM organisations o WHERE o.id = organisation_id))
  $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_activity_document(title text, summary text, description text, tags text[], context text)
  RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT lw_activity_document(title, summary, description, tags)
        || setweight(to_tsvector('english'::regconfig, lw_unaccent(coalesce(context, ''))), 'D')
  $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_document_words(title text, summary text, description text, tags text[], context text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(w ORDER BY w), '{}')
      FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig,
             lw_unaccent(concat_ws(' ', title, summary, description, array_to_string(tags, ' '), context))))) AS w
     WHERE w ~ '^[[:alpha:]]{3,}$'
  $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_set_activity_context() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    NEW.search_context := lw_activity_context(NEW.category, NEW.organisation_id);
    RETURN NEW;
  END
  $$;--> statement-breakpoint
CREATE TRIGGER activities_search_context BEFORE INSERT OR UPDATE OF category, organisation_id ON activities
  FOR EACH ROW EXECUTE FUNCTION lw_set_activity_context();--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_category_renamed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    UPDATE activities SET search_context = lw_activity_context(category, organisation_id) WHERE category = NEW.slug;
    RETURN NULL;
  END
  $$;--> statement-breakpoint
CREATE TRIGGER categories_search_context AFTER UPDATE OF name, slug ON categories
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION lw_category_renamed();--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_organisation_renamed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    UPDATE activities SET search_context = lw_activity_context(category, organisation_id) WHERE organisation_id = NEW.id;
    RETURN NULL;
  END
  $$;--> statement-breakpoint
CREATE TRIGGER organisations_search_context AFTER UPDATE OF name ON organisations
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION lw_organisation_renamed();--> statement-breakpoint
UPDATE activities SET search_context = lw_activity_context(category, organisation_id);--> statement-breakpoint
-- The document itself: the trigger that reads it goes first, then the column and its index come back.
DROP TRIGGER IF EXISTS activities_lexemes_update ON activities;--> statement-breakpoint
ALTER TABLE "activities" DROP COLUMN "search_vector";--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (lw_activity_document(title, summary, description, tags, search_context)) STORED;--> statement-breakpoint
CREATE INDEX "activities_search_idx" ON "activities" USING gin ("search_vector");--> statement-breakpoint
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
    INSERT INTO search_words (word)
    SELECT DISTINCT w.word
      FROM lw_new_activities n, unnest(lw_document_words(n.title, n.summary, n.description, n.tags, n.search_context)) AS w(word)
     WHERE n.status = 'published'
     ORDER BY 1
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_collect_changed_lexemes() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO search_lexemes (lexeme)
    SELECT DISTINCT l.lexeme FROM unnest(tsvector_to_array(NEW.search_vector)) AS l(lexeme)
     ORDER BY 1
    ON CONFLICT DO NOTHING;
    INSERT INTO search_words (word)
    SELECT DISTINCT w.word FROM unnest(lw_document_words(NEW.title, NEW.summary, NEW.description, NEW.tags, NEW.search_context)) AS w(word)
     ORDER BY 1
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $$;--> statement-breakpoint
CREATE TRIGGER activities_lexemes_update AFTER UPDATE OF title, summary, description, tags, search_context, status ON activities
  FOR EACH ROW
  WHEN (NEW.status = 'published' AND (OLD.status <> 'published' OR OLD.search_vector IS DISTINCT FROM NEW.search_vector))
  EXECUTE FUNCTION lw_collect_changed_lexemes();--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_prune_search_lexemes() RETURNS integer
  LANGUAGE sql VOLATILE
  AS $$
    WITH stems AS (
      DELETE FROM search_lexemes
       WHERE lexeme NOT IN (
         SELECT unnest(tsvector_to_array(search_vector)) FROM activities WHERE status = 'published')
      RETURNING 1),
    words AS (
      DELETE FROM search_words
       WHERE word NOT IN (
         SELECT unnest(lw_document_words(title, summary, description, tags, search_context)) FROM activities WHERE status = 'published')
      RETURNING 1)
    SELECT ((SELECT count(*) FROM stems) + (SELECT count(*) FROM words))::int
  $$;--> statement-breakpoint
INSERT INTO search_lexemes (lexeme)
SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM activities WHERE status = 'published'
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO search_words (word)
SELECT DISTINCT unnest(lw_document_words(title, summary, description, tags, search_context)) FROM activities WHERE status = 'published'
ON CONFLICT DO NOTHING;
