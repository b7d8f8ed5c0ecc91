/**
 * Saving an activity from its editor: create or edit it with its schedules,
 * placing it on the map and regenerating sessions, in one transaction that
 * also queues the search reindex. (Duplicating is duplicate-activity.server.ts;
 * draft → published → archived is activity-status.server.ts.)
 */
import { and, asc, eq, gt, gte, lte } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "#db/client";
import { activities, categories, schedules, sessions } from "#db/schema";
import { deletePhoto, preparePhoto, storePhoto, getImageStore } from "~/modules/media/index.server";
import { resolvePlace, isInBounds, type Bounds } from "~/modules/places/index.server";
import {
  OUTSIDE_AREA_MESSAGE,
  parsePriceToPence,
  parseTags,
  scheduleFromFields,
  type ActivityFormValues,
} from "./activity-form-schema";
import { formatSessionWhen } from "./format";
import { regenerateScheduleSessions, removeSchedule, type StrandedSession } from "./schedule-regeneration.server";
import { queueActivityReindex } from "./search-sync.server";
import type { ActivityStatus } from "./vocabulary";

type ActivityRow = typeof activities.$inferSelect;
type ScheduleRow = typeof schedules.$inferSelect;
export type FieldErrors = Record<string, string[]>;

/** An archived activity is read-only until it is restored (409 at the edge). */
export class ActivityArchivedError extends Error {
  constructor() {
    super("This activity is archived. Restore it as a draft before changing it.");
  }
}

/** Thrown inside a transaction to roll it back and show messages next to fields. */
class FieldErrorsAbort extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super("field errors");
  }
}

export type SaveActivityResult =
  | { ok: true; activityId: string; status: ActivityStatus; placedAt: string | null; stranded: StrandedSession[] }
  | { ok: false; fieldErrors: FieldErrors };

export interface SaveActivityInput {
  /** null to create. The caller has checked the user may edit it. */
  activityId: string | null;
  organisationId: string;
  userId: string;
  values: ActivityFormValues;
  publish: boolean;
  now: Date;
  bounds: Bounds;
  /** An import saves many activities in its own transaction: all of them or none. */
  tx?: Tx;
}

/** The activity and its schedules as the editor needs them (joining link included: only members get here). */
export async function loadActivityForEditing(activityId: string) {
  const db = await getDb();
  const [activity] = await db.select().from(activities).where(eq(activities.id, activityId));
  if (!activity) return null;
  const rows = await db
    .select()
    .from(schedules)
    .where(eq(schedules.activityId, activityId))
    .orderBy(asc(schedules.createdAt), asc(schedules.id));
  const { searchVector: _vector, ...rest } = activity;
  return { activity: rest, schedules: rows };
}

export async function listCategoryChoices() {
  const db = await getDb();
  return db
    .select({ slug: categories.slug, name: categories.name })
    .from(categories)
    .orderBy(asc(categories.sortOrder), asc(categories.name));
}

/** Without a point from the map, the postcode (or else the town) places the activity at its centre. */
async function placeFromAddress(
  values: ActivityFormValues,
  bounds: Bounds,
): Promise<{ ok: true; lat: number; lng: number; label: string } | { ok: false; fieldErrors: FieldErrors }> {
  const place = (values.postcode && (await resolvePlace(values.postcode))) || (values.town && (await resolvePlace(values.town)));
  if (!place) {
    return {
      ok: false,
      fieldErrors: {
        postcode: ["We could not find this postcode or town on the map. Check them, or put the pin on the map"],
      },
    };
  }
  if (!isInBounds(place.lat, place.lng, bounds)) return { ok: false, fieldErrors: { postcode: [OUTSIDE_AREA_MESSAGE] } };
  return { ok: true, lat: place.lat, lng: place.lng, label: place.label };
}

function activityColumns(values: ActivityFormValues, point: { lat: number; lng: number } | null) {
  const online = values.mode === "online";
  const timezone = values.schedules[0]?.timezone ?? "Europe/London";
  return {
    title: values.title,
    summary: values.summary,
    description: values.description ?? "",
    category: values.category,
    tags: parseTags(values.tags),
    suitableFor: values.suitableFor ?? [],
    costType: values.costType,
    costPence: values.costType === "paid" && values.price ? parsePriceToPence(values.price) : null,
    costDetails: values.costDetails ?? null,
    referralOffer: values.referralOffer ?? null,
    accessibility: values.accessibility ?? [],
    selfReferral: values.selfReferral ?? false,
    dropIn: values.dropIn ?? false,
    requiresScreening: values.requiresScreening === "yes",
    capacity: values.capacity,
    completionSessions: values.completionSessions ?? null,
    contactName: values.contactName ?? null,
    contactEmail: values.contactEmail ?? null,
    contactPhone: values.contactPhone ?? null,
    online,
    onlineUrl: online ? (values.onlineUrl ?? null) : null,
    venueName: online ? null : (values.venueName ?? null),
    address: online ? null : (values.address ?? null),
    town: online ? null : (values.town ?? null),
    postcode: online ? null : (values.postcode ?? null),
    lat: online ? null : (point?.lat ?? null),
    lng: online ? null : (point?.lng ?? null),
    timezone,
  };
}

/**
 * The database checks an import makes before its preview: the category exists,
 * and an in-person activity is placed on the map (its values come back with the
 * point, so saving later needs no lookup).
 */
export async function checkActivityValues(
  values: ActivityFormValues,
  bounds: Bounds,
): Promise<{ ok: true; values: ActivityFormValues } | { ok: false; fieldErrors: FieldErrors }> {
  const db = await getDb();
  const fieldErrors: FieldErrors = {};
  const [category] = await db.select({ slug: categories.slug }).from(categories).where(eq(categories.slug, values.category));
  if (!category) fieldErrors.category = ["Choose a category from the list"];
  let placed = values;
  if (values.mode === "in_person" && (values.lat === undefined || values.lng === undefined)) {
    const place = await placeFromAddress(values, bounds);
    if (place.ok) placed = { ...values, lat: place.lat, lng: place.lng };
    else Object.assign(fieldErrors, place.fieldErrors);
  }
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, values: placed };
}

/** Future sessions that follow the activity's capacity but already hold more bookings than `capacity`. */
async function sessionsBookedBeyond(tx: Executor, activityId: string, capacity: number, now: Date) {
  return tx
    .select({ startsAt: sessions.startsAt, endsAt: sessions.endsAt, bookedCount: sessions.bookedCount })
    .from(sessions)
    .where(
      and(
        eq(sessions.activityId, activityId),
        gte(sessions.startsAt, now),
        eq(sessions.detached, false),
        eq(sessions.status, "scheduled"),
        gt(sessions.bookedCount, capacity),
      ),
    )
    .orderBy(asc(sessions.startsAt));
}

export async function saveActivity(input: SaveActivityInput): Promise<SaveActivityResult> {
  const { values, now, bounds } = input;
  const db: Executor = input.tx ?? (await getDb());
  const inTransaction = <T>(work: (tx: Tx) => Promise<T>): Promise<T> =>
    input.tx ? work(input.tx) : getDb().then((d) => d.transaction(work));
  const fieldErrors: FieldErrors = {};

  const [category] = await db.select({ slug: categories.slug }).from(categories).where(eq(categories.slug, values.category));
  if (!category) fieldErrors.category = ["Choose a category from the list"];

  let point: { lat: number; lng: number } | null = null;
  let placedAt: string | null = null;
  if (values.mode === "in_person") {
    if (values.lat !== undefined && values.lng !== undefined) point = { lat: values.lat, lng: values.lng };
    else {
      const placed = await placeFromAddress(values, bounds);
      if (placed.ok) {
        point = { lat: placed.lat, lng: placed.lng };
        placedAt = placed.label;
      } else Object.assign(fieldErrors, placed.fieldErrors);
    }
  }

  let existing: ActivityRow | undefined;
  if (input.activityId) {
    [existing] = await db.select().from(activities).where(eq(activities.id, input.activityId));
    if (!existing) throw new Error(`Activity ${input.activityId} does not exist`);
    if (existing.status === "archived") throw new ActivityArchivedError();
    if (existing.imagePath && !values.removePhoto && !values.photo && !values.imageAlt) {
      fieldErrors.imageAlt = ["Describe the photo for people who cannot see it"];
    }
  }

  let photoKey: string | null = null;
  if (values.photo && Object.keys(fieldErrors).length === 0) {
    const prepared = await preparePhoto(values.photo);
    if (!prepared.ok) fieldErrors.photo = [prepared.message];
    else photoKey = await storePhoto(getImageStore(), prepared.photo);
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };

  const oldPhoto = existing?.imagePath ?? null;
  const keepOldPhoto = Boolean(oldPhoto) && !photoKey && !values.removePhoto;
  const imagePath = photoKey ?? (keepOldPhoto ? oldPhoto : null);

  try {
    const result = await inTransaction(async (tx) => {
      const columns = {
        ...activityColumns(values, point),
        imagePath,
        imageAlt: imagePath ? (values.imageAlt ?? null) : null,
      };
      let activityId: string;
      let status: ActivityStatus;
      if (existing) {
        const over = await sessionsBookedBeyond(tx, existing.id, values.capacity, now);
        if (over.length) {
          const most = Math.max(...over.map((s) => s.bookedCount));
          const first = over[0];
          throw new FieldErrorsAbort({
            capacity: [
              `${first.bookedCount} places are already booked for ${formatSessionWhen(first.startsAt, first.endsAt, existing.timezone)}` +
                `${over.length > 1 ? ` (and ${over.length - 1} more sessions)` : ""}. Set the capacity to at least ${most}`,
            ],
          });
        }
        status = input.publish && existing.status === "draft" ? "published" : existing.status;
        await tx
          .update(activities)
          .set({
            ...columns,
            status,
            publishedAt: status === "published" ? (existing.publishedAt ?? now) : existing.publishedAt,
            updatedAt: now,
          })
          .where(eq(activities.id, existing.id));
        activityId = existing.id;
        // Sessions that follow the activity's capacity take the new one.
        await tx
          .update(sessions)
          .set({ capacity: values.capacity, updatedAt: now })
          .where(
            and(
              eq(sessions.activityId, activityId),
              gte(sessions.startsAt, now),
              eq(sessions.detached, false),
              // Checked above; repeated here so a booking made meanwhile is never squeezed out.
              lte(sessions.bookedCount, values.capacity),
            ),
          );
      } else {
        status = input.publish ? "published" : "draft";
        const [row] = await tx
          .insert(activities)
          .values({
            ...columns,
            organisationId: input.organisationId,
            status,
            createdBy: input.userId,
            publishedAt: status === "published" ? now : null,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: activities.id });
        activityId = row.id;
      }
      const stranded = await saveSchedules(tx, activityId, values, now);
      await queueActivityReindex(tx, activityId);
      return { activityId, status, stranded };
    });
    if (oldPhoto && !keepOldPhoto) await deletePhoto(getImageStore(), oldPhoto);
    return { ok: true, placedAt, ...result };
  } catch (error) {
    if (photoKey) await deletePhoto(getImageStore(), photoKey);
    if (error instanceof FieldErrorsAbort) return { ok: false, fieldErrors: error.fieldErrors };
    throw error;
  }
}

/** Updates, adds and removes the activity's schedules, then brings their sessions in line. */
async function saveSchedules(tx: Tx, activityId: string, values: ActivityFormValues, now: Date) {
  const current = await tx.select().from(schedules).where(eq(schedules.activityId, activityId));
  const currentIds = new Set(current.map((s) => s.id));
  const kept = new Set<string>();
  const stranded: StrandedSession[] = [];
  for (const fields of values.schedules) {
    const rule = scheduleFromFields(fields);
    let row: ScheduleRow;
    // An id from another activity's schedule is ignored: the form only ever edits its own.
    if (fields.id && currentIds.has(fields.id) && !kept.has(fields.id)) {
      [row] = await tx.update(schedules).set({ ...rule, updatedAt: now }).where(eq(schedules.id, fields.id)).returning();
    } else {
      [row] = await tx.insert(schedules).values({ ...rule, activityId, createdAt: now, updatedAt: now }).returning();
    }
    kept.add(row.id);
    stranded.push(...(await regenerateScheduleSessions(tx, row, { capacity: values.capacity, now })));
  }
  for (const schedule of current) {
    if (!kept.has(schedule.id)) stranded.push(...(await removeSchedule(tx, schedule.id, now)));
  }
  return stranded.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
