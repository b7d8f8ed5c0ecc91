/**
 * The HSDS 3.0 / ORUK 3.0 read API over published activities. Every verb
 * answers from published activities only; an unknown or unpublished id is
 * null (the route's 404), whatever else is in the database.
 */
import { and, asc, count, eq, exists, gt, inArray, sql, type SQL } from "drizzle-orm";
import { getReadDb } from "#db/client";
import { activities, categories, organisations, schedules } from "#db/schema";
import { isUuid } from "~/utils/ids";
import { publicUrl } from "~/utils/env.server";
import { CATEGORY_TAXONOMY_ID, categoryTermId } from "./hsds-ids";
import {
  HSDS_VERSION,
  ORUK_PROFILE,
  hsdsPage,
  organizationObject,
  serviceAtLocationObject,
  serviceObject,
  taxonomyObject,
  taxonomyTermObject,
  type HsdsActivityRow,
  type HsdsCategoryRow,
  type HsdsObject,
  type HsdsPage,
} from "./hsds-map";
import type { HsdsListParams } from "./hsds-params";

const activityColumns = {
  id: activities.id,
  organisationId: activities.organisationId,
  title: activities.title,
  summary: activities.summary,
  description: activities.description,
  category: activities.category,
  suitableFor: activities.suitableFor,
  costType: activities.costType,
  costPence: activities.costPence,
  costDetails: activities.costDetails,
  referralOffer: activities.referralOffer,
  accessibility: activities.accessibility,
  selfReferral: activities.selfReferral,
  dropIn: activities.dropIn,
  contactName: activities.contactName,
  contactEmail: activities.contactEmail,
  contactPhone: activities.contactPhone,
  online: activities.online,
  venueName: activities.venueName,
  address: activities.address,
  town: activities.town,
  postcode: activities.postcode,
  lat: activities.lat,
  lng: activities.lng,
  timezone: activities.timezone,
  updatedAt: activities.updatedAt,
};

const organisationColumns = {
  id: organisations.id,
  name: organisations.name,
  description: organisations.description,
  website: organisations.website,
  email: organisations.email,
  phone: organisations.phone,
};

export function hsdsRoot(): { version: string; profile: string; openapi_url: string } {
  return { version: HSDS_VERSION, profile: ORUK_PROFILE, openapi_url: `${publicUrl()}/api/openapi.json` };
}

async function allCategories(): Promise<HsdsCategoryRow[]> {
  const db = await getReadDb();
  return db
    .select({ slug: categories.slug, name: categories.name, description: categories.description })
    .from(categories)
    .orderBy(asc(categories.sortOrder), asc(categories.slug));
}

/** The filters every list of services (and their places) shares, combined with AND. */
function serviceFilters(params: HsdsListParams, cats: HsdsCategoryRow[]): SQL[] | null {
  const where: SQL[] = [eq(activities.status, "published")];
  if (params.taxonomyId && params.taxonomyId !== CATEGORY_TAXONOMY_ID) return null;
  if (params.taxonomyTermId) {
    const slug = cats.find((c) => categoryTermId(c.slug) === params.taxonomyTermId)?.slug;
    if (!slug) return null;
    where.push(eq(activities.category, slug));
  }
  if (params.organizationId) where.push(eq(activities.organisationId, params.organizationId));
  if (params.modifiedAfter) where.push(gt(activities.updatedAt, params.modifiedAfter));
  if (params.text) where.push(sql`${activities.searchVector} @@ websearch_to_tsquery('english', lw_unaccent(${params.text}))`);
  if (params.near) {
    const { lat, lng, radiusKm } = params.near;
    const metres = radiusKm * 1000;
    const centre = sql`ll_to_earth(${lat}::float8, ${lng}::float8)`;
    where.push(sql`earth_box(${centre}, ${metres}::float8) @> ${activities.geo}`);
    where.push(sql`earth_distance(${centre}, ${activities.geo}) <= ${metres}::float8`);
  }
  return where;
}

const emptyPage = <T>(params: HsdsListParams): HsdsPage<T> => hsdsPage<T>([], 0, params.page, params.perPage);

async function pageOfActivities(where: SQL[], params: HsdsListParams) {
  const db = await getReadDb();
  const [{ total }] = await db.select({ total: count() }).from(activities).where(and(...where));
  const rows = await db
    .select({ activity: activityColumns, organisation: organisationColumns })
    .from(activities)
    .innerJoin(organisations, eq(organisations.id, activities.organisationId))
    .where(and(...where))
    .orderBy(asc(activities.title), asc(activities.id))
    .limit(params.perPage)
    .offset((params.page - 1) * params.perPage);
  return { total, rows };
}

async function servicesFor(
  rows: { activity: HsdsActivityRow; organisation: HsdsOrganisationRowOut }[],
  cats: HsdsCategoryRow[],
): Promise<HsdsObject[]> {
  if (rows.length === 0) return [];
  const db = await getReadDb();
  const scheduleRows = await db
    .select({
      id: schedules.id,
      activityId: schedules.activityId,
      rrule: schedules.rrule,
      startsOn: schedules.startsOn,
      startTime: schedules.startTime,
      durationMinutes: schedules.durationMinutes,
      timezone: schedules.timezone,
      until: schedules.until,
    })
    .from(schedules)
    .where(inArray(schedules.activityId, rows.map((r) => r.activity.id)))
    .orderBy(asc(schedules.createdAt), asc(schedules.id));
  const base = publicUrl();
  const bySlug = new Map(cats.map((c) => [c.slug, c]));
  return rows.map(({ activity, organisation }) =>
    serviceObject(
      {
        activity,
        organisation,
        category: bySlug.get(activity.category) ?? { slug: activity.category, name: activity.category, description: null },
        schedules: scheduleRows.filter((s) => s.activityId === activity.id),
      },
      base,
    ),
  );
}

type HsdsOrganisationRowOut = { id: string; name: string; description: string | null; website: string | null; email: string | null; phone: string | null };

export async function listHsdsServices(params: HsdsListParams): Promise<HsdsPage<HsdsObject>> {
  const cats = await allCategories();
  const where = serviceFilters(params, cats);
  if (!where) return emptyPage(params);
  const { total, rows } = await pageOfActivities(where, params);
  return hsdsPage(await servicesFor(rows, cats), total, params.page, params.perPage);
}

export async function getHsdsService(id: string): Promise<HsdsObject | null> {
  if (!isUuid(id)) return null;
  const cats = await allCategories();
  const db = await getReadDb();
  const rows = await db
    .select({ activity: activityColumns, organisation: organisationColumns })
    .from(activities)
    .innerJoin(organisations, eq(organisations.id, activities.organisationId))
    .where(and(eq(activities.id, id), eq(activities.status, "published")));
  const [service] = await servicesFor(rows, cats);
  return service ?? null;
}

/** One per published activity that has a place or is online; its id is the activity's. */
export async function listHsdsServiceAtLocations(params: HsdsListParams): Promise<HsdsPage<HsdsObject>> {
  const cats = await allCategories();
  const where = serviceFilters(params, cats);
  if (!where) return emptyPage(params);
  where.push(sql`(${activities.online} OR ${activities.venueName} IS NOT NULL OR ${activities.address} IS NOT NULL OR ${activities.postcode} IS NOT NULL OR ${activities.lat} IS NOT NULL)`);
  const { total, rows } = await pageOfActivities(where, params);
  return hsdsPage(
    rows.map((r) => serviceAtLocationObject(r.activity)).filter((x): x is HsdsObject => x !== null),
    total,
    params.page,
    params.perPage,
  );
}

export async function getHsdsServiceAtLocation(id: string): Promise<HsdsObject | null> {
  if (!isUuid(id)) return null;
  const db = await getReadDb();
  const [row] = await db
    .select(activityColumns)
    .from(activities)
    .where(and(eq(activities.id, id), eq(activities.status, "published")));
  return row ? serviceAtLocationObject(row) : null;
}

/** Providers with at least one published activity: an organisation with nothing public is not listed. */
const hasPublished = (db: Awaited<ReturnType<typeof getReadDb>>) =>
  exists(
    db
      .select({ one: sql`1` })
      .from(activities)
      .where(and(eq(activities.organisationId, organisations.id), eq(activities.status, "published"))),
  );

export async function listHsdsOrganizations(params: HsdsListParams): Promise<HsdsPage<HsdsObject>> {
  const db = await getReadDb();
  const where: SQL[] = [eq(organisations.kind, "provider"), hasPublished(db)];
  if (params.text) where.push(sql`lw_unaccent(${organisations.name}) ILIKE '%' || lw_unaccent(${params.text}) || '%'`);
  if (params.organizationId) where.push(eq(organisations.id, params.organizationId));
  const [{ total }] = await db.select({ total: count() }).from(organisations).where(and(...where));
  const rows = await db
    .select(organisationColumns)
    .from(organisations)
    .where(and(...where))
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(params.perPage)
    .offset((params.page - 1) * params.perPage);
  return hsdsPage(
    rows.map((o) => organizationObject(o, { full: true })),
    total,
    params.page,
    params.perPage,
  );
}

export async function getHsdsOrganization(id: string): Promise<HsdsObject | null> {
  if (!isUuid(id)) return null;
  const db = await getReadDb();
  const [row] = await db
    .select(organisationColumns)
    .from(organisations)
    .where(and(eq(organisations.id, id), eq(organisations.kind, "provider"), hasPublished(db)));
  return row ? organizationObject(row, { full: true }) : null;
}

export async function listHsdsTaxonomies(params: HsdsListParams): Promise<HsdsPage<HsdsObject>> {
  const all = [taxonomyObject(publicUrl())];
  const matching = params.text ? all.filter((t) => String(t.name).toLowerCase().includes(params.text!.toLowerCase())) : all;
  const start = (params.page - 1) * params.perPage;
  return hsdsPage(matching.slice(start, start + params.perPage), matching.length, params.page, params.perPage);
}

export function getHsdsTaxonomy(id: string): HsdsObject | null {
  return id === CATEGORY_TAXONOMY_ID ? taxonomyObject(publicUrl()) : null;
}

export async function listHsdsTaxonomyTerms(params: HsdsListParams): Promise<HsdsPage<HsdsObject>> {
  if (params.taxonomyId && params.taxonomyId !== CATEGORY_TAXONOMY_ID) return emptyPage(params);
  const base = publicUrl();
  const text = params.text?.toLowerCase();
  const all = (await allCategories())
    .filter((c) => !text || c.name.toLowerCase().includes(text) || (c.description ?? "").toLowerCase().includes(text))
    .map((c) => taxonomyTermObject(c, base));
  const start = (params.page - 1) * params.perPage;
  return hsdsPage(all.slice(start, start + params.perPage), all.length, params.page, params.perPage);
}

export async function getHsdsTaxonomyTerm(id: string): Promise<HsdsObject | null> {
  if (!isUuid(id)) return null;
  const category = (await allCategories()).find((c) => categoryTermId(c.slug) === id);
  return category ? taxonomyTermObject(category, publicUrl()) : null;
}
