CREATE INDEX "referrals_created_idx" ON "referrals" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "bookings_referral_idx" ON "bookings" USING btree ("referral_id");