/**
 * The search page's and the API's parameters: one schema for both, read from
 * a URL so every search is a link. Browser-safe (the page's form uses the
 * option lists and labels).
 */
import { z } from "zod";
import { accessibilityKeys } from "./vocabulary";

export const radiusOptionsKm = [1, 2, 5, 10, 25] as const;
export type RadiusKm = (typeof radiusOptionsKm)[number];
export const defaultRadiusKm: RadiusKm = 5;

export const dayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type DayKey = (typeof dayKeys)[number];
export const dayLabels: Record<DayKey, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

export const timeKeys = ["morning", "afternoon", "evening"] as const;
export type TimeKey = (typeof timeKeys)[number];
export const timeLabels: Record<TimeKey, string> = {
  morning: "Morning (before 12 noon)",
  afternoon: "Afternoon (12 noon to 5pm)",
  evening: "Evening (from 5pm)",
};

export const onlineOptions = ["include", "only", "exclude"] as const;
export type OnlineOption = (typeof onlineOptions)[number];
export const onlineLabels: Record<OnlineOption, string> = {
  include: "In person and online",
  only: "Online only",
  exclude: "In person only",
};

export const joinKeys = ["self_referral", "drop_in"] as const;
export type JoinKey = (typeof joinKeys)[number];
export const joinLabels: Record<JoinKey, string> = {
  self_referral: "People can ask for a place themselves",
  drop_in: "Drop in without booking",
};

export const sortKeys = ["distance", "relevance", "soonest"] as const;
export type SortKey = (typeof sortKeys)[number];
export const sortLabels: Record<SortKey, string> = {
  distance: "Nearest first",
  relevance: "Best match first",
  soonest: "Soonest next session first",
};

export const maxPerPage = 50;
export const defaultPerPage = 20;
/** A session this many days ahead with a place left counts as "has space". */
export const hasSpaceWithinDays = 14;

const repeatable = new Set(["category", "day", "accessibility", "join"]);

/** Empty form fields mean "not set"; repeatable fields arrive as arrays. */
function readParams(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).map((v) => v.trim()).filter((v) => v !== "");
    if (values.length === 0) continue;
    out[key] = repeatable.has(key) ? [...new Set(values)] : values[0];
  }
  return out;
}

const flag = z
  .enum(["1", "true", "on", "0", "false"], { error: "Use 1 to turn this on." })
  .transform((v) => v === "1" || v === "true" || v === "on");

const optionalNumber = (field: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${field} must be a number.` })
    .refine((n) => Number.isFinite(n) && n >= min && n <= max, { error: `${field} must be between ${min} and ${max}.` })
    .optional();

export const searchParamsSchema = z
  .object({
    q: z.string().max(200, { error: "Use at most 200 characters." }).optional(),
    near: z.string().max(100, { error: "Use at most 100 characters." }).optional(),
    lat: optionalNumber("Latitude", -90, 90),
    lng: optionalNumber("Longitude", -180, 180),
    radius_km: z.coerce
      .number({ error: "Choose a distance." })
      .refine((n): n is RadiusKm => (radiusOptionsKm as readonly number[]).includes(n), {
        error: `Choose one of ${radiusOptionsKm.join(", ")} km.`,
      })
      .default(defaultRadiusKm),
    category: z
      .array(z.string().regex(/^[a-z0-9-]{1,60}$/, { error: "Unknown kind of activity." }))
      .max(20)
      .default([]),
    day: z.array(z.enum(dayKeys, { error: "Use mon, tue, wed, thu, fri, sat or sun." })).default([]),
    time: z.enum(timeKeys, { error: "Use morning, afternoon or evening." }).optional(),
    free: flag.default(false),
    accessibility: z.array(z.enum(accessibilityKeys, { error: "Unknown accessibility feature." })).default([]),
    online: z.enum(onlineOptions, { error: "Use include, only or exclude." }).default("include"),
    join: z.array(z.enum(joinKeys, { error: "Use self_referral or drop_in." })).default([]),
    has_space: flag.default(false),
    sort: z.enum(sortKeys, { error: "Use distance, relevance or soonest." }).optional(),
    page: z.coerce
      .number({ error: "Page must be a whole number." })
      .int({ error: "Page must be a whole number." })
      .min(1, { error: "Page starts at 1." })
      .max(1000, { error: "Page must be at most 1000." })
      .default(1),
    per_page: z.coerce
      .number({ error: "Results per page must be a whole number." })
      .int({ error: "Results per page must be a whole number." })
      .min(1, { error: "Show at least 1 result per page." })
      .max(maxPerPage, { error: `Show at most ${maxPerPage} results per page.` })
      .default(defaultPerPage),
  })
  .superRefine((v, ctx) => {
    if ((v.lat === undefined) !== (v.lng === undefined)) {
      ctx.addIssue({ code: "custom", path: [v.lat === undefined ? "lat" : "lng"], message: "Give both latitude and longitude." });
    }
    const hasLocation = v.near !== undefined || v.lat !== undefined;
    if (v.sort === "distance" && !hasLocation) {
      ctx.addIssue({ code: "custom", path: ["sort"], message: "Give a place or postcode to sort by distance." });
    }
  });

export type SearchParams = z.infer<typeof searchParamsSchema>;

export type ParsedSearchParams =
  | { ok: true; params: SearchParams }
  | { ok: false; field: string; error: string; /** What could be read, so a page can still show the form. */ partial: Partial<SearchParams> };

/** Reads a search from URL parameters; the first problem is reported with the parameter's name. */
export function parseSearchParams(params: URLSearchParams): ParsedSearchParams {
  const raw = readParams(params);
  const result = searchParamsSchema.safeParse(raw);
  if (result.success) return { ok: true, params: result.data };
  const issue = result.error.issues[0];
  const field = String(issue.path[0] ?? "query");
  // Drop the offending field and read the rest, so the form keeps what was valid.
  const rest = { ...raw };
  for (const i of result.error.issues) delete rest[String(i.path[0])];
  const partial = searchParamsSchema.safeParse(rest);
  return { ok: false, field, error: issue.message, partial: partial.success ? partial.data : {} };
}

/** The sort used when none is asked for: nearest when there is a place, best match for words, else soonest. */
export function effectiveSort(params: Pick<SearchParams, "sort" | "q">, hasLocation: boolean): SortKey {
  if (params.sort) return params.sort;
  if (hasLocation) return "distance";
  return params.q ? "relevance" : "soonest";
}

/** Serialises a search back to a query string (defaults left out), for links such as paging and suggestions. */
export function searchHref(params: Partial<SearchParams>, overrides: Partial<SearchParams> = {}): string {
  const p = { ...params, ...overrides };
  const out = new URLSearchParams();
  const add = (key: string, value: string | number | boolean | undefined) => {
    if (value === undefined || value === "" || value === false) return;
    out.append(key, value === true ? "1" : String(value));
  };
  add("q", p.q);
  if (p.near) add("near", p.near);
  else if (p.lat !== undefined && p.lng !== undefined) {
    add("lat", p.lat);
    add("lng", p.lng);
  }
  if (p.radius_km !== undefined && p.radius_km !== defaultRadiusKm) add("radius_km", p.radius_km);
  for (const c of p.category ?? []) add("category", c);
  for (const d of p.day ?? []) add("day", d);
  add("time", p.time);
  add("free", p.free);
  for (const a of p.accessibility ?? []) add("accessibility", a);
  if (p.online && p.online !== "include") add("online", p.online);
  for (const j of p.join ?? []) add("join", j);
  add("has_space", p.has_space);
  add("sort", p.sort);
  if (p.page && p.page > 1) add("page", p.page);
  if (p.per_page && p.per_page !== defaultPerPage) add("per_page", p.per_page);
  const qs = out.toString();
  return qs ? `/search?${qs}` : "/search";
}
