import { sql } from "drizzle-orm";
import { getDb, queryRows } from "../../db/client";

/** Row counts of the tables a referral change writes to, to prove a refusal wrote nothing. */
export async function snapshotCounts() {
  const db = await getDb();
  const [row] = await queryRows<Record<string, number | string>>(
    db,
    sql`select
      (select count(*)::int from referrals) as referrals,
      (select count(*)::int from referral_events) as events,
      (select count(*)::int from bookings) as bookings,
      (select count(*)::int from outbox) as outbox,
      (select count(*)::int from one_time_tokens) as tokens,
      (select count(*)::int from outcome_responses) as outcomes,
      (select count(*)::int from connection_actions) as library_actions,
      (select count(*)::int from referral_actions) as referral_actions,
      (select coalesce(string_agg(id::text || ':' || outcome || ':' || coalesce(note, ''), ',' order by id), '') from action_logs) as action_log_states,
      (select coalesce(sum(booked_count), 0)::int from sessions) as places,
      (select coalesce(string_agg(id::text || ':' || status, ',' order by id), '') from bookings) as booking_states,
      (select coalesce(string_agg(id::text || ':' || status, ',' order by id), '') from referrals) as referral_states`,
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && k.endsWith("states") ? v : Number(v)]));
}
