DROP INDEX "activities_earth_idx";--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "geo" "earth" GENERATED ALWAYS AS (ll_to_earth(lat, lng)) STORED;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "next_session_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "next_open_session_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "session_slots" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "activities_geo_idx" ON "activities" USING gist ("geo") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "activities_next_session_idx" ON "activities" USING btree ("next_session_at");--> statement-breakpoint
CREATE INDEX "activities_online_idx" ON "activities" USING btree ("next_session_at") WHERE status = 'published' AND online;