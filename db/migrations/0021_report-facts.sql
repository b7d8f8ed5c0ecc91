CREATE TABLE "report_referral_facts" (
	"referral_id" uuid PRIMARY KEY NOT NULL,
	"accepted" boolean NOT NULL,
	"booked" boolean NOT NULL,
	"first_attended_at" timestamp with time zone,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_referral_facts" ADD CONSTRAINT "report_referral_facts_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referrals_created_idx" ON "referrals" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "bookings_referral_idx" ON "bookings" USING btree ("referral_id");