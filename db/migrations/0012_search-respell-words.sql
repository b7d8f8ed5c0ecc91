-- Hand-written (drizzle-kit generate --custom): keep this file when regenerating migrations.
--
-- Close spellings, corrected on whole words instead of stems. Replacing an
-- unknown *stem* with the nearest known one missed common typos ("meditaion",
-- "swiming": their stems share few trigrams with "medit", "swim") and turned
-- correct words with no match into unrelated ones ("dancing" → danc → danburi).
-- Now each typed word whose stem no published activity uses is replaced by the
-- nearest *word* they use (search_words, trigram index), starting with the same
-- letter and at most two letters longer or shorter (typos rarely change the
-- first letter; without these, "wlaking" became the town "Woking").
CREATE OR REPLACE FUNCTION lw_document_words(title text, summary text, description text, tags text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(w ORDER BY w), '{}')
      FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig,
             lw_unaccent(concat_ws(' ', title, summary, description, array_to_string(tags, ' ')))))) AS w
     WHERE w ~ '^[[:alpha:]]{3,}$'
  $$;--> statement-breakpoint
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
      FROM lw_new_activities n, unnest(lw_document_words(n.title, n.summary, n.description, n.tags)) AS w(word)
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
    SELECT DISTINCT w.word FROM unnest(lw_document_words(NEW.title, NEW.summary, NEW.description, NEW.tags)) AS w(word)
     ORDER BY 1
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $$;--> statement-breakpoint
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
         SELECT unnest(lw_document_words(title, summary, description, tags)) FROM activities WHERE status = 'published')
      RETURNING 1)
    SELECT ((SELECT count(*) FROM stems) + (SELECT count(*) FROM words))::int
  $$;--> statement-breakpoint
INSERT INTO search_words (word)
SELECT DISTINCT unnest(lw_document_words(title, summary, description, tags)) FROM activities WHERE status = 'published'
ON CONFLICT DO NOTHING;--> statement-breakpoint
--
-- The search text with each unknown word respelled. Hyphens between letters
-- become spaces first, so "tai-chi" also finds "Tai Chi" (the parser keeps
-- "tai-chi" as one more word that plain text does not have). Operators
-- ("phrases", -exclusions, or) are left as typed.
CREATE OR REPLACE FUNCTION lw_respell(query text) RETURNS text
  LANGUAGE plpgsql STABLE
  SET pg_trgm.similarity_threshold = 0.3
  AS $$
  DECLARE
    typed text;
    stems text[];
    closest text;
    corrected text := regexp_replace(query, '([[:alpha:]])-(?=[[:alpha:]])', '\1 ', 'g');
  BEGIN
    FOR typed IN SELECT DISTINCT lower(m[1]) FROM regexp_matches(corrected, '([[:alpha:]]{3,})', 'g') AS m
    LOOP
      stems := tsvector_to_array(to_tsvector('english'::regconfig, typed));
      -- A stop word ("the", "with"), or a word some published activity uses: not a typo.
      CONTINUE WHEN cardinality(stems) = 0 OR EXISTS (SELECT 1 FROM search_lexemes WHERE lexeme = ANY (stems));
      SELECT word INTO closest FROM search_words
       WHERE word % typed AND left(word, 1) = left(typed, 1) AND abs(length(word) - length(typed)) <= 2
       ORDER BY word <-> typed, word
       LIMIT 1;
      IF closest IS NOT NULL THEN
        corrected := regexp_replace(corrected, '\m' || typed || '\M', closest, 'gi');
      END IF;
    END LOOP;
    RETURN corrected;
  END
  $$;--> statement-breakpoint
DROP FUNCTION IF EXISTS lw_correct_spelling(tsquery);
