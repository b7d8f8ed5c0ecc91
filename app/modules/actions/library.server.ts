/**
 * The library of connection actions. Admins add, reword, retire and bring
 * back actions; nothing is deleted, because prescribed actions point at them
 * (and keep their own copy of the words, so rewording never changes what
 * someone was asked to do).
 */
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { connectionActions } from "#db/schema";
import { now as clockNow } from "~/utils/clock.server";
import type { LibraryAction } from "./schemas";
import { actionGroupKeys } from "./vocabulary";

export type LibraryEntry = typeof connectionActions.$inferSelect;

/** The library in its groups' order; retired actions only when asked for (the admin page). */
export async function listLibrary(options: { includeRetired?: boolean } = {}): Promise<LibraryEntry[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(connectionActions)
    .where(options.includeRetired ? undefined : isNull(connectionActions.retiredAt))
    .orderBy(asc(connectionActions.sortOrder), asc(connectionActions.title));
  const groupOrder = (g: string) => actionGroupKeys.indexOf(g as (typeof actionGroupKeys)[number]);
  return rows.sort((a, b) => groupOrder(a.group) - groupOrder(b.group));
}

export type LibraryResult = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> };

const titleTaken = { ok: false as const, fieldErrors: { title: ["There is already an action with that title"] } };
const gone = { ok: false as const, fieldErrors: { title: ["That action no longer exists. Reload the page."] } };

/** One admin change to the library (the caller has checked they are an admin). */
export async function changeLibrary(change: LibraryAction, now: Date = clockNow()): Promise<LibraryResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<LibraryResult> => {
    const sameTitle = async (title: string, except?: string) => {
      const [row] = await tx
        .select({ id: connectionActions.id })
        .from(connectionActions)
        .where(and(sql`lower(${connectionActions.title}) = ${title.toLowerCase()}`, except ? ne(connectionActions.id, except) : undefined));
      return !!row;
    };
    switch (change.intent) {
      case "add": {
        if (await sameTitle(change.title)) return titleTaken;
        const [last] = await tx.select({ n: sql<number>`coalesce(max(${connectionActions.sortOrder}), 0)::int` }).from(connectionActions);
        await tx.insert(connectionActions).values({ ...fields(change), sortOrder: Number(last?.n ?? 0) + 10, createdAt: now, updatedAt: now });
        return { ok: true };
      }
      case "update": {
        if (await sameTitle(change.title, change.id)) return titleTaken;
        const updated = await tx.update(connectionActions).set({ ...fields(change), updatedAt: now }).where(eq(connectionActions.id, change.id)).returning({ id: connectionActions.id });
        return updated.length ? { ok: true } : gone;
      }
      case "retire":
      case "restore": {
        const updated = await tx
          .update(connectionActions)
          .set({ retiredAt: change.intent === "retire" ? now : null, updatedAt: now })
          .where(eq(connectionActions.id, change.id))
          .returning({ id: connectionActions.id });
        return updated.length ? { ok: true } : gone;
      }
    }
  });
}

function fields(change: Extract<LibraryAction, { intent: "add" | "update" }>) {
  return {
    group: change.group,
    title: change.title,
    howTo: change.howTo,
    rhythm: change.rhythm,
    timesPerWeek: change.rhythm === "weekly" ? (change.timesPerWeek ?? 1) : null,
  };
}
