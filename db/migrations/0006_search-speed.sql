CREATE TABLE "search_lexemes" (
	"lexeme" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "activities_title_trgm_idx";--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "search_flags" integer GENERATED ALWAYS AS ((CASE WHEN cost_type = 'free' THEN 1 ELSE 0 END) | (CASE WHEN self_referral THEN 2 ELSE 0 END) | (CASE WHEN drop_in THEN 4 ELSE 0 END) | (CASE WHEN online THEN 8 ELSE 0 END) | (CASE WHEN 'step_free' = ANY (accessibility) THEN 16 ELSE 0 END) | (CASE WHEN 'accessible_toilet' = ANY (accessibility) THEN 32 ELSE 0 END) | (CASE WHEN 'hearing_loop' = ANY (accessibility) THEN 64 ELSE 0 END) | (CASE WHEN 'bsl' = ANY (accessibility) THEN 128 ELSE 0 END) | (CASE WHEN 'seating' = ANY (accessibility) THEN 256 ELSE 0 END) | (CASE WHEN 'quiet_space' = ANY (accessibility) THEN 512 ELSE 0 END) | (CASE WHEN 'parking' = ANY (accessibility) THEN 1024 ELSE 0 END) | (CASE WHEN 'public_transport' = ANY (accessibility) THEN 2048 ELSE 0 END) | (CASE WHEN 'large_print' = ANY (accessibility) THEN 4096 ELSE 0 END)) STORED;--> statement-breakpoint
CREATE INDEX "search_lexemes_trgm_idx" ON "search_lexemes" USING gist ("lexeme" gist_trgm_ops);