-- Hand-written (drizzle-kit generate --custom): keep this file when regenerating migrations.
--
-- An activity's session summary (0004: next session, next session with a place, days and times) was recomputed
-- over all the activity's upcoming sessions after EVERY update of a session, so every booking and cancellation
-- (booked_count) paid for an aggregate over the whole timetable, inside the session's row lock. Now an update
-- refreshes it only when something the summary reads changed: which activity, the status, the start, or whether
-- the session has a place (a booking matters only when it takes the last place, a cancellation when it frees one).
CREATE OR REPLACE FUNCTION lw_sessions_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    changed uuid[];
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM lw_refresh_session_summary(ARRAY(SELECT DISTINCT activity_id FROM lw_new_sessions));
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM lw_refresh_session_summary(ARRAY(SELECT DISTINCT activity_id FROM lw_old_sessions));
    ELSE
      changed := ARRAY(
        SELECT DISTINCT unnest(ARRAY[n.activity_id, o.activity_id])
          FROM lw_new_sessions n
          JOIN lw_old_sessions o ON o.id = n.id
         WHERE n.activity_id IS DISTINCT FROM o.activity_id
            OR n.status IS DISTINCT FROM o.status
            OR n.starts_at IS DISTINCT FROM o.starts_at
            OR (n.booked_count < n.capacity) IS DISTINCT FROM (o.booked_count < o.capacity));
      IF cardinality(changed) > 0 THEN
        PERFORM lw_refresh_session_summary(changed);
      END IF;
    END IF;
    RETURN NULL;
  END
  $$;
