/**
 * One-tap register links: small volunteer groups will not sign in, so after
 * each session the activity's contact gets a link that opens that one
 * session's register and can only mark attendance on it.
 *
 * A link is a register_link token (hashed) whose subject is the session id.
 * It keeps working for marking until the register locks (14 days after the
 * session) — a register is marked more than once, so "used" does not end it.
 * A link is refused when it is unknown or tampered with, expired, for another
 * session, for a cancelled session, or superseded: sending a new link for a
 * session retires the older ones (their used_at is set), so a forwarded or
 * leaked old link stops working once the organiser asks for a fresh one.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, queryRows, type Executor, type Tx } from "#db/client";
import { memberships, oneTimeTokens, sessions, users } from "#db/schema";
import { newToken, secretMatches, splitToken } from "~/modules/accounts/index.server";
import { queueMessage } from "~/modules/notifications/index.server";
import { registerLinkMessage } from "./attendance-messages";
import { now as clockNow } from "~/utils/clock.server";
import { publicUrl } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { linkProblems } from "./attendance-error";
import { registerLocksAt, REGISTER_EDITABLE_DAYS } from "./register-window";
import { loadSessionContext, type SessionContext } from "./session-context.server";
import { formatInTimezone, addDays } from "~/utils/time";

export interface RegisterLinkGrant {
  tokenId: string;
  sessionId: string;
}

/** The session a register link opens; throws an AttendanceError when the link is refused. */
export async function resolveRegisterLink(executor: Executor, token: string | undefined, now: Date): Promise<RegisterLinkGrant> {
  const parts = token ? splitToken(token) : null;
  if (!parts) throw linkProblems.invalid();
  const [row] = await executor
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.id, parts.id), eq(oneTimeTokens.purpose, "register_link")));
  if (!row || !secretMatches(parts.secret, row.secretHash)) throw linkProblems.invalid();
  if (row.usedAt) throw linkProblems.superseded();
  if (row.expiresAt <= now) throw linkProblems.expired();
  return { tokenId: row.id, sessionId: row.subjectId };
}

/** Issues a new link for a session, retiring any earlier one. Returns the full URL. */
export async function issueRegisterLink(tx: Tx, context: SessionContext, now: Date): Promise<{ token: string; url: string; expiresAt: Date }> {
  await tx
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.purpose, "register_link"), eq(oneTimeTokens.subjectId, context.session.id), isNull(oneTimeTokens.usedAt)));
  const expiresAt = registerLocksAt(context.session);
  const { id, token, secretHash } = newToken();
  await tx.insert(oneTimeTokens).values({ id, purpose: "register_link", secretHash, subjectId: context.session.id, expiresAt });
  return { token, url: `${publicUrl()}/register/${token}`, expiresAt };
}

/** Who gets the link: the activity's contact email, otherwise the organisation's owners. */
async function registerLinkRecipients(executor: Executor, context: SessionContext): Promise<string[]> {
  if (context.activity.contactEmail) return [context.activity.contactEmail];
  const owners = await executor
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, context.activity.organisationId), eq(memberships.role, "owner")));
  return owners.map((o) => o.email);
}

/** People booked in (not waitlisted or offered): the register lists them. */
async function bookedCountOf(executor: Executor, sessionId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    executor,
    sql`select count(*)::int as n from bookings where session_id = ${sessionId} and status = 'booked'`,
  );
  return Number(row?.n ?? 0);
}

/** Issues a link and queues the email to the session's contact, in the caller's transaction. */
async function sendLinkFor(tx: Tx, context: SessionContext, now: Date): Promise<string[]> {
  const recipients = await registerLinkRecipients(tx, context);
  const bookedCount = await bookedCountOf(tx, context.session.id);
  if (recipients.length) {
    const { url, expiresAt } = await issueRegisterLink(tx, context, now);
    const email = registerLinkMessage({
      activityTitle: context.activity.title,
      when: context.when,
      url,
      bookedCount,
      expiresOn: formatInTimezone(expiresAt, context.activity.timezone, "fullDate"),
    });
    for (const to of recipients) await queueMessage(tx, to, email);
  } else {
    logger.warn({ sessionId: context.session.id }, "no contact for the register link: no activity email and no owners");
  }
  await tx.update(sessions).set({ registerLinkSentAt: now }).where(eq(sessions.id, context.session.id));
  return recipients;
}

/**
 * Worker job: once per session, after it ends, email the one-tap link for
 * sessions with at least one live booking and a register still open.
 */
export async function sendRegisterLinks(options: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const db = await getDb();
  const openSince = addDays(now, -REGISTER_EDITABLE_DAYS);
  const due = await queryRows<{ id: string }>(
    db,
    sql`select s.id from sessions s
        where s.register_link_sent_at is null and s.status = 'scheduled'
          and s.ends_at <= ${now.toISOString()}::timestamptz and s.ends_at > ${openSince.toISOString()}::timestamptz
          and exists (select 1 from bookings b where b.session_id = s.id and b.status = 'booked')
        order by s.ends_at limit ${options.limit ?? 100}`,
  );
  let sent = 0;
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      // Two workers never send the same session twice: the row is locked and re-checked.
      const [locked] = await tx
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(eq(sessions.id, id), isNull(sessions.registerLinkSentAt)))
        .for("update", { skipLocked: true });
      if (!locked) return false;
      const context = await loadSessionContext(tx, id);
      if (!context) return false;
      await sendLinkFor(tx, context, now);
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

/**
 * An organiser asks for a fresh link (lost email, new volunteer): earlier
 * links stop working. The caller has already checked membership.
 */
export async function resendRegisterLink(tx: Tx, context: SessionContext, now: Date): Promise<string[]> {
  return sendLinkFor(tx, context, now);
}
