/**
 * Documents for an external index, built from activities and their sessions.
 * Only published activities become documents; anything else is deleted from
 * the index.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../db/client";
import { describeSlots, type ActivityDocument } from "./types";

export interface ActivityDocumentRow {
  id: string;
  title: string;
  summary: string;
  description: string;
  tags: string[];
  organisation: string;
  category: string;
  category_name: string | null;
  town: string | null;
  lat: number | null;
  lng: number | null;
  online: boolean;
  cost_type: ActivityDocument["cost_type"];
  cost_pence: number | null;
  accessibility: string[];
  self_referral: boolean;
  drop_in: boolean;
  timezone: string;
  session_slots: number;
  next_session_at: string | Date | null;
  next_session_ends_at: string | Date | null;
  next_session_spaces: number | null;
  next_open_session_at: string | Date | null;
}

const epoch = (v: string | Date | null): number | null => (v == null ? null : new Date(v).getTime());

export function toActivityDocument(row: ActivityDocumentRow): ActivityDocument {
  const { days, slots } = describeSlots(Number(row.session_slots));
  const hasPlace = row.lat != null && row.lng != null;
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    description: row.description,
    tags: row.tags ?? [],
    organisation: row.organisation,
    category: row.category,
    category_name: row.category_name ?? "",
    town: row.town,
    ...(hasPlace ? { _geo: { lat: Number(row.lat), lng: Number(row.lng) } } : {}),
    lat: hasPlace ? Number(row.lat) : null,
    lng: hasPlace ? Number(row.lng) : null,
    online: row.online,
    cost_type: row.cost_type,
    cost_pence: row.cost_pence,
    free: row.cost_type === "free",
    accessibility: row.accessibility ?? [],
    self_referral: row.self_referral,
    drop_in: row.drop_in,
    timezone: row.timezone,
    days,
    slots,
    next_session_at: epoch(row.next_session_at),
    next_session_ends_at: epoch(row.next_session_ends_at),
    next_session_spaces: row.next_session_spaces == null ? null : Number(row.next_session_spaces),
    next_open_session_at: epoch(row.next_open_session_at),
  };
}

/** Documents for the given activities; ids that are not (or no longer) published come back in `missing`. */
export async function loadActivityDocuments(
  executor: Executor,
  ids: string[],
): Promise<{ documents: ActivityDocument[]; missing: string[] }> {
  if (ids.length === 0) return { documents: [], missing: [] };
  const literal = `{${ids.join(",")}}`;
  const rows = await queryRows<ActivityDocumentRow>(
    executor,
    sql`SELECT a.id, a.title, a.summary, a.description, a.tags, o.name AS organisation, a.category,
          (SELECT c.name FROM categories c WHERE c.slug = a.category) AS category_name, a.town,
          a.lat, a.lng, a.online, a.cost_type, a.cost_pence, a.accessibility, a.self_referral, a.drop_in,
          a.timezone, a.session_slots, a.next_session_at, a.next_open_session_at,
          ns.ends_at AS next_session_ends_at, ns.spaces AS next_session_spaces
        FROM activities a
        JOIN organisations o ON o.id = a.organisation_id
        LEFT JOIN LATERAL (
          SELECT s.ends_at, greatest(s.capacity - s.booked_count, 0) AS spaces FROM sessions s
           WHERE s.activity_id = a.id AND s.status = 'scheduled' AND s.starts_at = a.next_session_at
           ORDER BY s.starts_at LIMIT 1) ns ON true
       WHERE a.id = ANY (${literal}::uuid[]) AND a.status = 'published'`,
  );
  const found = new Set(rows.map((r) => r.id));
  return { documents: rows.map(toActivityDocument), missing: ids.filter((id) => !found.has(id)) };
}

/** Ids of every published activity, a page at a time (for a full rebuild). */
export async function listPublishedActivityIds(executor: Executor, after: string | null, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`SELECT id FROM activities WHERE status = 'published' ${after ? sql`AND id > ${after}::uuid` : sql``} ORDER BY id LIMIT ${limit}`,
  );
  return rows.map((r) => r.id);
}
