CREATE TABLE "dev_texts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dev_texts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"direction" text DEFAULT 'out' NOT NULL,
	"to" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "text_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "text_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"reference" text NOT NULL,
	"key" text,
	"to" text NOT NULL,
	"provider" text NOT NULL,
	"provider_id" text,
	"status" text DEFAULT 'sent' NOT NULL,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nudge_settings" (
	"referral_id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"time_of_day" text DEFAULT 'morning' NOT NULL,
	"frequency" text DEFAULT 'daily' NOT NULL,
	"stopped_at" timestamp with time zone,
	"stopped_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nudges" (
	"id" text PRIMARY KEY NOT NULL,
	"referral_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"referral_action_id" uuid,
	"secret_hash" "bytea" NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "activity_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "nudge_settings" ADD CONSTRAINT "nudge_settings_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nudges" ADD CONSTRAINT "nudges_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nudges" ADD CONSTRAINT "nudges_referral_action_id_referral_actions_id_fk" FOREIGN KEY ("referral_action_id") REFERENCES "public"."referral_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "text_messages_reference_key" ON "text_messages" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "text_messages_key_idx" ON "text_messages" USING btree ("key");--> statement-breakpoint
CREATE INDEX "text_messages_provider_id_idx" ON "text_messages" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "nudges_referral_day_key" ON "nudges" USING btree ("referral_id","day","kind");--> statement-breakpoint
CREATE INDEX "nudges_referral_sent_idx" ON "nudges" USING btree ("referral_id","sent_at");