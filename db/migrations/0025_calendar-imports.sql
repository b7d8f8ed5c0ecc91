CREATE TABLE "activity_calendar_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"url" text,
	"linked_by" uuid,
	"last_checked_at" timestamp with time zone,
	"last_good_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_import_sessions" (
	"import_id" uuid NOT NULL,
	"event_key" text NOT NULL,
	"session_id" uuid NOT NULL,
	"attention" text
);
--> statement-breakpoint
ALTER TABLE "activity_calendar_imports" ADD CONSTRAINT "activity_calendar_imports_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_calendar_imports" ADD CONSTRAINT "activity_calendar_imports_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_import_sessions" ADD CONSTRAINT "calendar_import_sessions_import_id_activity_calendar_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."activity_calendar_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_import_sessions" ADD CONSTRAINT "calendar_import_sessions_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activity_calendar_imports_activity_idx" ON "activity_calendar_imports" USING btree ("activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_import_sessions_key_idx" ON "calendar_import_sessions" USING btree ("import_id","event_key");--> statement-breakpoint
CREATE INDEX "calendar_import_sessions_session_idx" ON "calendar_import_sessions" USING btree ("session_id");