ALTER TABLE "referrals" ADD COLUMN "baseline_choice" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "baseline_reason" text;