/**
 * HSDS 3.0 / ORUK services read back into the activity editor's fields: the
 * inverse of hsds-map.ts, using the same vocabularies (access features,
 * "suits" labels, weekdays), so an activity exported and imported again is
 * the same activity. Pure: JSON in, editor fields out; the editor's schema
 * then decides what is valid (import.server.ts).
 */
import { accessibilityFeatures, MAX_SCHEDULES, suitabilityOptions, WEEKDAYS, type Weekday } from "~/modules/activities";
import { CATEGORY_TAXONOMY_ID } from "./hsds-ids";

/** The editor's fields as a form would post them. */
export type EditorFields = Record<string, string | string[]>;

/** What HSDS does not carry; an update keeps the activity's own values, a new activity gets these. */
export const fieldsHsdsDoesNotCarry = ["capacity", "requiresScreening", "tags", "completionSessions", "onlineUrl"] as const;

export interface HsdsServiceImport {
  sourceId: string;
  title: string;
  organisation: { sourceId: string; name: string; description?: string; email?: string; website?: string; phone?: string } | null;
  /** Category slug candidates from the service's taxonomy terms, ours first. */
  categoryCodes: string[];
  categoryNames: string[];
  fields: EditorFields;
  publish: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed third-party document, read defensively
type Loose = any;

const str = (v: unknown): string => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");
const arr = (v: unknown): Loose[] => (Array.isArray(v) ? v : []);

function invert<K extends string>(labels: Record<K, string>): Map<string, K> {
  return new Map(Object.entries(labels).map(([k, label]) => [String(label).toLowerCase(), k as K]));
}
const accessibilityByLabel = invert(accessibilityFeatures);
const suitabilityByLabel = invert(suitabilityOptions);

function isWeekday(d: string): d is Weekday {
  return (WEEKDAYS as readonly string[]).includes(d);
}

/** Our export writes "summary\n\ndescription"; a summary longer than ours stays whole in the description. */
function splitDescription(text: string, name: string): { summary: string; description: string } {
  const at = text.indexOf("\n\n");
  const first = at === -1 ? text : text.slice(0, at);
  const rest = at === -1 ? "" : text.slice(at + 2);
  if (first && first.length <= 200) return { summary: first, description: rest };
  const sentence = /^(.{1,199}?[.!?])\s/.exec(text)?.[1];
  return { summary: sentence ?? (text ? `${text.slice(0, 197).trimEnd()}…` : name), description: text };
}

function hhmm(time: unknown): string {
  const m = /^(\d{2}):(\d{2})/.exec(str(time));
  return m ? `${m[1]}:${m[2]}` : "";
}

function scheduleFields(schedule: Loose, index: number): EditorFields {
  const fields: EditorFields = {};
  const freq = str(schedule?.freq).toUpperCase();
  const byday = str(schedule?.byday).toUpperCase();
  const first = str(schedule?.dtstart) || str(schedule?.valid_from);
  if (freq === "WEEKLY") {
    fields["schedules[0].repeat"] = "weekly";
    fields["schedules[0].days"] = byday.split(",").map((d) => d.trim()).filter(isWeekday);
    fields["schedules[0].interval"] = str(schedule?.interval) || "1";
    fields["schedules[0].startsOn"] = first.slice(0, 10);
  } else if (freq === "MONTHLY") {
    const m = /^(-?\d)([A-Z]{2})$/.exec(byday);
    fields["schedules[0].repeat"] = "monthly";
    if (m) {
      fields["schedules[0].nth"] = m[1];
      fields["schedules[0].day"] = m[2];
    }
    fields["schedules[0].startsOn"] = first.slice(0, 10);
  } else {
    // HSDS cannot list one-off dates; what it gives is the first and last.
    fields["schedules[0].repeat"] = "once";
    fields["schedules[0].dates"] = [...new Set([first.slice(0, 10), str(schedule?.valid_to).slice(0, 10)].filter(Boolean))];
  }
  const until = str(schedule?.until) || (freq ? str(schedule?.valid_to) : "");
  if (freq && until) fields["schedules[0].until"] = until.slice(0, 10);
  fields["schedules[0].startTime"] = hhmm(schedule?.opens_at);
  fields["schedules[0].endTime"] = hhmm(schedule?.closes_at);
  fields["schedules[0].timezone"] = "Europe/London";
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace("schedules[0]", `schedules[${index}]`), v]));
}

function costFields(options: Loose[]): EditorFields {
  const out: EditorFields = { costType: "free" };
  for (const o of options) {
    const option = str(o?.option).toLowerCase();
    if (option === "when referred") {
      out.referralOffer = str(o?.amount_description);
      continue;
    }
    const amount = typeof o?.amount === "number" ? o.amount : Number.NaN;
    if (option === "pay what you can") out.costType = "pay_what_you_can";
    else if (option === "free" || amount === 0) out.costType = "free";
    else if (Number.isFinite(amount) && amount > 0) {
      out.costType = "paid";
      out.price = amount.toFixed(2);
    } else continue;
    if (str(o?.amount_description)) out.costDetails = str(o?.amount_description);
  }
  return out;
}

function placeFields(service: Loose): EditorFields {
  const location = arr(service?.service_at_locations)[0]?.location;
  if (!location || str(location.location_type) === "virtual") return { mode: "online" };
  const address = arr(location.addresses)[0];
  const venue = str(location.name);
  const line1 = str(address?.address_1);
  const out: EditorFields = { mode: "in_person", venueName: venue || line1 };
  if (line1 && line1 !== venue) out.address = line1;
  if (str(address?.city)) out.town = str(address.city);
  if (str(address?.postal_code)) out.postcode = str(address.postal_code);
  if (typeof location.latitude === "number" && typeof location.longitude === "number") {
    out.lat = String(location.latitude);
    out.lng = String(location.longitude);
  }
  const features = arr(location.accessibility)
    .map((a) => accessibilityByLabel.get(str(a?.description).toLowerCase()))
    .filter((k): k is NonNullable<typeof k> => Boolean(k));
  if (features.length) out.accessibility = features;
  return out;
}

/** One HSDS service as the editor's fields (plus what identifies it and where it belongs). */
export function serviceToImport(service: Loose): HsdsServiceImport {
  const title = str(service?.name);
  const text = str(service?.description);
  const { summary, description } = splitDescription(text, title);
  const contact = arr(service?.contacts)[0];
  const phone = str(arr(contact?.phones)[0]?.number);
  const suits = str(service?.eligibility_description).replace(/^Suits:\s*/i, "");
  const suitableFor = suits
    .split(",")
    .map((s) => suitabilityByLabel.get(s.trim().toLowerCase()))
    .filter((k): k is NonNullable<typeof k> => Boolean(k));
  const process = str(service?.application_process).toLowerCase();
  const schedules = arr(service?.schedules);
  const terms = arr(service?.attributes)
    .map((a) => a?.taxonomy_term)
    .filter(Boolean)
    .sort((a, b) => Number(b?.taxonomy_id === CATEGORY_TAXONOMY_ID) - Number(a?.taxonomy_id === CATEGORY_TAXONOMY_ID));
  const fields: EditorFields = {
    title,
    summary,
    description,
    ...costFields(arr(service?.cost_options)),
    ...placeFields(service),
    ...Object.assign({}, ...schedules.slice(0, MAX_SCHEDULES).map(scheduleFields)),
    capacity: "12",
    requiresScreening: "no",
  };
  // A joining link is never published in HSDS; a new online activity starts with the service's own (https) page.
  if (fields.mode === "online" && str(service?.url).startsWith("https://")) fields.onlineUrl = str(service.url);
  if (suitableFor.length) fields.suitableFor = suitableFor;
  if (process.startsWith("people can ask for a place themselves")) fields.selfReferral = "on";
  if (process.includes("drop in") || schedules.some((s: Loose) => /drop in/i.test(str(s?.notes)))) fields.dropIn = "on";
  if (str(contact?.name)) fields.contactName = str(contact.name);
  const email = str(contact?.email) || str(service?.email);
  if (email) fields.contactEmail = email;
  if (phone) fields.contactPhone = phone;
  const org = service?.organization;
  const orgId = str(service?.organization_id) || str(org?.id);
  return {
    sourceId: str(service?.id),
    title,
    organisation: orgId
      ? {
          sourceId: orgId,
          name: str(org?.name) || "Unnamed organisation",
          description: str(org?.description) || undefined,
          email: str(org?.email) || undefined,
          website: str(org?.website) || undefined,
          phone: str(arr(org?.phones)[0]?.number) || undefined,
        }
      : null,
    categoryCodes: terms.map((t) => str(t?.code)).filter(Boolean),
    categoryNames: terms.map((t) => str(t?.name)).filter(Boolean),
    fields,
    publish: !["inactive", "defunct", "temporarily closed"].includes(str(service?.status).toLowerCase()),
  };
}

/** The services in a document: one HSDS page (`contents`), a bare list, or a single service. */
export function servicesInDocument(doc: Loose): Loose[] | null {
  if (Array.isArray(doc)) return doc;
  if (doc && Array.isArray(doc.contents)) return doc.contents;
  if (doc && typeof doc === "object" && typeof doc.id === "string" && typeof doc.name === "string") return [doc];
  return null;
}
