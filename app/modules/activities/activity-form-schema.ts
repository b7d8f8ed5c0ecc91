/**
 * The activity editor's one schema, used by the browser (Conform) and the
 * server. Browser-safe: no database, no clock — the caller passes `now` and
 * the allowed area, so both sides check exactly the same rules.
 */
import { z } from "zod";
import { isInBounds, type Bounds, isUkPostcode, normalisePostcode } from "~/modules/places";
import { expandSchedule, fromRrule, toRrule, WEEKDAYS, type MonthlyNth, type RepeatChoice, type ScheduleRule, type Weekday } from "./schedule";
import { HORIZON_WEEKS, horizonEnd } from "./horizon";
import { accessibilityKeys, costTypeKeys, suitabilityKeys, type AccessibilityFeature, type CostType, type Suitability } from "./vocabulary";
import { isValidTimezone } from "~/utils/time";

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export const MAX_SCHEDULES = 5;
/** Date boxes offered for one-off sessions; more dates can be added from the sessions page. */
export const ONE_OFF_DATE_SLOTS = 6;

export const timezoneChoices = [
  { value: "Europe/London", label: "UK time (Europe/London)" },
  { value: "Europe/Dublin", label: "Ireland (Europe/Dublin)" },
  { value: "UTC", label: "UTC, no clock changes" },
] as const;

export const OUTSIDE_AREA_MESSAGE = "That point is outside the area Linkway covers";

const text = (max: number, tooLong: string) =>
  z.string().trim().max(max, { error: tooLong }).optional();

const required = (max: number, missing: string, tooLong: string) =>
  z.string({ error: missing }).trim().min(1, { error: missing }).max(max, { error: tooLong });

const dateString = z
  .string({ error: "Enter a date" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter a date, like 2026-12-05" })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    error: "That date does not exist",
  });

const timeString = z
  .string({ error: "Enter a time" })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Enter a time, like 10:00" });

const weekday = z.enum(WEEKDAYS);

export const scheduleFieldsSchema = z.object({
  /** Present when editing a schedule that already exists. */
  id: z.uuid().optional(),
  repeat: z.enum(["weekly", "monthly", "once"], { error: "Choose how often it happens" }),
  days: z.array(weekday).optional(),
  interval: z.number({ error: "Choose how many weeks apart" }).int().min(1).max(52).optional(),
  nth: z.enum(["1", "2", "3", "4", "-1"]).optional(),
  day: weekday.optional(),
  // Empty boxes arrive as undefined holes; they are dropped below.
  dates: z.array(dateString.optional()).optional(),
  startsOn: dateString.optional(),
  until: dateString.optional(),
  startTime: timeString,
  endTime: timeString,
  timezone: z
    .string()
    .refine(isValidTimezone, { error: "Choose a time zone" })
    .default("Europe/London"),
});

export type ScheduleFields = z.infer<typeof scheduleFieldsSchema>;
export type ScheduleFieldsInput = z.input<typeof scheduleFieldsSchema>;

function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

/** The form's schedule as the rule stored in `schedules` (throws on an incomplete schedule; validate first). */
export function scheduleFromFields(fields: ScheduleFields): ScheduleRule {
  const choice = repeatChoiceOf(fields);
  const dates = choice.kind === "once" ? [...choice.dates].sort() : [];
  return {
    rrule: toRrule(choice),
    startsOn: choice.kind === "once" ? dates[0] : fields.startsOn!,
    startTime: fields.startTime,
    durationMinutes: minutesOf(fields.endTime) - minutesOf(fields.startTime),
    timezone: fields.timezone,
    until: choice.kind === "once" ? null : (fields.until ?? null),
  };
}

function repeatChoiceOf(fields: ScheduleFields): RepeatChoice {
  switch (fields.repeat) {
    case "weekly":
      return { kind: "weekly", days: fields.days ?? [], interval: fields.interval ?? 1 };
    case "monthly":
      return { kind: "monthly", nth: Number(fields.nth ?? "1") as MonthlyNth, day: fields.day ?? "MO" };
    case "once":
      return { kind: "once", dates: oneOffDates(fields) };
  }
}

function oneOffDates(fields: ScheduleFields): string[] {
  return [...new Set((fields.dates ?? []).filter((d): d is string => typeof d === "string"))].sort();
}

const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Cross-field rules of one schedule. Runs even when other fields failed (so
 * every problem shows at once), so it checks what it reads.
 */
function checkSchedule(raw: unknown, index: number, now: Date, ctx: z.RefinementCtx): void {
  if (!raw || typeof raw !== "object") return;
  const fields = raw as Partial<Record<keyof ScheduleFields, unknown>>;
  const at = (field: string, message: string) =>
    ctx.addIssue({ code: "custom", path: ["schedules", index, field], message });
  const { startTime, endTime } = fields;
  if (typeof startTime === "string" && typeof endTime === "string" && timePattern.test(startTime) && timePattern.test(endTime)) {
    if (minutesOf(endTime) <= minutesOf(startTime)) at("endTime", "The end time must be after the start time");
  }
  const repeat = fields.repeat;
  if (repeat === "weekly" && !(Array.isArray(fields.days) && fields.days.length)) at("days", "Choose at least one day");
  if (repeat === "monthly") {
    if (!fields.nth) at("nth", "Choose which week of the month");
    if (!fields.day) at("day", "Choose a day");
  }
  if (repeat === "once") {
    const dates = Array.isArray(fields.dates) ? fields.dates.filter((d) => typeof d === "string") : [];
    if (dates.length === 0) at("dates", "Enter at least one date");
  } else if (repeat === "weekly" || repeat === "monthly") {
    if (!fields.startsOn) at("startsOn", "Enter the first date");
    else if (typeof fields.until === "string" && typeof fields.startsOn === "string" && fields.until < fields.startsOn)
      return at("until", "The last date must be on or after the first date");
  }
  // The twelve-week check needs a schedule that is otherwise complete.
  const parsed = scheduleFieldsSchema.safeParse(raw);
  if (!parsed.success) return;
  const complete = parsed.data;
  if (minutesOf(complete.endTime) <= minutesOf(complete.startTime)) return;
  let rule: ScheduleRule;
  try {
    rule = scheduleFromFields(complete);
  } catch {
    return;
  }
  if (complete.repeat !== "once" && !complete.startsOn) return;
  if (expandSchedule(rule, { from: now, to: horizonEnd(now) }).length === 0) {
    const field = complete.repeat === "once" ? "dates" : complete.until ? "until" : "startsOn";
    at(
      field,
      complete.repeat === "once"
        ? `None of these dates is in the next ${HORIZON_WEEKS} weeks. Choose at least one date from today onwards`
        : `This schedule has no sessions in the next ${HORIZON_WEEKS} weeks. Check the first and last dates`,
    );
  }
}

const isNumber = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);

const pricePattern = /^£?\s*(\d{1,4})(?:\.(\d{1,2}))?$/;

/** "4.50", "£4.5", "12" → pence; null when it is not a price. */
export function parsePriceToPence(price: string): number | null {
  const m = pricePattern.exec(price.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

export function penceToPrice(pence: number | null | undefined): string {
  if (pence == null) return "";
  return (pence / 100).toFixed(2);
}

const phonePattern = /^\+?[0-9 ()-]{7,20}$/;

export interface ActivityFormOptions {
  /** The allowed area (GEO_BOUNDS). */
  bounds: Bounds;
  /** Schedules must yield a session in the 12 weeks from here. */
  now: Date;
}

/**
 * One schema for the editor. Every rule that can be checked from the form
 * alone lives here; rules that need the database (the category exists, no
 * session is booked beyond a new capacity) are checked by the module.
 */
export function createActivityFormSchema({ bounds, now }: ActivityFormOptions) {
  return z
    .object({
      title: required(120, "Enter a title", "Keep the title under 120 characters"),
      summary: required(200, "Enter a short summary", "Keep the summary under 200 characters"),
      description: text(5000, "Keep the description under 5,000 characters"),
      category: z.string({ error: "Choose a category" }).trim().min(1, { error: "Choose a category" }).max(60),
      tags: text(300, "Keep the tags under 300 characters"),
      suitableFor: z.array(z.enum(suitabilityKeys as [Suitability, ...Suitability[]])).optional(),
      costType: z.enum(costTypeKeys, { error: "Choose what it costs" }),
      price: text(20, "Enter a price, like 4.50"),
      costDetails: text(300, "Keep the cost details under 300 characters"),
      referralOffer: text(200, "Keep the referral offer under 200 characters"),
      accessibility: z
        .array(z.enum(accessibilityKeys as [AccessibilityFeature, ...AccessibilityFeature[]]))
        .optional(),
      selfReferral: z.boolean().optional(),
      dropIn: z.boolean().optional(),
      requiresScreening: z.enum(["yes", "no"], { error: "Choose yes or no" }),
      capacity: z
        .number({ error: "Enter how many people can come to each session" })
        .int({ error: "Enter a whole number" })
        .min(1, { error: "At least 1 person must be able to come" })
        .max(500, { error: "No more than 500 people per session" }),
      completionSessions: z
        .number({ error: "Enter a whole number of sessions" })
        .int({ error: "Enter a whole number" })
        .min(1, { error: "At least 1 session" })
        .max(104, { error: "No more than 104 sessions" })
        .optional(),
      contactName: text(100, "Keep the name under 100 characters"),
      contactEmail: z
        .string()
        .trim()
        .max(254)
        .pipe(z.email({ error: "Enter an email address like name@example.com" }))
        .optional(),
      contactPhone: z
        .string()
        .trim()
        .regex(phonePattern, { error: "Enter a phone number, like 0113 496 0000" })
        .optional(),
      mode: z.enum(["in_person", "online"], { error: "Choose where it happens" }),
      venueName: text(120, "Keep the venue name under 120 characters"),
      address: text(200, "Keep the address under 200 characters"),
      town: text(80, "Keep the town under 80 characters"),
      postcode: z
        .string()
        .trim()
        .refine(isUkPostcode, { error: "Enter a UK postcode, like LS6 3AB" })
        .transform((p) => normalisePostcode(p) ?? p.toUpperCase())
        .optional(),
      lat: z.number({ error: "Enter a latitude, like 53.8198" }).min(-90).max(90).optional(),
      lng: z.number({ error: "Enter a longitude, like -1.5781" }).min(-180).max(180).optional(),
      onlineUrl: z
        .url({ protocol: /^https$/, error: "Enter the joining link, starting https://" })
        .max(500)
        .optional(),
      schedules: z
        .array(scheduleFieldsSchema, { error: "Add when it happens" })
        .min(1, { error: "Add when it happens" })
        .max(MAX_SCHEDULES, { error: `No more than ${MAX_SCHEDULES} schedules` }),
      photo: z
        .instanceof(File)
        .refine((f) => f.size <= PHOTO_MAX_BYTES, { error: "The photo must be 5 MB or smaller" })
        .refine((f) => (PHOTO_TYPES as readonly string[]).includes(f.type), {
          error: "Choose a JPEG, PNG or WebP picture",
        })
        .optional(),
      imageAlt: text(200, "Keep the description under 200 characters"),
      /** Set by the editor when the activity already has a photo. */
      hasPhoto: z.boolean().optional(),
      removePhoto: z.boolean().optional(),
    })
    .superRefine(
      (v, ctx) => {
      const at = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (v.costType === "paid") {
        if (!v.price || typeof v.price !== "string") at("price", "Enter the price");
        else if (parsePriceToPence(v.price) === null) at("price", "Enter a price in pounds, like 4.50");
        else if (parsePriceToPence(v.price) === 0) at("price", "A paid activity needs a price above £0");
      }
      if (!v.contactEmail && !v.contactPhone)
        at("contactEmail", "Give an email address or a phone number so people can ask questions");
      if (v.mode === "online") {
        if (!v.onlineUrl) at("onlineUrl", "Enter the joining link");
      } else {
        if (!v.venueName) at("venueName", "Enter the venue or meeting point");
        if (!v.town) at("town", "Enter the town or city");
        if (!v.postcode) at("postcode", "Enter the postcode");
        if ((v.lat === undefined) !== (v.lng === undefined))
          at(v.lat === undefined ? "lat" : "lng", "Enter both latitude and longitude, or neither");
        else if (isNumber(v.lat) && isNumber(v.lng) && !isInBounds(v.lat, v.lng, bounds))
          at("lat", OUTSIDE_AREA_MESSAGE);
      }
      const keepsPhoto = (v.hasPhoto && !v.removePhoto) || v.photo;
      if (keepsPhoto && !v.imageAlt) at("imageAlt", "Describe the photo for people who cannot see it");
      if (Array.isArray(v.schedules)) v.schedules.forEach((s, i) => checkSchedule(s, i, now, ctx));
      },
      // Run even when single fields failed, so every problem is shown at once.
      { when: () => true },
    );
}

export type ActivityFormValues = z.infer<ReturnType<typeof createActivityFormSchema>>;
export type ActivityFormInput = z.input<ReturnType<typeof createActivityFormSchema>>;

/** The calendar date at `now` in a time zone, as YYYY-MM-DD. */
export function localDate(now: Date, timezone = "Europe/London"): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Free tags: "walking, outdoors" → ["walking", "outdoors"], tidied and de-duplicated. */
export function parseTags(tags: string | undefined): string[] {
  if (!tags) return [];
  const seen = new Set<string>();
  for (const raw of tags.split(",")) {
    const tag = raw.trim().replace(/\s+/g, " ").toLowerCase().slice(0, 40);
    if (tag) seen.add(tag);
  }
  return [...seen].slice(0, 15);
}

/** Schedule fields in the shape the form shows (for defaults when editing). */
export interface ScheduleFormDefaults {
  id?: string;
  repeat: "weekly" | "monthly" | "once";
  days: Weekday[];
  interval: string;
  nth: string;
  day: Weekday;
  dates: string[];
  startsOn: string;
  until: string;
  startTime: string;
  endTime: string;
  timezone: string;
}

export function newScheduleDefaults(today: string): ScheduleFormDefaults {
  return {
    repeat: "weekly",
    days: [],
    interval: "1",
    nth: "1",
    day: "MO",
    dates: [],
    startsOn: today,
    until: "",
    startTime: "10:00",
    endTime: "11:30",
    timezone: "Europe/London",
  };
}

/** The stored fields the editor starts from. */
export interface EditableActivity {
  title: string;
  summary: string;
  description: string;
  category: string;
  tags: string[];
  suitableFor: string[];
  costType: CostType;
  costPence: number | null;
  costDetails: string | null;
  referralOffer: string | null;
  accessibility: string[];
  selfReferral: boolean;
  dropIn: boolean;
  requiresScreening: boolean;
  capacity: number;
  completionSessions: number | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  online: boolean;
  onlineUrl: string | null;
  venueName: string | null;
  address: string | null;
  town: string | null;
  postcode: string | null;
  lat: number | null;
  lng: number | null;
  imagePath: string | null;
  imageAlt: string | null;
}

export interface EditableSchedule extends ScheduleRule {
  id: string;
}

function addMinutes(time: string, minutes: number): string {
  const total = (minutesOf(time) + minutes) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

export function scheduleToFormDefaults(schedule: EditableSchedule): ScheduleFormDefaults {
  const choice = fromRrule(schedule.rrule);
  const base = {
    id: schedule.id,
    interval: "1",
    nth: "1",
    day: "MO" as Weekday,
    days: [] as Weekday[],
    dates: [] as string[],
    startsOn: schedule.startsOn,
    until: schedule.until ?? "",
    startTime: schedule.startTime,
    endTime: addMinutes(schedule.startTime, schedule.durationMinutes),
    timezone: schedule.timezone,
  };
  if (choice?.kind === "monthly") return { ...base, repeat: "monthly", nth: String(choice.nth), day: choice.day };
  if (choice?.kind === "once") return { ...base, repeat: "once", dates: choice.dates };
  // A rule the form cannot express is shown as weekly on its first day; saving replaces it.
  return {
    ...base,
    repeat: "weekly",
    days: choice?.kind === "weekly" ? choice.days : [],
    interval: String(choice?.kind === "weekly" ? choice.interval : 1),
  };
}

/** Conform default values for editing an activity. */
export function activityToFormDefaults(activity: EditableActivity, schedules: EditableSchedule[]) {
  return {
    title: activity.title,
    summary: activity.summary,
    description: activity.description,
    category: activity.category,
    tags: activity.tags.join(", "),
    suitableFor: activity.suitableFor,
    costType: activity.costType,
    price: penceToPrice(activity.costPence),
    costDetails: activity.costDetails ?? "",
    referralOffer: activity.referralOffer ?? "",
    accessibility: activity.accessibility,
    selfReferral: activity.selfReferral ? "on" : "",
    dropIn: activity.dropIn ? "on" : "",
    requiresScreening: activity.requiresScreening ? "yes" : "no",
    capacity: String(activity.capacity),
    completionSessions: activity.completionSessions == null ? "" : String(activity.completionSessions),
    contactName: activity.contactName ?? "",
    contactEmail: activity.contactEmail ?? "",
    contactPhone: activity.contactPhone ?? "",
    mode: activity.online ? "online" : "in_person",
    venueName: activity.venueName ?? "",
    address: activity.address ?? "",
    town: activity.town ?? "",
    postcode: activity.postcode ?? "",
    lat: activity.lat == null ? "" : String(activity.lat),
    lng: activity.lng == null ? "" : String(activity.lng),
    onlineUrl: activity.onlineUrl ?? "",
    imageAlt: activity.imageAlt ?? "",
    hasPhoto: activity.imagePath ? "on" : "",
    schedules: schedules.map(scheduleToFormDefaults),
  };
}

/** Defaults for a new activity: a weekly, free, in-person group that welcomes self-referrals. */
export function newActivityDefaults(today: string, contact: { name?: string | null; email?: string | null }) {
  return {
    costType: "free",
    requiresScreening: "no",
    selfReferral: "on",
    capacity: "12",
    mode: "in_person",
    contactName: contact.name ?? "",
    contactEmail: contact.email ?? "",
    schedules: [newScheduleDefaults(today)],
  };
}
