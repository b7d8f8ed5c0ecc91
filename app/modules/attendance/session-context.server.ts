/** The session a register belongs to, with what the rules need of its activity. */
import { eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { activities, organisations, sessions } from "#db/schema";
import { formatSessionWhen } from "~/modules/activities/index.server";
import { isUuid } from "~/utils/ids";

export interface SessionContext {
  session: typeof sessions.$inferSelect;
  activity: {
    id: string;
    title: string;
    timezone: string;
    organisationId: string;
    organisationName: string;
    contactEmail: string | null;
    completionSessions: number | null;
    venueName: string | null;
  };
  /** "Tuesday 24 November 2026, 10:00 to 11:30" in the activity's time zone. */
  when: string;
}

export async function loadSessionContext(executor: Executor, sessionId: string): Promise<SessionContext | null> {
  if (!isUuid(sessionId)) return null;
  const [row] = await executor
    .select({
      session: sessions,
      activity: {
        id: activities.id,
        title: activities.title,
        timezone: activities.timezone,
        organisationId: activities.organisationId,
        organisationName: organisations.name,
        contactEmail: activities.contactEmail,
        completionSessions: activities.completionSessions,
        venueName: activities.venueName,
      },
    })
    .from(sessions)
    .innerJoin(activities, eq(activities.id, sessions.activityId))
    .innerJoin(organisations, eq(organisations.id, activities.organisationId))
    .where(eq(sessions.id, sessionId));
  if (!row) return null;
  return { ...row, when: formatSessionWhen(row.session.startsAt, row.session.endsAt, row.activity.timezone) };
}
