-- Hand-written (drizzle-kit generate --custom): keep this file when regenerating migrations.
--
-- Typos judged by edit distance (issue 15). Trigram similarity alone missed
-- short words with a letter dropped or swapped ("yoa" shares two of seven
-- trigrams with "yoga"; "excersise" four of fifteen with "exercise"). Now a
-- typed word whose stem no published activity uses is replaced by the known
-- word at the smallest Levenshtein distance: at most 1 for words of up to four
-- letters, 2 for longer ones (lw_typo_allowance). The candidates still come
-- from the trigram GiST index on search_words, read nearest-first (a KNN scan,
-- no similarity threshold) and capped, so a lookup reads a few dozen index
-- entries however many words are known; the edit distance is computed only for
-- those. The first letter must still match (without that, "wlaking" became the
-- town "Woking").
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_typo_allowance(typed text) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT CASE WHEN length(typed) <= 4 THEN 1 ELSE 2 END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_respell(query text) RETURNS text
  LANGUAGE plpgsql STABLE
  AS $$
  DECLARE
    typed text;
    stems text[];
    allowance integer;
    closest text;
    corrected text := regexp_replace(query, '([[:alpha:]])-(?=[[:alpha:]])', '\1 ', 'g');
  BEGIN
    FOR typed IN SELECT DISTINCT lower(m[1]) FROM regexp_matches(corrected, '([[:alpha:]]{3,})', 'g') AS m
    LOOP
      stems := tsvector_to_array(to_tsvector('english'::regconfig, typed));
      -- A stop word ("the", "with"), or a word some published activity uses: not a typo.
      CONTINUE WHEN cardinality(stems) = 0 OR EXISTS (SELECT 1 FROM search_lexemes WHERE lexeme = ANY (stems));
      allowance := lw_typo_allowance(typed);
      SELECT k.word INTO closest
        FROM (SELECT w.word, w.word <-> typed AS apart
                FROM search_words w
               WHERE left(w.word, 1) = left(typed, 1) AND abs(length(w.word) - length(typed)) <= allowance
               ORDER BY w.word <-> typed
               LIMIT 64) k
       WHERE levenshtein_less_equal(k.word, typed, allowance) <= allowance
       ORDER BY levenshtein_less_equal(k.word, typed, allowance), k.apart, k.word
       LIMIT 1;
      IF closest IS NOT NULL THEN
        corrected := regexp_replace(corrected, '\m' || typed || '\M', closest, 'gi');
      END IF;
    END LOOP;
    RETURN corrected;
  END
  $$;
