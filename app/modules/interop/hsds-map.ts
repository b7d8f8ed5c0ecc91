/**
 * Linkway's published activities as HSDS 3.0 objects, valid under both the
 * HSDS 3.0 schemas and the Open Referral UK 3.0 profile. Pure: rows in,
 * JSON out, so the mapping is tested without a database.
 *
 * - An activity is a service; its organisation is the provider; our
 *   categories are one published taxonomy, linked by an attribute.
 * - One service_at_location per activity, whose id is the activity's id
 *   (the place is part of the activity, so nothing else identifies it).
 * - Schedules are our schedules in HSDS's RRULE-like fields; one-off dates,
 *   which HSDS cannot list, are in `description` and the calendar link.
 * - Empty fields are left out rather than sent as null: ORUK validators and
 *   consumers treat a present null as a value.
 * - Never: the joining link of an online activity (it is for booked people),
 *   anything about people referred.
 */
import {
  accessibilityFeatures,
  describeSchedule,
  fromRrule,
  suitabilityOptions,
  type AccessibilityFeature,
} from "~/modules/activities";
import { CATEGORY_TAXONOMY_ID, CATEGORY_TAXONOMY_NAME, categoryTermId, derivedId } from "./hsds-ids";

export const HSDS_VERSION = "3.0";
export const ORUK_PROFILE = "https://openreferraluk.org/specifications/3.0";

export interface HsdsActivityRow {
  id: string;
  organisationId: string;
  title: string;
  summary: string;
  description: string;
  category: string;
  suitableFor: string[];
  costType: "free" | "paid" | "pay_what_you_can";
  costPence: number | null;
  costDetails: string | null;
  referralOffer: string | null;
  accessibility: string[];
  selfReferral: boolean;
  dropIn: boolean;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  online: boolean;
  venueName: string | null;
  address: string | null;
  town: string | null;
  postcode: string | null;
  lat: number | null;
  lng: number | null;
  timezone: string;
  updatedAt: Date;
}

export interface HsdsOrganisationRow {
  id: string;
  name: string;
  description: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
}

export interface HsdsCategoryRow {
  slug: string;
  name: string;
  description: string | null;
}

export interface HsdsScheduleRow {
  id: string;
  activityId: string;
  rrule: string;
  startsOn: string;
  startTime: string;
  durationMinutes: number;
  timezone: string;
  until: string | null;
}

type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };
export type HsdsObject = { [key: string]: Json };

/** Drops null, undefined, "" and [] (recursively); keeps 0 and false. */
export function compact<T extends Json>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => compact(v)).filter((v) => !isEmpty(v)) as T;
  if (value && typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) {
      const c = compact(v);
      if (!isEmpty(c)) out[k] = c;
    }
    return out as T;
  }
  return value;
}

function isEmpty(v: Json): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}

/** Only values a strict consumer accepts as `format: email` / `format: uri`; anything else is left out. */
export function publishableEmail(value: string | null): string | null {
  const v = value?.trim();
  return v && /^[^\s@"(),:;<>[\\\]]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(v) ? v : null;
}

export function publishableUrl(value: string | null): string | null {
  const v = value?.trim();
  if (!v) return null;
  try {
    const url = new URL(v);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

const SCOTTISH = /^(AB|DD|DG|EH|FK|G|HS|IV|KA|KW|KY|ML|PA|PH|TD|ZE)\d/;
const WELSH = /^(CF|LD|LL|NP|SA)\d/;

/**
 * HSDS requires `state_province`; for a UK address that is the nation,
 * read from the postcode area (TD and SY straddle borders: their larger side).
 */
export function ukNation(postcode: string): string {
  const p = postcode.toUpperCase().replace(/\s+/g, "");
  if (p.startsWith("BT")) return "Northern Ireland";
  if (SCOTTISH.test(p)) return "Scotland";
  if (WELSH.test(p)) return "Wales";
  return "England";
}

function hhmmss(time: string): string {
  return time.length === 5 ? `${time}:00` : time;
}

function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(":").map(Number);
  const total = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}:00`;
}

export function taxonomyObject(baseUrl: string): HsdsObject {
  return {
    id: CATEGORY_TAXONOMY_ID,
    name: CATEGORY_TAXONOMY_NAME,
    description: "The kinds of activity Linkway lists, used to find activities for social prescribing.",
    uri: `${baseUrl}/api/hsds/taxonomies/${CATEGORY_TAXONOMY_ID}`,
    version: "1",
  };
}

export function taxonomyTermObject(category: HsdsCategoryRow, baseUrl: string): HsdsObject {
  return compact({
    id: categoryTermId(category.slug),
    code: category.slug,
    name: category.name,
    description: category.description || category.name,
    taxonomy: CATEGORY_TAXONOMY_NAME,
    taxonomy_id: CATEGORY_TAXONOMY_ID,
    term_uri: `${baseUrl}/search?category=${encodeURIComponent(category.slug)}`,
  });
}

export function organizationObject(org: HsdsOrganisationRow, options: { full: boolean }): HsdsObject {
  const base = {
    id: org.id,
    name: org.name,
    // Required by HSDS; organisations that wrote none still get a true sentence.
    description: org.description?.trim() || `${org.name} runs activities listed on Linkway.`,
  };
  if (!options.full) return base;
  return compact({
    ...base,
    email: publishableEmail(org.email),
    website: publishableUrl(org.website),
    phones: org.phone ? [{ id: derivedId("phone", "organization", org.id), organization_id: org.id, number: org.phone }] : [],
  });
}

export function scheduleObject(schedule: HsdsScheduleRow, activity: HsdsActivityRow, baseUrl: string): HsdsObject {
  const choice = fromRrule(schedule.rrule);
  const pattern =
    choice?.kind === "weekly"
      ? { freq: "WEEKLY", interval: choice.interval > 1 ? choice.interval : undefined, byday: choice.days.join(",") }
      : choice?.kind === "monthly"
        ? { freq: "MONTHLY", byday: `${choice.nth}${choice.day}` }
        : {};
  const lastDate = choice?.kind === "once" ? choice.dates.at(-1) : schedule.until;
  return compact({
    id: schedule.id,
    service_id: activity.id,
    valid_from: schedule.startsOn,
    valid_to: lastDate,
    dtstart: schedule.startsOn,
    until: choice?.kind === "once" ? undefined : schedule.until,
    ...pattern,
    opens_at: hhmmss(schedule.startTime),
    closes_at: addMinutes(schedule.startTime, schedule.durationMinutes),
    description: describeSchedule(schedule),
    schedule_link: `${baseUrl}/activities/${activity.id}/calendar.ics`,
    attending_type: activity.online ? (hasPlace(activity) ? "in person or online" : "online") : "in person",
    notes: activity.dropIn ? "Drop in: no need to book." : undefined,
  });
}

function hasPlace(a: HsdsActivityRow): boolean {
  return Boolean(a.venueName || a.address || a.postcode || a.lat != null);
}

export function locationObject(activity: HsdsActivityRow): HsdsObject | null {
  const id = derivedId("location", activity.id);
  if (!hasPlace(activity)) {
    if (!activity.online) return null;
    return { id, location_type: "virtual", name: "Online", description: "The joining link is sent to people who book." };
  }
  const line1 = activity.address || activity.venueName;
  const address =
    line1 && activity.town && activity.postcode
      ? {
          id: derivedId("address", activity.id),
          location_id: id,
          address_1: line1,
          city: activity.town,
          state_province: ukNation(activity.postcode),
          postal_code: activity.postcode,
          country: "GB",
          address_type: "physical",
        }
      : null;
  return compact({
    id,
    location_type: "physical",
    name: activity.venueName || activity.address,
    latitude: activity.lat,
    longitude: activity.lng,
    addresses: address ? [address] : [],
    accessibility: activity.accessibility
      .filter((k): k is AccessibilityFeature => k in accessibilityFeatures)
      .map((k) => ({ id: derivedId("accessibility", activity.id, k), location_id: id, description: accessibilityFeatures[k] })),
  });
}

export function serviceAtLocationObject(activity: HsdsActivityRow): HsdsObject | null {
  const location = locationObject(activity);
  if (!location) return null;
  return { id: activity.id, service_id: activity.id, location_id: location.id, location };
}

function costOptions(a: HsdsActivityRow): HsdsObject[] {
  const options: HsdsObject[] = [];
  const id = (kind: string) => derivedId("cost_option", a.id, kind);
  if (a.costType === "free") options.push({ id: id("cost"), service_id: a.id, option: "Free", amount: 0, currency: "GBP" });
  else if (a.costType === "paid")
    options.push(compact({ id: id("cost"), service_id: a.id, option: "Per session", amount: a.costPence != null ? a.costPence / 100 : undefined, currency: "GBP", amount_description: a.costDetails }));
  else options.push(compact({ id: id("cost"), service_id: a.id, option: "Pay what you can", currency: "GBP", amount_description: a.costDetails }));
  if (a.referralOffer) options.push({ id: id("referral"), service_id: a.id, option: "When referred", amount_description: a.referralOffer });
  return options;
}

function contacts(a: HsdsActivityRow): HsdsObject[] {
  const email = publishableEmail(a.contactEmail);
  if (!a.contactName && !email && !a.contactPhone) return [];
  const contactId = derivedId("contact", a.id);
  return [
    compact({
      id: contactId,
      service_id: a.id,
      name: a.contactName,
      email,
      phones: a.contactPhone ? [{ id: derivedId("phone", "contact", a.id), contact_id: contactId, number: a.contactPhone }] : [],
    }),
  ];
}

function languages(a: HsdsActivityRow): HsdsObject[] {
  // Linkway records no language; activities are run in English, and BSL is an accessibility feature.
  const out: HsdsObject[] = [{ id: derivedId("language", a.id, "en"), service_id: a.id, name: "English", code: "en" }];
  if (a.accessibility.includes("bsl")) out.push({ id: derivedId("language", a.id, "bfi"), service_id: a.id, name: "British Sign Language", code: "bfi" });
  return out;
}

export interface ServiceParts {
  activity: HsdsActivityRow;
  organisation: HsdsOrganisationRow;
  category: HsdsCategoryRow;
  schedules: HsdsScheduleRow[];
}

export function serviceObject({ activity: a, organisation, category, schedules }: ServiceParts, baseUrl: string): HsdsObject {
  const suits = a.suitableFor
    .filter((k): k is keyof typeof suitabilityOptions => k in suitabilityOptions)
    .map((k) => suitabilityOptions[k]);
  const joining = [a.selfReferral ? "People can ask for a place themselves" : "By referral", a.dropIn ? "or drop in without booking" : null]
    .filter(Boolean)
    .join(", ");
  const sal = serviceAtLocationObject(a);
  return compact({
    id: a.id,
    organization_id: a.organisationId,
    name: a.title,
    description: [a.summary, a.description].filter((s) => s.trim()).join("\n\n") || a.title,
    url: `${baseUrl}/activities/${a.id}`,
    email: publishableEmail(a.contactEmail),
    status: "active",
    application_process: `${joining}. Details: ${baseUrl}/activities/${a.id}`,
    eligibility_description: suits.length ? `Suits: ${suits.join(", ")}` : undefined,
    last_modified: a.updatedAt.toISOString(),
    organization: organizationObject(organisation, { full: false }),
    service_at_locations: sal ? [sal] : [],
    schedules: schedules.map((s) => scheduleObject(s, a, baseUrl)),
    cost_options: costOptions(a),
    contacts: contacts(a),
    languages: languages(a),
    attributes: [
      {
        id: derivedId("attribute", a.id, category.slug),
        link_id: a.id,
        link_type: "service",
        link_entity: "service",
        taxonomy_term_id: categoryTermId(category.slug),
        taxonomy_term: taxonomyTermObject(category, baseUrl),
      },
    ],
  });
}

export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export function hsdsPage<T>(contents: T[], total: number, page: number, perPage: number): HsdsPage<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
