import { and, desc, eq, lte, ne, or } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { authSessions, users } from "#db/schema";
import { now as clockNow } from "~/utils/clock.server";
import { newToken, secretMatches, splitToken } from "./secure-token.server";
import { MINUTE_MS } from "~/utils/time";

/** Inactivity expiry, refreshed while the session is in use. */
export const SESSION_IDLE_MS = 2 * 3600_000;
/** Absolute lifetime: sign in again after this, however active. */
export const SESSION_ABSOLUTE_MS = 24 * 3600_000;
/**
 * A session that has passed the password but not yet the second factor lives
 * this long: long enough to open the app and type a code, too short to be
 * worth stealing.
 */
export const PENDING_TWO_FACTOR_MS = 10 * MINUTE_MS;
/** Refresh the sliding expiry at most this often, to spare writes. */
const REFRESH_AFTER_MS = 10 * MINUTE_MS;

export type SessionUser = typeof users.$inferSelect;
export type AuthSession = typeof authSessions.$inferSelect;

export async function createSession(
  userId: string,
  options: { ip?: string | null; userAgent?: string | null; twoFactorVerified?: boolean; now?: Date; executor?: Executor } = {},
): Promise<{ token: string; session: AuthSession }> {
  const db = options.executor ?? (await getDb());
  const now = options.now ?? clockNow();
  const { id, token, secretHash } = newToken();
  const verified = options.twoFactorVerified ?? false;
  const lifetime = verified ? SESSION_ABSOLUTE_MS : PENDING_TWO_FACTOR_MS;
  const [session] = await db
    .insert(authSessions)
    .values({
      id,
      userId,
      secretHash,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + Math.min(SESSION_IDLE_MS, lifetime)),
      absoluteExpiresAt: new Date(now.getTime() + lifetime),
      twoFactorVerified: verified,
      ip: options.ip ?? null,
      userAgent: options.userAgent?.slice(0, 300) ?? null,
    })
    .returning();
  return { token, session };
}

/** The session and its user for a cookie token, or null; slides the idle expiry. */
export async function validateSessionToken(
  token: string,
  now = clockNow(),
): Promise<{ session: AuthSession; user: SessionUser } | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const db = await getDb();
  const [row] = await db
    .select({ session: authSessions, user: users })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(eq(authSessions.id, parts.id));
  if (!row) return null;
  if (!secretMatches(parts.secret, row.session.secretHash)) return null;
  const { session } = row;
  if (now >= session.expiresAt || now >= session.absoluteExpiresAt) {
    await db.delete(authSessions).where(eq(authSessions.id, session.id));
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > REFRESH_AFTER_MS) {
    const expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, session.absoluteExpiresAt.getTime()));
    await db.update(authSessions).set({ lastSeenAt: now, expiresAt }).where(eq(authSessions.id, session.id));
    session.lastSeenAt = now;
    session.expiresAt = expiresAt;
  }
  return { session, user: row.user };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  const db = await getDb();
  await db.delete(authSessions).where(eq(authSessions.id, sessionId));
}

/** Signs the user out everywhere, optionally keeping the current session. */
export async function invalidateUserSessions(
  userId: string,
  options: { except?: string; executor?: Executor } = {},
): Promise<void> {
  const db = options.executor ?? (await getDb());
  await db
    .delete(authSessions)
    .where(
      options.except
        ? and(eq(authSessions.userId, userId), ne(authSessions.id, options.except))
        : eq(authSessions.userId, userId),
    );
}

export async function listUserSessions(userId: string): Promise<AuthSession[]> {
  const db = await getDb();
  return db.select().from(authSessions).where(eq(authSessions.userId, userId)).orderBy(desc(authSessions.lastSeenAt));
}

/**
 * After the person proves who they are again (the second factor, or their
 * password before a sensitive change) the session is replaced by a new, full
 * one with a new token: whoever saw the old token gains nothing, and the new
 * session's start counts as a recent sign-in.
 */
export async function replaceSession(
  pending: AuthSession,
  context: { ip?: string | null; userAgent?: string | null } = {},
): Promise<{ token: string; session: AuthSession }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.delete(authSessions).where(eq(authSessions.id, pending.id));
    return createSession(pending.userId, { ...context, twoFactorVerified: true, executor: tx });
  });
}

/** Worker job: sessions past either expiry are of no further use. */
export async function pruneExpiredSessions(now = clockNow()): Promise<number> {
  const db = await getDb();
  const deleted = await db
    .delete(authSessions)
    .where(or(lte(authSessions.expiresAt, now), lte(authSessions.absoluteExpiresAt, now)))
    .returning({ id: authSessions.id });
  return deleted.length;
}
