/** Factories for the activities tests: editor form fields, bookings, and calling routes. */
import { eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { bookings, referrals, sessions } from "../../db/schema";
import { DAY_MS, addDays } from "~/utils/time";

let counter = 0;

/** YYYY-MM-DD in London, `days` from now. */
export function londonDate(days: number, from = new Date()): string {
  const d = addDays(from, days);
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** A complete, valid editor submission: a weekly Tuesday walk in Leeds. Override any field. */
export function activityForm(overrides: Record<string, string | string[] | undefined> = {}): Record<string, string | string[]> {
  const base: Record<string, string | string[]> = {
    title: `Tuesday Walk ${++counter}`,
    summary: "A gentle walk round Woodhouse Moor",
    description: "Meet at the gates. Walks last about an hour.",
    category: "walking",
    tags: "outdoors, gentle",
    suitableFor: ["older_people", "no_experience_needed"],
    costType: "free",
    accessibility: ["step_free", "seating"],
    selfReferral: "on",
    requiresScreening: "no",
    capacity: "12",
    contactName: "Sam",
    contactEmail: "walks@example.test",
    mode: "in_person",
    venueName: "Woodhouse Moor gates",
    address: "Clarendon Road",
    town: "Leeds",
    postcode: "LS6 3AB",
    lat: "53.8104",
    lng: "-1.5567",
    "schedules[0].repeat": "weekly",
    "schedules[0].days": ["TU"],
    "schedules[0].interval": "1",
    "schedules[0].startsOn": londonDate(-14),
    "schedules[0].startTime": "10:00",
    "schedules[0].endTime": "11:30",
    "schedules[0].timezone": "Europe/London",
    intent: "publish",
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

/** One person booked onto a session (a referral, a booking, and the session's count). */
export async function bookPlace(activityId: string, sessionId: string) {
  const db = await getDb();
  const n = ++counter;
  const [referral] = await db
    .insert(referrals)
    .values({
      code: `T${n}-${Math.random().toString(36).slice(2, 8)}`,
      activityId,
      source: "self",
      personFirstName: "Pat",
      personLastName: `Person ${n}`,
      consentAt: new Date(),
      status: "booked",
      linkExpiresAt: new Date(Date.now() + 60 * DAY_MS),
    })
    .returning();
  const [booking] = await db.insert(bookings).values({ referralId: referral.id, sessionId, status: "booked" }).returning();
  await db.update(sessions).set({ bookedCount: sql`${sessions.bookedCount} + 1` }).where(eq(sessions.id, sessionId));
  return booking;
}

type RouteArgs = { request: Request; params?: Record<string, string>; context?: object };

/** Runs a loader or action; a thrown Response (redirect, 403, 404, 409) is returned instead. */
export async function run<T>(fn: (args: never) => Promise<T>, { request, params = {} }: RouteArgs): Promise<T | Response> {
  try {
    return await fn({ request, params, context: {} } as never);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** A multipart request (for photo uploads) as a signed-in user. */
export function multipartRequest(cookie: string | null, path: string, fields: Record<string, string | string[] | File>) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const v of value) body.append(key, v);
    else body.append(key, value);
  }
  const headers = new Headers({ Origin: "http://localhost:3000" });
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`http://localhost:3000${path}`, { method: "POST", body, headers });
}

/** Runs a loader that should return data; fails the test with the status if it throws a Response. */
export async function data<T>(fn: (args: never) => Promise<T>, args: RouteArgs): Promise<Exclude<T, Response>> {
  const result = await run(fn, args);
  if (result instanceof Response) throw new Error(`Expected data, got HTTP ${result.status}: ${await result.text()}`);
  return result as Exclude<T, Response>;
}
