/** Which of a person's cancellations may still be undone: the facts behind canUndoCancellation. */
import { and, eq, gte, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { referralEvents } from "#db/schema";
import { CANCEL_UNDO_MINUTES } from "./cancel-undo";
import { MINUTE_MS } from "~/utils/time";

/**
 * Bookings of this referral whose place the person gave up themselves in the last few minutes (the event says
 * so: leaving a waitlist or a lapsed offer is not a place to take back). The session and timing rules are
 * canUndoCancellation's.
 */
export async function recentUndoableCancellations(executor: Executor, referralId: string, now: Date): Promise<Set<string>> {
  const rows = await executor
    .select({ bookingId: sql<string>`${referralEvents.data}->>'bookingId'` })
    .from(referralEvents)
    .where(
      and(
        eq(referralEvents.referralId, referralId),
        eq(referralEvents.kind, "booking"),
        eq(referralEvents.actorType, "person"),
        gte(referralEvents.at, new Date(now.getTime() - CANCEL_UNDO_MINUTES * MINUTE_MS)),
        sql`${referralEvents.data}->>'action' = 'cancelled' and (${referralEvents.data}->>'undoable')::boolean`,
      ),
    );
  return new Set(rows.map((r) => r.bookingId));
}
