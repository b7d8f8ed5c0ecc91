/** Factories for the activities tests: editor form fields, bookings, and calling routes. */
import { addDays } from "~/utils/time";
import { createBooking, createReferral } from "./referral-rows";

// One way to call a route for every test: the helpers live with the route harness.
export { data, run } from "../setup/routes";

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

/** One person booked onto a session: a self-referral and a booking that takes its place through the bookings module. */
export async function bookPlace(activityId: string, sessionId: string) {
  const referral = await createReferral({ activityId, source: "self", personFirstName: "Pat", personEmail: null });
  return createBooking(referral.id, sessionId);
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
