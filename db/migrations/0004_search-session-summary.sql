-- Hand-written (drizzle-kit generate --custom): keep this file when regenerating migrations.
--
-- Search filters and sorts on an activity's upcoming sessions (which days and
-- times it meets, whether a session soon has a place, the next start). Reading
-- sessions row by row for every activity inside a radius is the slow part of a
-- search, so each activity carries a summary, recomputed here whenever its
-- sessions change (any writer: materialisation, organisers, bookings) and by
-- the worker as sessions pass. Search treats a summary time in the past as
-- stale and checks sessions directly for that row.
CREATE OR REPLACE FUNCTION lw_refresh_session_summary(activity_ids uuid[]) RETURNS void
  LANGUAGE sql VOLATILE
  AS $$
    UPDATE activities a
       SET next_session_at = s.next_at,
           next_open_session_at = s.open_at,
           session_slots = s.slots
      FROM (
        SELECT x.id,
               min(se.starts_at) AS next_at,
               min(se.starts_at) FILTER (WHERE se.booked_count < se.capacity) AS open_at,
               coalesce(bit_or(1 << (
                 (extract(isodow FROM se.starts_at AT TIME ZONE x.timezone)::int - 1) * 3
                 + CASE WHEN extract(hour FROM se.starts_at AT TIME ZONE x.timezone) < 12 THEN 0
                        WHEN extract(hour FROM se.starts_at AT TIME ZONE x.timezone) < 17 THEN 1
                        ELSE 2 END)), 0) AS slots
          -- A join, not id = ANY(activity_ids): a large array would be searched once per row.
          FROM (SELECT DISTINCT u.id FROM unnest(activity_ids) AS u(id)) ids
          JOIN activities x ON x.id = ids.id
          LEFT JOIN sessions se
            ON se.activity_id = x.id AND se.status = 'scheduled' AND se.starts_at >= now()
         GROUP BY x.id
      ) s
     WHERE a.id = s.id
       AND (a.next_session_at, a.next_open_session_at, a.session_slots)
           IS DISTINCT FROM (s.next_at, s.open_at, s.slots)
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lw_sessions_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM lw_refresh_session_summary(ARRAY(SELECT DISTINCT activity_id FROM lw_new_sessions));
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM lw_refresh_session_summary(ARRAY(SELECT DISTINCT activity_id FROM lw_old_sessions));
    ELSE
      PERFORM lw_refresh_session_summary(ARRAY(
        SELECT activity_id FROM lw_new_sessions UNION SELECT activity_id FROM lw_old_sessions));
    END IF;
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER sessions_summary_insert AFTER INSERT ON sessions
  REFERENCING NEW TABLE AS lw_new_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION lw_sessions_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_summary_update AFTER UPDATE ON sessions
  REFERENCING OLD TABLE AS lw_old_sessions NEW TABLE AS lw_new_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION lw_sessions_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_summary_delete AFTER DELETE ON sessions
  REFERENCING OLD TABLE AS lw_old_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION lw_sessions_changed();
--> statement-breakpoint
-- Days and times are local to the activity, so a new time zone moves its slots.
CREATE OR REPLACE FUNCTION lw_activity_timezone_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM lw_refresh_session_summary(ARRAY[NEW.id]);
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER activities_timezone_summary AFTER UPDATE OF timezone ON activities
  FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone)
  EXECUTE FUNCTION lw_activity_timezone_changed();
--> statement-breakpoint
SELECT lw_refresh_session_summary(ARRAY(SELECT id FROM activities));
