/**
 * The contract every search backend meets. What a search *means* (parameters,
 * defaults, the result page) lives in app/modules/activities; a backend only
 * answers a normalised query.
 */
import type { costTypeValues } from "../db/schema/activities";

/** "free", "paid" or "pay_what_you_can", as db/schema/activities.ts lists them. */
export type CostType = (typeof costTypeValues)[number];

export type Day = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export type PartOfDay = "morning" | "afternoon" | "evening";
export type OnlineMode = "include" | "only" | "exclude";
export type JoinMode = "self_referral" | "drop_in";
export type SearchSort = "distance" | "relevance" | "soonest";

export const days: readonly Day[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
export const partsOfDay: readonly PartOfDay[] = ["morning", "afternoon", "evening"];

export interface SearchQuery {
  text?: string;
  location?: { lat: number; lng: number; radiusKm: number };
  categories: string[];
  days: Day[];
  time?: PartOfDay;
  free: boolean;
  /** Every one must hold. */
  accessibility: string[];
  online: OnlineMode;
  /** Every one must hold. */
  join: JoinMode[];
  /** A scheduled session starting within `hasSpaceWithinDays` with a place left. */
  hasSpace: boolean;
  hasSpaceWithinDays: number;
  sort: SearchSort;
  /** 0 asks for counts and facets only. */
  limit: number;
  offset: number;
  /** "Now" for session rules; the app's clock, which tests can move. */
  now: Date;
}

/** A query with no words, place or filters: the first page, nearest first (for scripts and tests to build on). */
export function unfilteredQuery(now: Date, over: Partial<SearchQuery> = {}): SearchQuery {
  return {
    categories: [],
    days: [],
    free: false,
    accessibility: [],
    online: "include",
    join: [],
    hasSpace: false,
    hasSpaceWithinDays: 14,
    sort: "distance",
    limit: 20,
    offset: 0,
    now,
    ...over,
  };
}

export interface SearchHit {
  id: string;
  title: string;
  summary: string;
  organisation: string;
  category: string;
  lat: number | null;
  lng: number | null;
  town: string | null;
  /** Present when the query had a location and the activity has a place. */
  distanceKm: number | null;
  online: boolean;
  costType: CostType;
  costPence: number | null;
  accessibility: string[];
  selfReferral: boolean;
  dropIn: boolean;
  timezone: string;
  nextSession: { startsAt: Date; endsAt: Date; spacesLeft: number } | null;
  /**
   * The next session with a place: the one to offer, as a full next session is no use to someone choosing
   * (the same as nextSession when that has a place). spacesLeft is null when the backend knows only the time.
   */
  nextOpenSession: { startsAt: Date; spacesLeft: number | null } | null;
}

export interface SearchFacets {
  /** Activities per category, counting every filter except the category one. */
  category: Record<string, number>;
  /** Activities meeting on each day, counting every filter except the day one. */
  day: Record<Day, number>;
}

export interface SearchOutcome {
  total: number;
  hits: SearchHit[];
  facets: SearchFacets;
  /** "similar" when a word matched no activity and the closest spelling that does was searched for instead. */
  textMatch: "none" | "exact" | "similar";
}

/** A document for an external index, built from an activity and its sessions. */
export interface ActivityDocument {
  id: string;
  title: string;
  summary: string;
  description: string;
  tags: string[];
  organisation: string;
  category: string;
  /** The category's name, searched as words ("walking" finds the "Walking groups"). */
  category_name: string;
  town: string | null;
  _geo?: { lat: number; lng: number };
  lat: number | null;
  lng: number | null;
  online: boolean;
  cost_type: CostType;
  cost_pence: number | null;
  free: boolean;
  accessibility: string[];
  self_referral: boolean;
  drop_in: boolean;
  timezone: string;
  /** Days with an upcoming session ("mon"…), and day+part slots ("mon_morning"…). */
  days: Day[];
  slots: string[];
  /** Epoch milliseconds; null without upcoming sessions. */
  next_session_at: number | null;
  next_session_ends_at: number | null;
  next_session_spaces: number | null;
  next_open_session_at: number | null;
}

export interface SearchIndex {
  readonly name: "postgres" | "meilisearch";
  search(query: SearchQuery): Promise<SearchOutcome>;
  /** External indexes only: the Postgres backend reads the tables directly. */
  upsert(documents: ActivityDocument[]): Promise<void>;
  delete(ids: string[]): Promise<void>;
  /**
   * Builds the whole index again from these batches (external indexes only).
   * Searches keep using the old index until the new one is complete.
   */
  rebuild(batches: AsyncIterable<ActivityDocument[]>): Promise<number>;
}

/** Bit for a day and part of day in `session_slots` (see migration search-session-summary). */
export function slotBit(day: Day, part: PartOfDay): number {
  return 1 << (days.indexOf(day) * 3 + partsOfDay.indexOf(part));
}

/** Mask of the slots a day/time filter accepts; 0 means "no filter". */
export function slotMask(selectedDays: readonly Day[], time: PartOfDay | undefined): number {
  if (selectedDays.length === 0 && !time) return 0;
  const ds = selectedDays.length ? selectedDays : days;
  const ps = time ? [time] : partsOfDay;
  let mask = 0;
  for (const d of ds) for (const p of ps) mask |= slotBit(d, p);
  return mask;
}

/** Days and "day_part" slots named in a `session_slots` bitmask. */
export function describeSlots(slots: number): { days: Day[]; slots: string[] } {
  const outDays: Day[] = [];
  const outSlots: string[] = [];
  for (const d of days) {
    let any = false;
    for (const p of partsOfDay) {
      if (slots & slotBit(d, p)) {
        outSlots.push(`${d}_${p}`);
        any = true;
      }
    }
    if (any) outDays.push(d);
  }
  return { days: outDays, slots: outSlots };
}

export function emptyDayFacets(): Record<Day, number> {
  return { mon: 0, tue: 0, wed: 0, thu: 0, fri: 0, sat: 0, sun: 0 };
}

/*
 * Geometry. earthdistance places points on a sphere of radius earth() =
 * 6378168 m (cube coordinates in metres) but we state distances as the rest
 * of the app does (haversine, mean radius 6371.0088 km), so the radius filter,
 * the distances shown and a haversine computed anywhere else agree.
 */
const cubeRadiusM = 6378168;
const meanRadiusM = 6371008.8;

/** The straight-line (chord) length between two cube points that are `metres` apart along the surface. */
export function chordForSurfaceMetres(metres: number): number {
  return 2 * cubeRadiusM * Math.sin(Math.min(Math.PI / 2, metres / (2 * meanRadiusM)));
}

/** Surface distance in km for a chord between two cube points. */
export function surfaceKmForChord(chord: number): number {
  return (2 * meanRadiusM * Math.asin(Math.min(1, chord / (2 * cubeRadiusM)))) / 1000;
}

/** The radius to give earth_box() so its box holds every point within `metres` as measured here. */
export function earthBoxRadiusFor(metres: number): number {
  return (metres * cubeRadiusM) / meanRadiusM;
}
