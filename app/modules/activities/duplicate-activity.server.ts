import { getDb } from "#db/client";
import { activities, schedules } from "#db/schema";
import { copyPhoto, getImageStore } from "~/modules/media/index.server";
import { loadActivityForEditing } from "./save-activity.server";
import { regenerateScheduleSessions } from "./schedule-regeneration.server";
import { queueActivityReindex } from "./search-sync.server";

/** A draft copy with the same details, schedules and photo; its sessions start from now. */
export async function duplicateActivity(activityId: string, userId: string, now: Date): Promise<string> {
  const db = await getDb();
  const source = await loadActivityForEditing(activityId);
  if (!source) throw new Error(`Activity ${activityId} does not exist`);
  const { id: _id, createdAt: _c, updatedAt: _u, publishedAt: _p, status: _s, createdBy: _b, ...fields } = source.activity;
  const imagePath = fields.imagePath ? await copyPhoto(getImageStore(), fields.imagePath) : null;
  return db.transaction(async (tx) => {
    const [copy] = await tx
      .insert(activities)
      .values({
        ...fields,
        title: `${fields.title} (copy)`.slice(0, 140),
        imagePath,
        imageAlt: imagePath ? fields.imageAlt : null,
        status: "draft",
        createdBy: userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: activities.id });
    for (const s of source.schedules) {
      const [row] = await tx
        .insert(schedules)
        .values({
          activityId: copy.id,
          rrule: s.rrule,
          startsOn: s.startsOn,
          startTime: s.startTime,
          durationMinutes: s.durationMinutes,
          timezone: s.timezone,
          until: s.until,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await regenerateScheduleSessions(tx, row, { capacity: fields.capacity, now });
    }
    await queueActivityReindex(tx, copy.id);
    return copy.id;
  });
}
