/**
 * Six months of made-up history across the demo's cities, so that every
 * report and the gap map have something to show on first start: referrals
 * made week by week, declines (some because the activity was full), bookings
 * and register marks on past sessions, waitlists on full sessions to come,
 * wellbeing scores before and after, and searches — a few of them in places
 * where nothing of the kind is listed.
 *
 * Written set-based, in a few batched inserts, not replayed through the
 * verbs: the story replay (demo-referrals.server.ts) takes about a second
 * per dozen referrals because the worker's rounds run between its steps, and
 * these ~600 referrals would add minutes to a first start. The rows are what
 * those verbs write (a status event per change, one booking per place held,
 * sessions' booked counts kept true), on sessions the activities module
 * materialised. Seeded random, so every start makes the same history.
 */
import { and, asc, gt, inArray, lt, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { bookings, outcomeResponses, referralEvents, referrals, searchLog, sessions } from "#db/schema";
import type { DemoActivity, DemoData } from "#db/seed/demo-data";
import { haversineKm } from "~/modules/places";
import { isDisengaged } from "~/modules/attendance/index.server";
import { isGoneQuiet } from "~/modules/referrals/index.server";
import { env } from "~/utils/env.server";
import { addDays } from "~/utils/time";

/** How far back the history goes. */
export const HISTORY_WEEKS = 26;
const DAY_MS = 86_400_000;

/** mulberry32: a tiny seeded generator, so the history is the same on every start. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

type Rng = ReturnType<typeof seeded>;
type Status = (typeof referrals.$inferInsert)["status"];
type Session = { id: string; activityId: string; startsAt: Date; endsAt: Date; capacity: number; bookedCount: number };

const codeAlphabet = "ACDEFGHJKMNPQRTUVWXY346789";
const firstNames = ["Ann", "Bill", "Carol", "Dev", "Elaine", "Frank", "Grace", "Harold", "Iris", "Jamal", "Kath", "Len", "Mary", "Nadia", "Olu", "Pat", "Rita", "Stan", "Tariq", "Vera"];
const lastNames = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Green", "Hall", "Jones", "Khan", "Lewis", "Moore", "Patel", "Roberts", "Smith", "Taylor", "Walker", "Wood", "Wright"];
const reasons = ["loneliness", "low_mood", "anxiety", "physical_activity", "long_term_condition", "carer_support", "bereavement", "money_worries"];
const otherDeclines = ["not_suitable", "not_running", "cannot_contact", "other"] as const;

/** The activities that have a history: in-person, published, taking referrals, a spread across the cities. */
export function historyActivities(data: DemoData): DemoActivity[] {
  const signIn = withDemoLogins(data);
  const eligible = data.activities.filter((a) => a.status === "published" && !a.online && a.lat !== null && a.lng !== null && !a.dropIn && !signIn.has(a.organisationId));
  const byTown = new Map<string, DemoActivity[]>();
  for (const a of eligible) byTown.set(a.town ?? "", [...(byTown.get(a.town ?? "") ?? []), a]);
  return [...byTown.values()].flatMap((list) => list.filter((_, i) => i % 5 === 0).slice(0, 14));
}

/**
 * Organisations someone can sign in to the demo as. The history stays out of
 * them, so the demo organiser's and referrer's own pages show the stories
 * written for them, not hundreds of made-up rows; the area figures show it all.
 */
function withDemoLogins(data: DemoData): Set<string> {
  const logins = new Set(data.users.filter((u) => u.email.endsWith("@linkway.test")).map((u) => u.id));
  return new Set(data.memberships.filter((m) => logins.has(m.userId)).map((m) => m.organisationId));
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function code(rng: Rng): string {
  const c = Array.from({ length: 6 }, () => rng.pick([...codeAlphabet]));
  return `${c.slice(0, 3).join("")}-${c.slice(3).join("")}`;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)));

/** Writes the history; returns how many referrals and search-log rows it made. */
export async function writeDemoHistory(data: DemoData, now: Date): Promise<{ referrals: number; searches: number }> {
  const rng = seeded(2026_11);
  const db = await getDb();
  const chosen = historyActivities(data);
  const ids = chosen.map((a) => a.id);
  const start = addDays(now, -HISTORY_WEEKS * 7);
  const rows = (await db
    .select({ id: sessions.id, activityId: sessions.activityId, startsAt: sessions.startsAt, endsAt: sessions.endsAt, capacity: sessions.capacity, bookedCount: sessions.bookedCount })
    .from(sessions)
    .where(and(inArray(sessions.activityId, ids), gt(sessions.startsAt, start), lt(sessions.startsAt, addDays(now, 21)), sql`${sessions.status} = 'scheduled'`))
    .orderBy(asc(sessions.startsAt))) as Session[];
  const sessionsOf = new Map<string, Session[]>();
  for (const s of rows) sessionsOf.set(s.activityId, [...(sessionsOf.get(s.activityId) ?? []), s]);

  const signIn = withDemoLogins(data);
  const referrerMembers = data.memberships.filter((m) => !signIn.has(m.organisationId) && data.organisations.find((o) => o.id === m.organisationId)?.kind === "referrer");
  // A few activities are always oversubscribed: they turn people away as full and keep a waitlist.
  const pressured = new Set(chosen.filter((_, i) => i % 7 === 3).map((a) => a.id));

  const referralRows: (typeof referrals.$inferInsert)[] = [];
  const eventRows: (typeof referralEvents.$inferInsert)[] = [];
  const bookingRows: (typeof bookings.$inferInsert)[] = [];
  const outcomeRows: (typeof outcomeResponses.$inferInsert)[] = [];
  const added = new Map<string, number>();

  const refer = (activity: DemoActivity, createdAt: Date) => {
    const id = crypto.randomUUID();
    const by = rng.chance(0.85) ? rng.pick(referrerMembers) : null;
    const row: typeof referrals.$inferInsert = {
      id,
      code: code(rng),
      activityId: activity.id,
      referrerUserId: by?.userId ?? null,
      referrerOrganisationId: by?.organisationId ?? null,
      source: by ? "referrer" : "self",
      personFirstName: rng.pick(firstNames),
      personLastName: rng.pick(lastNames),
      personEmail: null,
      personPhone: "07700 900000",
      preferredContact: "phone",
      reasons: [rng.pick(reasons), ...(rng.chance(0.4) ? [rng.pick(reasons)] : [])].filter((r, i, all) => all.indexOf(r) === i),
      consentAt: createdAt,
      createdAt,
      linkExpiresAt: addDays(createdAt, 60),
    };
    referralRows.push(row);
    return row;
  };
  const path = (row: typeof referrals.$inferInsert, steps: [Status, Date][]) => {
    let from: Status | null = null;
    for (const [to, at] of [["sent", row.createdAt!] as [Status, Date], ...steps]) {
      eventRows.push({ referralId: row.id!, at, kind: "status", fromStatus: from, toStatus: to, actorType: "system" });
      from = to;
    }
    const [status, at] = steps.at(-1) ?? ["sent", row.createdAt!];
    row.status = status;
    row.statusChangedAt = at;
  };
  const book = (row: typeof referrals.$inferInsert, s: Session, attendance: "attended" | "no_show" | "unmarked", status: "booked" | "waitlisted" = "booked") => {
    bookingRows.push({ referralId: row.id!, sessionId: s.id, status, attendance, markedAt: attendance === "unmarked" ? null : s.endsAt, createdAt: row.createdAt });
    if (status === "booked") added.set(s.id, (added.get(s.id) ?? 0) + 1);
  };
  const scores = (row: typeof referrals.$inferInsert, dose: number, followUpAt: Date | null) => {
    const base = { life_satisfaction: rng.int(2, 6), worthwhile: rng.int(3, 7), happiness: rng.int(2, 6), anxiety: rng.int(4, 9) };
    const lonely = rng.int(6, 9);
    const ucla = (score: number) => {
      const a = Math.min(3, score - 2);
      const b = Math.min(3, score - a - 1);
      return { lack_companionship: a, left_out: b, isolated: score - a - b };
    };
    outcomeRows.push({ referralId: row.id!, instrument: "ons4", phase: "baseline", answers: base, createdAt: row.createdAt });
    outcomeRows.push({ referralId: row.id!, instrument: "ucla3", phase: "baseline", answers: ucla(lonely), score: lonely, createdAt: row.createdAt });
    if (!followUpAt || followUpAt > now) return;
    // More sessions, more change on average; some people feel worse.
    const lift = Math.min(dose, 8) * 0.35 + (rng.next() - 0.5) * 3;
    const followUp = {
      life_satisfaction: clamp(base.life_satisfaction + lift, 0, 10),
      worthwhile: clamp(base.worthwhile + lift * 0.7, 0, 10),
      happiness: clamp(base.happiness + lift, 0, 10),
      anxiety: clamp(base.anxiety - lift, 0, 10),
    };
    const after = clamp(lonely - lift / 2, 3, 9);
    outcomeRows.push({ referralId: row.id!, instrument: "ons4", phase: "follow_up", answers: followUp, createdAt: followUpAt });
    outcomeRows.push({ referralId: row.id!, instrument: "ucla3", phase: "follow_up", answers: ucla(after), score: after, createdAt: followUpAt });
  };

  const DAYS = HISTORY_WEEKS * 7;
  const goneQuietDays = env().STALL_AFTER_ATTENDING_DAYS;
  const disengageDays = env().DISENGAGE_AFTER_STALL_DAYS;
  for (let d = DAYS; d >= 4; d--) {
    const perDay = rng.int(1, 5);
    for (let k = 0; k < perDay; k++) {
      const activity = rng.pick(chosen);
      const createdAt = new Date(now.getTime() - d * DAY_MS + rng.int(9, 16) * 3_600_000);
      const row = refer(activity, createdAt);
      const dayAfter = (n: number) => new Date(Math.min(createdAt.getTime() + n * DAY_MS, now.getTime() - DAY_MS));
      const roll = rng.next();
      if (pressured.has(activity.id) ? roll < 0.45 : roll < 0.08) {
        const kind = pressured.has(activity.id) || rng.chance(0.4) ? "full" : rng.pick(otherDeclines);
        path(row, [["declined", dayAfter(2)]]);
        row.declineReasonKind = kind;
        row.declineReason = kind === "full" ? "Sorry, the group is full at the moment." : "Sorry, we cannot offer a place.";
        continue;
      }
      if (roll < 0.14) {
        path(row, d > 30 ? [["expired", dayAfter(28)]] : []);
        continue;
      }
      if (roll < 0.18) {
        path(row, [["withdrawn", dayAfter(3)]]);
        continue;
      }
      const upcoming = (sessionsOf.get(activity.id) ?? []).filter((s) => s.startsAt.getTime() > createdAt.getTime() + 3 * DAY_MS);
      const first = upcoming[0];
      if (!first || roll < 0.26) {
        path(row, [["accepted", dayAfter(1)]]);
        if (d > 21) [row.stalledAt, row.stalledReason] = [dayAfter(14), "no_booking"];
        scores(row, 0, null);
        continue;
      }
      // Booked: went to some of the sessions that followed, stopped, or is still going.
      const wants = rng.pick([0, 1, 2, 3, 4, 5, 6, 6, 8, 8, 10]);
      let attended = 0;
      let missedInRow = 0;
      let last: Session = first;
      let lastAttendedAt: Date | null = null;
      let hasUpcoming = false;
      for (const s of upcoming.slice(0, Math.max(1, wants + 1))) {
        last = s;
        if (s.startsAt > now) {
          book(row, s, "unmarked");
          hasUpcoming = true;
          break;
        }
        const went = attended < wants && rng.chance(0.85);
        book(row, s, went ? "attended" : "no_show");
        if (went) [attended, missedInRow, lastAttendedAt] = [attended + 1, 0, s.startsAt];
        else missedInRow++;
        if (missedInRow >= 2) break;
      }
      const steps: [Status, Date][] = [["accepted", dayAfter(1)], ["booked", dayAfter(2)]];
      if (attended > 0) steps.push(["attending", first.endsAt < now ? first.endsAt : dayAfter(3)]);
      if (missedInRow >= 2) {
        steps.push(["disengaged", new Date(Math.min(last.endsAt.getTime() + 7 * DAY_MS, now.getTime() - DAY_MS))]);
      } else if (attended >= 6 && last.endsAt < now) steps.push(["completed", last.endsAt]);
      // Someone who stopped going weeks ago was flagged then (their referrer told then), and a month later their
      // referral ended: the history says so, by the worker's own rules, or its first round would do it all at once
      // and fill the mailbox with alerts about weeks that never happened.
      const status = steps.at(-1)![0]!;
      if (isGoneQuiet({ status, stalledAt: null, lastAttendedAt, lastBookedAt: row.createdAt!, hasUpcoming }, now, goneQuietDays)) {
        const stalledAt = new Date(Math.max(lastAttendedAt!.getTime(), row.createdAt!.getTime()) + goneQuietDays * DAY_MS);
        const lastBookingActivityAt = new Date(Math.max(last.startsAt.getTime(), row.createdAt!.getTime()));
        if (isDisengaged({ status, stalledAt, lastBookingActivityAt, hasUpcomingBooking: false }, now, disengageDays)) {
          steps.push(["disengaged", new Date(Math.max(stalledAt.getTime(), lastBookingActivityAt.getTime()) + disengageDays * DAY_MS)]);
        } else {
          [row.stalledAt, row.stalledReason] = [stalledAt, "stopped_after_attending"];
        }
      }
      path(row, steps);
      // Most people answer at referral; about two in three of those six weeks on answer again.
      if (rng.chance(0.85)) scores(row, attended, rng.chance(0.65) ? addDays(createdAt, 42) : null);
    }
  }

  // The oversubscribed activities' next sessions are full, with people waiting.
  for (const id of pressured) {
    const activity = chosen.find((a) => a.id === id)!;
    const next = (sessionsOf.get(id) ?? []).find((s) => s.startsAt > addDays(now, 2));
    if (!next) continue;
    const free = next.capacity - next.bookedCount - (added.get(next.id) ?? 0);
    for (let i = 0; i < free + 3; i++) {
      const row = refer(activity, addDays(now, -rng.int(2, 9)));
      path(row, [["accepted", addDays(row.createdAt!, 1)], ...(i < free ? [["booked", addDays(row.createdAt!, 1)] as [Status, Date]] : [])]);
      book(row, next, "unmarked", i < free ? "booked" : "waitlisted");
    }
  }

  const searchRows = demoSearches(rng, data, now);
  await db.transaction(async (tx) => {
    for (const batch of chunks(referralRows, 500)) await tx.insert(referrals).values(batch);
    for (const batch of chunks(eventRows, 1000)) await tx.insert(referralEvents).values(batch);
    for (const batch of chunks(bookingRows, 1000)) await tx.insert(bookings).values(batch);
    for (const batch of chunks(outcomeRows, 1000)) await tx.insert(outcomeResponses).values(batch);
    for (const batch of chunks(searchRows, 1000)) await tx.insert(searchLog).values(batch);
    const counts = [...added.entries()];
    if (counts.length) {
      const values = sql.join(
        counts.map(([id, n]) => sql`(${id}::uuid, ${n}::int)`),
        sql`, `,
      );
      await tx.execute(sql`UPDATE sessions s SET booked_count = s.booked_count + v.n FROM (VALUES ${values}) AS v(id, n) WHERE s.id = v.id`);
    }
  });
  return { referrals: referralRows.length, searches: searchRows.length };
}

/**
 * Searches over the six months around each city, with the result count the
 * search would have given (listed activities of that kind within 5 km), and
 * a few places on the edge of each city where people keep looking for a kind
 * nobody offers nearby: the gaps the map should find.
 */
function demoSearches(rng: Rng, data: DemoData, now: Date): (typeof searchLog.$inferInsert)[] {
  const listed = data.activities.filter((a) => a.status === "published" && a.lat !== null && a.lng !== null);
  const towns = [...new Set(listed.map((a) => a.town).filter((t): t is string => !!t))];
  const categories = [...new Set(listed.map((a) => a.category))];
  const round = (v: number) => Math.round(v * 100) / 100;
  const nearby = (p: { lat: number; lng: number }, category: string | null) =>
    listed.filter((a) => (!category || a.category === category) && haversineKm(p, { lat: a.lat!, lng: a.lng! }) <= 5).length;
  const out: (typeof searchLog.$inferInsert)[] = [];
  const log = (p: { lat: number; lng: number } | null, category: string | null, at: Date) => {
    const point = p && { lat: round(p.lat), lng: round(p.lng) };
    out.push({ at, query: null, categories: category ? [category] : null, lat: point?.lat ?? null, lng: point?.lng ?? null, resultCount: point ? nearby(point, category) : listed.length });
  };
  const when = () => new Date(now.getTime() - rng.int(1, HISTORY_WEEKS * 7) * DAY_MS - rng.int(0, 12) * 3_600_000);
  for (const town of towns) {
    const here = listed.filter((a) => a.town === town);
    const centre = { lat: here.reduce((n, a) => n + a.lat!, 0) / here.length, lng: here.reduce((n, a) => n + a.lng!, 0) / here.length };
    for (let i = 0; i < 220; i++) {
      const spread = { lat: centre.lat + (rng.next() - 0.5) * 0.12, lng: centre.lng + (rng.next() - 0.5) * 0.2 };
      log(rng.chance(0.9) ? spread : null, rng.chance(0.75) ? rng.pick(categories) : null, when());
    }
    // Two edges of town where a kind is asked for again and again and none is listed within 5 km.
    for (const [dLat, dLng] of [
      [0.07, 0.11],
      [-0.06, -0.12],
    ]) {
      const edge = { lat: centre.lat + dLat, lng: centre.lng + dLng };
      const missing = categories.filter((c) => nearby(edge, c) === 0);
      const kind = missing.length ? rng.pick(missing) : rng.pick(categories);
      const times = rng.int(9, 18);
      for (let i = 0; i < times; i++) log(edge, kind, when());
    }
  }
  return out;
}
