ALTER TABLE "referrals" ADD COLUMN "details_removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "details_removed_reason" text;