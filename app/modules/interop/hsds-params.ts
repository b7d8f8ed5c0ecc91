/**
 * The query parameters of the HSDS / ORUK API. Unknown parameters (ORUK's
 * `format`, `full`, `minimal`) are ignored; a known one out of range is a 400
 * naming it, never a 500 and never a silently different answer.
 */
import { z } from "zod";
import { isUuid } from "~/utils/ids";

export const HSDS_MAX_PER_PAGE = 100;
export const HSDS_DEFAULT_PER_PAGE = 50;
export const HSDS_MAX_RADIUS_KM = 200;

export interface HsdsListParams {
  page: number;
  perPage: number;
  text: string | null;
  taxonomyTermId: string | null;
  taxonomyId: string | null;
  organizationId: string | null;
  modifiedAfter: Date | null;
  near: { lat: number; lng: number; radiusKm: number } | null;
}

export type HsdsParamsResult = { ok: true; params: HsdsListParams } | { ok: false; field: string; error: string };

const integer = (field: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${field} must be a whole number from ${min} to ${max}.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${field} must be a whole number from ${min} to ${max}.`);

const decimal = (field: string, min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, `${field} must be a number from ${min} to ${max}.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${field} must be a number from ${min} to ${max}.`);

const uuid = (field: string) => z.string().refine(isUuid, `${field} must be a UUID.`);

export const hsdsListParamsSchema = z.object({
  page: integer("page", 1, 1_000_000).optional(),
  per_page: integer("per_page", 1, HSDS_MAX_PER_PAGE).optional(),
  text: z.string().trim().max(200, "text must be at most 200 characters.").optional(),
  // ORUK's OpenAPI names the free-text filter `search`; HSDS examples use `text`. Both work.
  search: z.string().trim().max(200, "search must be at most 200 characters.").optional(),
  taxonomy_term_id: uuid("taxonomy_term_id").optional(),
  taxonomy_id: uuid("taxonomy_id").optional(),
  organization_id: uuid("organization_id").optional(),
  modified_after: z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), "modified_after must be a date or date-time, e.g. 2026-01-31T09:00:00Z.")
    .transform((s) => new Date(s))
    .optional(),
  lat: decimal("lat", -90, 90).optional(),
  lng: decimal("lng", -180, 180).optional(),
  radius_km: decimal("radius_km", 0.1, HSDS_MAX_RADIUS_KM).optional(),
});

const KNOWN = Object.keys(hsdsListParamsSchema.shape);

export function parseHsdsListParams(search: URLSearchParams): HsdsParamsResult {
  const raw: Record<string, string> = {};
  for (const key of KNOWN) {
    const values = search.getAll(key);
    if (values.length > 1) return { ok: false, field: key, error: `Give ${key} once.` };
    if (values.length === 1 && values[0] !== "") raw[key] = values[0];
  }
  const parsed = hsdsListParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: String(issue.path[0]), error: issue.message };
  }
  const p = parsed.data;
  const hasPoint = p.lat !== undefined || p.lng !== undefined;
  if (hasPoint && (p.lat === undefined || p.lng === undefined)) {
    return { ok: false, field: p.lat === undefined ? "lat" : "lng", error: "Give lat and lng together." };
  }
  if (p.radius_km !== undefined && !hasPoint) {
    return { ok: false, field: "radius_km", error: "radius_km needs lat and lng." };
  }
  const text = p.text || p.search || null;
  return {
    ok: true,
    params: {
      page: p.page ?? 1,
      perPage: p.per_page ?? HSDS_DEFAULT_PER_PAGE,
      text,
      taxonomyTermId: p.taxonomy_term_id ?? null,
      taxonomyId: p.taxonomy_id ?? null,
      organizationId: p.organization_id ?? null,
      modifiedAfter: p.modified_after ?? null,
      near: p.lat !== undefined && p.lng !== undefined ? { lat: p.lat, lng: p.lng, radiusKm: p.radius_km ?? 10 } : null,
    },
  };
}
