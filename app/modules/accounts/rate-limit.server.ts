/**
 * Fixed-window attempt counters kept in PostgreSQL, so limits hold across
 * processes and restarts. Keys are hashed: the table never holds an email or IP.
 */
import { encodeHexLowerCase } from "@oslojs/encoding";
import { sha256 } from "@oslojs/crypto/sha2";
import { eq, lt, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { rateLimits } from "#db/schema";
import { now as clockNow } from "~/utils/clock.server";
import { MINUTE_MS } from "~/utils/time";

export interface RateLimitRule {
  name: string;
  limit: number;
  windowMs: number;
}

const minutes = (n: number) => n * MINUTE_MS;
const hours = (n: number) => n * minutes(60);

export const rateLimitRules = {
  /** Wrong passwords for one account: the 6th attempt in 15 minutes is refused, right or wrong. */
  signInAccount: { name: "sign-in:account", limit: 5, windowMs: minutes(15) },
  /** Wrong passwords from one network address, whatever the account (many staff behind one NHS proxy is normal). */
  signInIp: { name: "sign-in:ip", limit: 50, windowMs: minutes(15) },
  /** Wrong two-factor codes for one account. */
  twoFactorAccount: { name: "two-factor:account", limit: 5, windowMs: minutes(15) },
  signUpIp: { name: "sign-up:ip", limit: 10, windowMs: minutes(60) },
  signUpEmail: { name: "sign-up:email", limit: 3, windowMs: minutes(60) },
  resetIp: { name: "reset:ip", limit: 10, windowMs: minutes(60) },
  resetEmail: { name: "reset:email", limit: 3, windowMs: minutes(60) },
  inviteUser: { name: "invite:user", limit: 30, windowMs: minutes(60) },
  inviteIp: { name: "invite:ip", limit: 60, windowMs: minutes(60) },
  emailChangeUser: { name: "email-change:user", limit: 5, windowMs: minutes(60) },
  /** Wrong current passwords on the account pages (password, email, 2FA, delete). */
  passwordCheckUser: { name: "password-check:user", limit: 10, windowMs: minutes(15) },
  /**
   * The public "ask for a place" form, counted per valid request. A library or
   * a drop-in may share one address, hence 20 an hour; 5 an hour from one
   * address to one activity keeps a bot from flooding one organiser.
   */
  requestPlaceIp: { name: "request-place:ip", limit: 20, windowMs: minutes(60) },
  requestPlaceIpActivity: { name: "request-place:ip-activity", limit: 5, windowMs: minutes(60) },
  /** Requests that message one email address or mobile (new or repeated): nobody's inbox is flooded from the form. */
  requestPlaceContact: { name: "request-place:contact", limit: 10, windowMs: hours(24) },
  /** Import previews (each parses a file or fetches a feed), counted per organisation (per admin for a whole feed). */
  importOrganisation: { name: "import:organisation", limit: 20, windowMs: hours(1) },
} satisfies Record<string, RateLimitRule>;

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

function keyFor(rule: RateLimitRule, subject: string | null | undefined): string {
  const hashed = encodeHexLowerCase(sha256(new TextEncoder().encode((subject ?? "unknown").toLowerCase())));
  return `${rule.name}:${hashed.slice(0, 40)}`;
}

/** Counts one attempt; refused once the window already holds `limit` attempts. */
export async function hitRateLimit(
  rule: RateLimitRule,
  subject: string | null | undefined,
  options: { now?: Date; executor?: Executor } = {},
): Promise<RateLimitResult> {
  const db = options.executor ?? (await getDb());
  const now = options.now ?? clockNow();
  const cutoff = new Date(now.getTime() - rule.windowMs).toISOString();
  const at = now.toISOString();
  const [row] = await db
    .insert(rateLimits)
    .values({ key: keyFor(rule, subject), windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} <= ${cutoff}::timestamptz then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= ${cutoff}::timestamptz then ${at}::timestamptz else ${rateLimits.windowStart} end`,
      },
    })
    .returning();
  if (row.count <= rule.limit) return { allowed: true };
  return { allowed: false, retryAfterMs: row.windowStart.getTime() + rule.windowMs - now.getTime() };
}

/** Whether another attempt would be allowed, without counting one. */
export async function peekRateLimit(
  rule: RateLimitRule,
  subject: string | null | undefined,
  options: { now?: Date } = {},
): Promise<RateLimitResult> {
  const db = await getDb();
  const now = options.now ?? clockNow();
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, keyFor(rule, subject)));
  if (!row || row.windowStart.getTime() + rule.windowMs <= now.getTime() || row.count < rule.limit) return { allowed: true };
  return { allowed: false, retryAfterMs: row.windowStart.getTime() + rule.windowMs - now.getTime() };
}

export async function clearRateLimit(rule: RateLimitRule, subject: string | null | undefined, executor?: Executor): Promise<void> {
  const db = executor ?? (await getDb());
  await db.delete(rateLimits).where(eq(rateLimits.key, keyFor(rule, subject)));
}

/** The message shown next to the form: "Too many attempts. Try again in 12 minutes." (hours beyond two). */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const mins = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  if (mins > 120) return `Too many attempts. Try again in ${Math.ceil(mins / 60)} hours.`;
  return `Too many attempts. Try again in ${mins} ${mins === 1 ? "minute" : "minutes"}.`;
}

/** Worker job: counters whose longest window has passed are of no further use. */
export async function pruneRateLimits(now = clockNow()): Promise<number> {
  const db = await getDb();
  const longest = Math.max(...Object.values(rateLimitRules).map((r) => r.windowMs));
  const deleted = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - longest)))
    .returning({ key: rateLimits.key });
  return deleted.length;
}
