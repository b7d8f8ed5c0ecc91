CREATE TABLE "report_referral_days" (
	"day" date NOT NULL,
	"town" text NOT NULL,
	"category" text NOT NULL,
	"referrer_org" text NOT NULL,
	"referred" integer NOT NULL,
	"accepted" integer NOT NULL,
	"booked" integer NOT NULL,
	"attended" integer NOT NULL,
	"completed" integer NOT NULL,
	"declined" integer NOT NULL,
	"open" integer NOT NULL,
	"stalled" integer NOT NULL,
	"stalled_no_shows" integer NOT NULL,
	"stalled_no_booking" integer NOT NULL,
	"days_to_attend" double precision[] NOT NULL,
	"reasons" jsonb NOT NULL,
	"declines" jsonb NOT NULL,
	CONSTRAINT "report_referral_days_day_town_category_referrer_org_pk" PRIMARY KEY("day","town","category","referrer_org")
);
--> statement-breakpoint
CREATE TABLE "report_rollup_state" (
	"name" text PRIMARY KEY NOT NULL,
	"covered_until" date NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"rebuilt_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_search_days" (
	"day" date NOT NULL,
	"category" text NOT NULL,
	"searches" integer NOT NULL,
	"found_nothing" integer NOT NULL,
	CONSTRAINT "report_search_days_day_category_pk" PRIMARY KEY("day","category")
);
--> statement-breakpoint
CREATE TABLE "report_unmet_search_cells" (
	"day" date NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"category" text NOT NULL,
	"searches" integer NOT NULL,
	CONSTRAINT "report_unmet_search_cells_day_lat_lng_category_pk" PRIMARY KEY("day","lat","lng","category")
);
