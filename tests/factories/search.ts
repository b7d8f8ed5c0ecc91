/**
 * A small, known world for search tests: activities at chosen distances and
 * bearings from a centre in Leeds, with sessions on chosen days and times.
 */
import type { activities } from "../../db/schema";
import { createActivity, createOrganisation, createSession } from "./index";
import { localDateTimeToUtc } from "~/utils/time";

export const centre = { lat: 53.8, lng: -1.55 };

const meanRadiusKm = 6371.0088;

/** The point `km` from `from` on a bearing (degrees clockwise from north), on the haversine sphere. */
export function offset(from: { lat: number; lng: number }, km: number, bearingDeg: number): { lat: number; lng: number } {
  const rad = Math.PI / 180;
  const d = km / meanRadiusKm;
  const b = bearingDeg * rad;
  const lat1 = from.lat * rad;
  const lng1 = from.lng * rad;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 = lng1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: lat2 / rad, lng: lng2 / rad };
}

const dayIndex = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const;

/** The next date (after tomorrow, so it is surely in the future) falling on a weekday, as YYYY-MM-DD. */
export function nextDate(day: keyof typeof dayIndex, from = new Date(), weeksAhead = 0): string {
  const d = new Date(from.getTime() + 2 * 86400_000);
  const isoDow = ((d.getUTCDay() + 6) % 7) + 1;
  const add = (dayIndex[day] - isoDow + 7) % 7 + weeksAhead * 7;
  return new Date(d.getTime() + add * 86400_000).toISOString().slice(0, 10);
}

export interface PlacedActivity {
  km: number;
  bearing: number;
  overrides?: Partial<typeof activities.$inferInsert>;
  /** Weekly sessions in London time: day, "HH:MM", places taken of 10. */
  sessions?: { day: keyof typeof dayIndex; time: string; booked?: number; weeks?: number }[];
}

export async function createPlacedActivity(spec: PlacedActivity, organisationId?: string) {
  const point = offset(centre, spec.km, spec.bearing);
  const activity = await createActivity({
    organisationId: organisationId ?? (await createOrganisation()).id,
    lat: point.lat,
    lng: point.lng,
    ...spec.overrides,
  });
  for (const s of spec.sessions ?? []) {
    for (let w = 0; w < (s.weeks ?? 2); w++) {
      const startsAt = localDateTimeToUtc(nextDate(s.day, new Date(), w), s.time, "Europe/London");
      await createSession(activity.id, { startsAt, capacity: 10, bookedCount: s.booked ?? 0 });
    }
  }
  return activity;
}
