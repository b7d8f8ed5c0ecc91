/**
 * Reading a register (organiser page and one-tap link page), the organiser's
 * list of recent registers, and the admin's "reopen".
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, queryRows, type Executor } from "#db/client";
import { bookings, referrals, sessions } from "#db/schema";
import { findMembership, isAdministrator, recordAudit } from "~/modules/accounts/index.server";
import { formatSessionWhen } from "~/modules/activities/index.server";
import type { OrganiserMark, SelfReport } from "~/modules/bookings/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { AttendanceError } from "./attendance-error";
import { shortName } from "~/modules/referrals/index.server";
import { assertRegisterOpen, authoriseRegisterChange } from "./mark-attendance.server";
import { resendRegisterLink, resolveRegisterLink } from "./register-link.server";
import { registerLocksAt, registerState, type RegisterState } from "./register-window";
import { loadSessionContext, type SessionContext } from "./session-context.server";
import { formatInTimezone, addDays, addHours } from "~/utils/time";
import { REGISTER_EDITABLE_DAYS } from "./register-window";

/** A signed-in viewer's address goes into the audit log when an administrator opens or reopens a register. */
export type RegisterViewer = { type: "user"; userId: string; ip?: string | null } | { type: "register_link"; token: string };

export interface RegisterPerson {
  bookingId: string;
  name: string;
  code: string;
  attendance: OrganiserMark;
  selfReported: SelfReport | null;
  walkIn: boolean;
}

export interface RegisterView {
  sessionId: string;
  activityTitle: string;
  organisationName: string;
  venueName: string | null;
  when: string;
  state: RegisterState;
  /** Why it cannot be marked now (not started, locked, cancelled), in plain words. */
  stateMessage: string | null;
  locksOn: string;
  reopenedUntil: string | null;
  cancelReason: string | null;
  people: RegisterPerson[];
  counts: { booked: number; attended: number; noShow: number; unmarked: number };
  viewer: {
    kind: "member" | "admin" | "link";
    canMark: boolean;
    canAddWalkIn: boolean;
    canReopen: boolean;
    canResendLink: boolean;
  };
  /** Where the one-tap link goes (members only). */
  linkSentAt: string | null;
  linkRecipient: string | null;
}

async function listPeople(executor: Executor, sessionId: string): Promise<RegisterPerson[]> {
  const rows = await executor
    .select({
      bookingId: bookings.id,
      firstName: referrals.personFirstName,
      lastName: referrals.personLastName,
      code: referrals.code,
      source: referrals.source,
      attendance: bookings.attendance,
      selfReported: bookings.selfReported,
    })
    .from(bookings)
    .innerJoin(referrals, eq(referrals.id, bookings.referralId))
    .where(and(eq(bookings.sessionId, sessionId), eq(bookings.status, "booked")))
    .orderBy(asc(sql`lower(${referrals.personFirstName})`), asc(sql`lower(${referrals.personLastName})`), asc(bookings.id));
  return rows.map((r) => ({
    bookingId: r.bookingId,
    name: shortName({ personFirstName: r.firstName, personLastName: r.lastName }),
    code: r.code,
    attendance: r.attendance,
    selfReported: r.selfReported,
    walkIn: r.source === "walk_in",
  }));
}

function stateMessage(context: SessionContext, now: Date): string | null {
  try {
    assertRegisterOpen(context, now);
    return null;
  } catch (error) {
    if (error instanceof AttendanceError) return error.message;
    throw error;
  }
}

function buildView(context: SessionContext, people: RegisterPerson[], viewer: RegisterView["viewer"], now: Date): RegisterView {
  const { session, activity } = context;
  const state = registerState(session, now);
  return {
    sessionId: session.id,
    activityTitle: activity.title,
    organisationName: activity.organisationName,
    venueName: activity.venueName,
    when: context.when,
    state,
    stateMessage: stateMessage(context, now),
    locksOn: formatInTimezone(registerLocksAt(session), activity.timezone, "datetime"),
    reopenedUntil:
      session.registerReopenedUntil && session.registerReopenedUntil > now
        ? formatInTimezone(session.registerReopenedUntil, activity.timezone, "datetime")
        : null,
    cancelReason: session.cancelReason,
    people,
    counts: {
      booked: people.length,
      attended: people.filter((p) => p.attendance === "attended").length,
      noShow: people.filter((p) => p.attendance === "no_show").length,
      unmarked: people.filter((p) => p.attendance === "unmarked").length,
    },
    viewer,
    linkSentAt: null,
    linkRecipient: null,
  };
}

/**
 * The register as the viewer may see it, or null when a signed-in viewer has
 * no business with this session (the route answers 404). A refused one-tap
 * link throws an AttendanceError saying why.
 */
export async function loadRegister(sessionId: string, viewer: RegisterViewer, options: { now?: Date } = {}): Promise<RegisterView | null> {
  const now = options.now ?? clockNow();
  const db = await getDb();
  if (viewer.type === "register_link") {
    const grant = await resolveRegisterLink(db, viewer.token, now);
    const context = await loadSessionContext(db, grant.sessionId);
    if (!context) throw new AttendanceError("not_found", "We could not find that session's register.", 404);
    const open = registerState(context.session, now) === "open";
    return buildView(context, await listPeople(db, context.session.id), { kind: "link", canMark: open, canAddWalkIn: false, canReopen: false, canResendLink: false }, now);
  }
  if (!isUuid(sessionId)) return null;
  const context = await loadSessionContext(db, sessionId);
  if (!context) return null;
  const member = await findMembership(viewer.userId, context.activity.organisationId, db);
  const isAdmin = await isAdministrator(viewer.userId, db);
  if (!member && !isAdmin) return null;
  // Admins see no referrals, but a register is where they reopen a locked one: they may open it, and each time is logged.
  if (!member) {
    await recordAudit({ action: "register.viewed_by_admin", actorUserId: viewer.userId, targetType: "session", targetId: context.session.id, ip: viewer.ip ?? null, at: now }, db);
  }
  const state = registerState(context.session, now);
  const view = buildView(
    context,
    await listPeople(db, context.session.id),
    {
      kind: member ? "member" : "admin",
      canMark: Boolean(member) && state === "open",
      canAddWalkIn: Boolean(member) && state === "open",
      canReopen: isAdmin && state === "locked",
      canResendLink: Boolean(member) && state === "open" && now >= context.session.endsAt,
    },
    now,
  );
  if (member) {
    view.linkSentAt = context.session.registerLinkSentAt
      ? formatInTimezone(context.session.registerLinkSentAt, context.activity.timezone, "datetime")
      : null;
    view.linkRecipient = context.activity.contactEmail;
  }
  return view;
}


export interface RecentRegister {
  sessionId: string;
  activityTitle: string;
  when: string;
  status: "scheduled" | "cancelled";
  state: RegisterState;
  booked: number;
  unmarked: number;
}

/** Sessions whose register is still open (the last REGISTER_EDITABLE_DAYS days) and the next 12 hours, for the activities of the user's organisations. */
export async function listRecentRegisters(userId: string, options: { now?: Date } = {}): Promise<RecentRegister[]> {
  const now = options.now ?? clockNow();
  const db = await getDb();
  const from = addDays(now, -REGISTER_EDITABLE_DAYS);
  const to = addHours(now, 12);
  const rows = await queryRows<{
    id: string;
    title: string;
    timezone: string;
    starts_at: string | Date;
    ends_at: string | Date;
    status: "scheduled" | "cancelled";
    register_reopened_until: string | Date | null;
    booked: number;
    unmarked: number;
  }>(
    db,
    sql`select s.id, a.title, a.timezone, s.starts_at, s.ends_at, s.status, s.register_reopened_until,
          (select count(*)::int from bookings b where b.session_id = s.id and b.status = 'booked') as booked,
          (select count(*)::int from bookings b where b.session_id = s.id and b.status = 'booked' and b.attendance = 'unmarked') as unmarked
        from sessions s
        join activities a on a.id = s.activity_id
        join memberships m on m.organisation_id = a.organisation_id and m.user_id = ${userId}
        where s.ends_at >= ${from.toISOString()}::timestamptz and s.starts_at <= ${to.toISOString()}::timestamptz
          and a.status <> 'draft'
        order by s.starts_at desc, a.title
        limit 60`,
  );
  return rows.map((r) => {
    const startsAt = new Date(r.starts_at);
    const endsAt = new Date(r.ends_at);
    return {
      sessionId: r.id,
      activityTitle: r.title,
      when: formatSessionWhen(startsAt, endsAt, r.timezone),
      status: r.status,
      state: registerState(
        { status: r.status, startsAt, endsAt, registerReopenedUntil: r.register_reopened_until ? new Date(r.register_reopened_until) : null },
        now,
      ),
      booked: Number(r.booked),
      unmarked: Number(r.unmarked),
    };
  });
}

export const REOPEN_DAYS = 7;

/** Admins only: a locked register takes changes again for a week; recorded in the audit log. */
export async function reopenRegister(input: { sessionId: string; userId: string; ip?: string | null; now?: Date }): Promise<{ reopenedUntil: Date }> {
  const now = input.now ?? clockNow();
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await isAdministrator(input.userId, tx))) throw new AttendanceError("not_allowed", "Only Linkway administrators can reopen a register.", 403);
    const context = await loadSessionContext(tx, input.sessionId);
    if (!context) throw new AttendanceError("not_found", "We could not find that session's register.", 404);
    if (registerState(context.session, now) !== "locked") {
      throw new AttendanceError("not_allowed", "Only a locked register can be reopened.", 409);
    }
    const reopenedUntil = addDays(now, REOPEN_DAYS);
    await tx.update(sessions).set({ registerReopenedUntil: reopenedUntil, updatedAt: now }).where(eq(sessions.id, context.session.id));
    await recordAudit(
      { at: now, actorUserId: input.userId, action: "register.reopen", targetType: "session", targetId: context.session.id, ip: input.ip ?? null, details: { reopenedUntil: reopenedUntil.toISOString() } },
      tx,
    );
    return { reopenedUntil };
  });
}

/** A member asks for a fresh one-tap link; older links stop working. Returns who it went to. */
export async function requestNewRegisterLink(input: { sessionId: string; userId: string; now?: Date }): Promise<string[]> {
  const now = input.now ?? clockNow();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const register = await authoriseRegisterChange(tx, input.sessionId, { type: "user", userId: input.userId }, now);
    return resendRegisterLink(tx, register.context, now);
  });
}
