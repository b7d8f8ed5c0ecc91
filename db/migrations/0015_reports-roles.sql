ALTER TABLE "users" ADD COLUMN "is_commissioner" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "decline_reason_kind" text;