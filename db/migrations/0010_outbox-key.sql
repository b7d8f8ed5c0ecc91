ALTER TABLE "outbox" ADD COLUMN "key" text;--> statement-breakpoint
CREATE INDEX "outbox_key_idx" ON "outbox" USING btree ("key") WHERE key is not null;