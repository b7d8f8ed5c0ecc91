CREATE TABLE "action_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_action_id" uuid NOT NULL,
	"day" date NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"via" text DEFAULT 'page' NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connection_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group" text NOT NULL,
	"title" text NOT NULL,
	"how_to" text NOT NULL,
	"rhythm" text NOT NULL,
	"times_per_week" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connection_actions_rhythm_check" CHECK (("connection_actions"."rhythm" = 'weekly') = ("connection_actions"."times_per_week" is not null) and coalesce("connection_actions"."times_per_week", 1) between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE "referral_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"library_action_id" uuid,
	"title" text NOT NULL,
	"how_to" text,
	"rhythm" text NOT NULL,
	"times_per_week" integer,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"added_by_user_id" uuid,
	"stopped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_actions_dates_check" CHECK ("referral_actions"."ends_on" >= "referral_actions"."starts_on"),
	CONSTRAINT "referral_actions_rhythm_check" CHECK (("referral_actions"."rhythm" = 'weekly') = ("referral_actions"."times_per_week" is not null) and coalesce("referral_actions"."times_per_week", 1) between 1 and 7)
);
--> statement-breakpoint
ALTER TABLE "action_logs" ADD CONSTRAINT "action_logs_referral_action_id_referral_actions_id_fk" FOREIGN KEY ("referral_action_id") REFERENCES "public"."referral_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_actions" ADD CONSTRAINT "referral_actions_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_actions" ADD CONSTRAINT "referral_actions_library_action_id_connection_actions_id_fk" FOREIGN KEY ("library_action_id") REFERENCES "public"."connection_actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_actions" ADD CONSTRAINT "referral_actions_added_by_user_id_users_id_fk" FOREIGN KEY ("added_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "action_logs_action_day_key" ON "action_logs" USING btree ("referral_action_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "connection_actions_title_key" ON "connection_actions" USING btree (lower("title"));--> statement-breakpoint
CREATE INDEX "referral_actions_referral_idx" ON "referral_actions" USING btree ("referral_id");--> statement-breakpoint
-- The starting library of connection actions, in plain words. Admins edit it at /admin/actions.
INSERT INTO "connection_actions" ("group", "title", "how_to", "rhythm", "times_per_week", "sort_order") VALUES
  ('connect', 'Call an old friend', 'Pick someone you have not spoken to for a while and give them a ring, even for five minutes.', 'weekly', 1, 10),
  ('connect', 'Say hello to a neighbour', 'Stop for a chat over the fence, on the doorstep or at the bus stop.', 'weekly', 3, 20),
  ('connect', 'Go to a coffee morning', 'Try the coffee morning at your library, church or community centre. You do not need to book.', 'weekly', 1, 30),
  ('connect', 'Write a letter or card', 'Send a few lines to a family member or friend. It does not need to be long.', 'once', NULL, 40),
  ('connect', 'Eat a meal with someone', 'Share a meal or a cup of tea with a friend, family member or neighbour.', 'weekly', 2, 50),
  ('move', 'Walk with a neighbour', 'Ask a neighbour or friend to walk with you, round the block or to the shops.', 'weekly', 2, 60),
  ('move', 'A ten-minute walk', 'Step outside for ten minutes at your own pace. A walk to the end of the road counts.', 'daily', NULL, 70),
  ('move', 'Stretch in the morning', 'Gentle stretches for five minutes after you get up, sitting or standing.', 'daily', NULL, 80),
  ('move', 'Dance to a favourite song', 'Put on a song you love and move to it, in your chair or on your feet.', 'weekly', 3, 90),
  ('reflect', 'Three good things', 'Each evening, write down three things that went well today, however small.', 'daily', NULL, 100),
  ('reflect', 'Sit outside for a while', 'Spend ten minutes in a garden, park or by a window and notice what you see and hear.', 'weekly', 3, 110),
  ('reflect', 'Plan something to look forward to', 'Choose one thing you would enjoy next week and put it on your calendar.', 'weekly', 1, 120),
  ('reflect', 'A few slow breaths', 'Sit comfortably and take five slow breaths, in through your nose and out through your mouth.', 'daily', NULL, 130),
  ('give', 'Do a small kindness', 'Hold a door, carry a bag, or thank someone who helped you.', 'weekly', 3, 140),
  ('give', 'Check on someone', 'Knock on a neighbour''s door or send a message to see how someone is doing.', 'weekly', 1, 150),
  ('give', 'Offer an hour to a local group', 'Ask a local group, shop or food bank if they could use a hand for an hour.', 'once', NULL, 160),
  ('learn', 'Visit the library', 'Pop in to your local library: borrow a book, read the paper or ask what is on.', 'weekly', 1, 170),
  ('learn', 'Try a new recipe', 'Cook something you have not made before. A simple one is fine.', 'weekly', 1, 180),
  ('learn', 'Listen to something new', 'Try a radio programme, podcast or audiobook on a subject you know little about.', 'weekly', 2, 190),
  ('learn', 'Learn one thing on your phone', 'Ask someone to show you one thing on your phone or tablet, like a video call.', 'once', NULL, 200)
ON CONFLICT DO NOTHING;
