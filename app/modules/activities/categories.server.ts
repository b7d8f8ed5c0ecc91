/**
 * The taxonomy of kinds of activity. Admins rename, describe, reorder and
 * add; the slug stays put (activities and search filters refer to it), and a
 * category in use cannot be deleted.
 */
import { asc, count, eq, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { activities, categories } from "#db/schema";
import { slugify, type CategoryAction } from "./category-form";
import { referenceCache } from "~/utils/reference-cache.server";

export interface CategoryOption {
  slug: string;
  name: string;
}

/** Read on every search, changed by an admin a few times a year: `applyCategoryAction` drops it after each change. */
export const categoryOptionsCache = referenceCache(async (): Promise<CategoryOption[]> => {
  const db = await getDb();
  return db
    .select({ slug: categories.slug, name: categories.name })
    .from(categories)
    .orderBy(asc(categories.sortOrder), asc(categories.name));
});

export function listCategoryOptions(): Promise<CategoryOption[]> {
  return categoryOptionsCache.get();
}

export interface CategoryView {
  slug: string;
  name: string;
  description: string | null;
  sortOrder: number;
  activityCount: number;
}

export async function listCategoriesWithUse(): Promise<CategoryView[]> {
  const db = await getDb();
  const rows = await db
    .select({
      slug: categories.slug,
      name: categories.name,
      description: categories.description,
      sortOrder: categories.sortOrder,
      activityCount: sql<number>`(select count(*)::int from ${activities} a where a.category = ${categories.slug})`,
    })
    .from(categories)
    .orderBy(asc(categories.sortOrder), asc(categories.name));
  return rows.map((r) => ({ ...r, activityCount: Number(r.activityCount) }));
}

export type CategoryResult = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> };

export async function applyCategoryAction(action: CategoryAction): Promise<CategoryResult> {
  const db = await getDb();
  const result = await db.transaction(async (tx): Promise<CategoryResult> => {
    // Ordered once, locked, so two admins reordering at once cannot interleave.
    const all = await tx.select().from(categories).orderBy(asc(categories.sortOrder), asc(categories.name)).for("update");
    const nameTaken = (name: string, except?: string) =>
      all.some((c) => c.slug !== except && c.name.toLowerCase() === name.toLowerCase());
    switch (action.intent) {
      case "add": {
        if (nameTaken(action.name)) return { ok: false, fieldErrors: { name: ["There is already a category with that name"] } };
        const base = slugify(action.name) || "category";
        let slug = base;
        for (let n = 2; all.some((c) => c.slug === slug); n++) slug = `${base}-${n}`;
        const last = all.at(-1)?.sortOrder ?? 0;
        await tx.insert(categories).values({ slug, name: action.name, description: action.description ?? null, sortOrder: last + 10 });
        return { ok: true };
      }
      case "update": {
        if (!all.some((c) => c.slug === action.slug)) return { ok: false, fieldErrors: { name: ["That category no longer exists"] } };
        if (nameTaken(action.name, action.slug)) return { ok: false, fieldErrors: { name: ["There is already a category with that name"] } };
        await tx
          .update(categories)
          .set({ name: action.name, description: action.description ?? null })
          .where(eq(categories.slug, action.slug));
        return { ok: true };
      }
      case "move": {
        const i = all.findIndex((c) => c.slug === action.slug);
        const j = action.direction === "up" ? i - 1 : i + 1;
        if (i < 0 || j < 0 || j >= all.length) return { ok: true };
        const order = all.map((c) => c.slug);
        [order[i], order[j]] = [order[j], order[i]];
        for (const [position, slug] of order.entries()) {
          await tx.update(categories).set({ sortOrder: (position + 1) * 10 }).where(eq(categories.slug, slug));
        }
        return { ok: true };
      }
      case "delete": {
        const [{ n }] = await tx.select({ n: count() }).from(activities).where(eq(activities.category, action.slug));
        if (Number(n) > 0) {
          return {
            ok: false,
            fieldErrors: {
              slug: [`This category is used by ${n} ${Number(n) === 1 ? "activity" : "activities"}, so it cannot be deleted. Rename it instead`],
            },
          };
        }
        await tx.delete(categories).where(eq(categories.slug, action.slug));
        return { ok: true };
      }
    }
  });
  // After the commit, so no search can re-read the old list into the cache.
  if (result.ok) categoryOptionsCache.invalidate();
  return result;
}
