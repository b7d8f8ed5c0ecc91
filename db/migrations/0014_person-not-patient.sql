-- Hand-written (drizzle-kit generate --custom): keep this file when regenerating migrations.
--
-- The person referred is "person" everywhere in code and in the database
-- (decision 030): their columns, the event actor and the private link's
-- token purpose. Renames keep the data; the two stored values are rewritten.
ALTER TABLE "referrals" RENAME COLUMN "patient_first_name" TO "person_first_name";--> statement-breakpoint
ALTER TABLE "referrals" RENAME COLUMN "patient_last_name" TO "person_last_name";--> statement-breakpoint
ALTER TABLE "referrals" RENAME COLUMN "patient_email" TO "person_email";--> statement-breakpoint
ALTER TABLE "referrals" RENAME COLUMN "patient_phone" TO "person_phone";--> statement-breakpoint
UPDATE "referral_events" SET "actor_type" = 'person' WHERE "actor_type" = 'patient';--> statement-breakpoint
UPDATE "one_time_tokens" SET "purpose" = 'person_link' WHERE "purpose" = 'patient_link';
