/**
 * The default search backend: one SQL statement on PostgreSQL or PGlite.
 *
 * - Place: the stored `geo` point (ll_to_earth(lat, lng)) and its partial GiST
 *   index. Candidates come from `geo <@ earth_box(centre, r)` (an index
 *   condition) and are kept when their exact distance is within the radius.
 *   Sorting by distance walks the same index in `<->` order (a KNN scan) when
 *   many activities match, so the page is read nearest-first; with few, the
 *   candidates already read are sorted (cheaper than walking to the radius).
 * - Covering index: the geo index also holds id, category, session summary,
 *   search_flags and the next-session times (migration search-covering-index),
 *   so without words the candidates, counts and facets come from the index
 *   alone. Cost, joining and accessibility filters therefore test
 *   `search_flags` bits, not the columns they are made from.
 * - Words: the weighted English `search_vector` (accents folded) with
 *   websearch_to_tsquery, ranked by ts_rank. A typed word whose stem no
 *   published activity uses is first replaced by the closest word one does use
 *   (lw_respell, through a trigram index on search_words: "walkng" finds
 *   walking, "meditaion" meditation), so a typo costs no second query and no
 *   scan of titles.
 * - Sessions: days, times, "has space" and "soonest" read the per-activity
 *   session summary (migration search-session-summary); a summary time in the
 *   past is stale, and for those rows the sessions are read directly.
 * - Facets: each filtered set is built once (a materialised CTE); category
 *   counts leave out the category filter and day counts the day filter, so
 *   each option shows how many results picking it would give (standard facet
 *   semantics: options within one facet are ORed, facets are ANDed).
 * - Paging is stable: every order ends with the id.
 *
 * Values that depend only on the parameters are wrapped in scalar subqueries:
 * postgres.js reuses prepared statements, and under a generic plan a bare
 * ll_to_earth($1, $2) would be evaluated again for every row.
 */
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { queryRows, type Executor } from "../db/client";
import { searchFlagBits } from "../db/schema/activities";
import {
  chordForSurfaceMetres,
  days,
  earthBoxRadiusFor,
  emptyDayFacets,
  partsOfDay,
  slotBit,
  slotMask,
  surfaceKmForChord,
  type Day,
  type SearchFacets,
  type SearchHit,
  type SearchIndex,
  type SearchOutcome,
  type SearchQuery,
} from "./types";

/** Extra rows a KNN page reads past its end, so activities at exactly the same distance sort by id. */
const knnTieRoom = 50;
/** A KNN page is used when at least this many times the rows up to the page's end match. */
const knnDensity = 3;

interface Row {
  respelled?: boolean | null;
  knn_rows?: number;
  knn_last?: number | null;
  page_last?: number | null;
  total: number;
  category_facets: string;
  day_facets: string;
  hits: string;
}

interface HitJson {
  id: string;
  title: string;
  summary: string;
  organisation: string;
  category: string;
  lat: number | null;
  lng: number | null;
  town: string | null;
  chord: number | null;
  online: boolean;
  cost_type: SearchHit["costType"];
  cost_pence: number | null;
  accessibility: string[];
  self_referral: boolean;
  drop_in: boolean;
  timezone: string;
  next_starts_at: string | null;
  next_ends_at: string | null;
  next_spaces: number | null;
  open_starts_at: string | null;
  open_ends_at: string | null;
  open_spaces: number | null;
}

/**
 * search_flags bits every activity must have. Every accessibility feature has
 * a bit (a test checks the vocabulary against searchFlagBits); one without
 * would be a missing migration, so it fails loudly rather than being ignored.
 */
function requiredFlags(q: SearchQuery): number {
  let mask = 0;
  if (q.free) mask |= searchFlagBits.free;
  if (q.join.includes("self_referral")) mask |= searchFlagBits.self_referral;
  if (q.join.includes("drop_in")) mask |= searchFlagBits.drop_in;
  for (const key of q.accessibility) {
    const bit = searchFlagBits.accessibility[key];
    if (!bit) throw new Error(`Accessibility feature "${key}" has no search_flags bit: add one in db/schema/activities.ts and a migration.`);
    mask |= bit;
  }
  return mask;
}

/** A text[] literal; callers pass only validated keys (slugs and vocabulary keys). */
function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/["\\]/g, "")}"`).join(",")}}`;
  return sql`${literal}::text[]`;
}

class QueryParts {
  readonly centre: SQL | null;
  readonly box: SQL | null;
  readonly chord: number | null;
  readonly now: SQL;
  readonly until: SQL;
  readonly tsquery: SQL | null;

  constructor(
    readonly query: SearchQuery,
    /** Sort the page by (distance, id) over all candidates instead of a KNN scan. */
    readonly exactDistanceOrder = false,
  ) {
    const loc = query.location;
    if (loc) {
      const metres = loc.radiusKm * 1000;
      this.centre = sql`(SELECT ll_to_earth(${loc.lat}::float8, ${loc.lng}::float8))`;
      this.box = sql`(SELECT earth_box(ll_to_earth(${loc.lat}::float8, ${loc.lng}::float8), ${earthBoxRadiusFor(metres)}::float8))`;
      this.chord = chordForSurfaceMetres(metres);
    } else {
      this.centre = this.box = this.chord = null;
    }
    this.now = sql`${query.now.toISOString()}::timestamptz`;
    this.until = sql`${new Date(query.now.getTime() + query.hasSpaceWithinDays * 86400_000).toISOString()}::timestamptz`;
    this.tsquery = query.text ? sql`(SELECT words.corrected FROM words)` : null;
  }

  private radiusCondition: SQL | null = null;

  inRadius(): SQL {
    this.radiusCondition ??= sql`a.geo <@ ${this.box} AND (a.geo <-> ${this.centre}) <= ${this.chord}::float8`;
    return this.radiusCondition;
  }

  chordExpr(): SQL {
    return this.centre ? sql`(a.geo <-> ${this.centre})` : sql`NULL::float8`;
  }

  /** The words as typed, and with unknown words respelled; read once. */
  words(): SQL {
    return sql`SELECT websearch_to_tsquery('english', x.typed) AS exact, websearch_to_tsquery('english', lw_respell(x.typed)) AS corrected
      FROM (SELECT lw_unaccent(${this.query.text ?? ""}) AS typed) x`;
  }

  text(): SQL | null {
    return this.tsquery ? sql`a.search_vector @@ ${this.tsquery}` : null;
  }

  rank(): SQL {
    return this.tsquery ? sql`ts_rank(a.search_vector, ${this.tsquery})` : sql`0::real`;
  }

  /** Filters other than place, category and day/time. */
  common(): SQL[] {
    const q = this.query;
    const out: SQL[] = [sql`a.status = 'published'`];
    const text = this.text();
    if (text) out.push(text);
    const mask = requiredFlags(q);
    if (mask) out.push(sql`(a.search_flags & ${mask}::int) = ${mask}::int`);
    if (q.hasSpace) {
      out.push(sql`a.next_open_session_at < ${this.until}`);
      out.push(sql`(a.next_open_session_at >= ${this.now} OR EXISTS (
        SELECT 1 FROM sessions s
         WHERE s.activity_id = a.id AND s.status = 'scheduled' AND s.booked_count < s.capacity
           AND s.starts_at >= ${this.now} AND s.starts_at < ${this.until}))`);
    }
    return out;
  }

  categoryOk(alias: string): SQL {
    return this.query.categories.length
      ? sql`${sql.raw(alias)}.category = ANY (${textArray(this.query.categories)})`
      : sql`true`;
  }

  slotOk(alias: string, column: string): SQL {
    const mask = slotMask(this.query.days, this.query.time);
    return mask ? sql`(${sql.raw(`${alias}.${column}`)} & ${mask}::int) <> 0` : sql`true`;
  }

  /**
   * Where candidates may be. With a place, "include" and "exclude" mean
   * activities with a venue inside the radius (an online-only activity has no
   * distance to be within); "only" means online activities wherever they are.
   */
  where(): SQL[] {
    const q = this.query;
    // `a.online` as written: it is the predicate of the partial index that finds online activities.
    if (q.online === "only") return [sql`a.online`];
    const out: SQL[] = q.online === "exclude" ? [sql`(a.search_flags & ${searchFlagBits.online}::int) = 0`] : [];
    if (q.location) out.push(this.inRadius());
    return out;
  }

  candidates(): SQL {
    return sql`SELECT a.id, a.category, a.session_slots AS slots, a.next_session_at,
          ${this.chordExpr()} AS chord, ${this.rank()} AS rank
        FROM activities a
        WHERE ${sql.join([...this.common(), ...this.where()], sql` AND `)}`;
  }

  /** The next session's start, read from sessions when the summary is stale. */
  soonest(alias: string): SQL {
    const c = sql.raw(alias);
    return sql`CASE WHEN ${c}.next_session_at >= ${this.now} THEN ${c}.next_session_at ELSE (
      SELECT min(s.starts_at) FROM sessions s
       WHERE s.activity_id = ${c}.id AND s.status = 'scheduled' AND s.starts_at >= ${this.now}) END`;
  }

  /** Ids of the requested page with their order and chord. */
  page(): SQL {
    const q = this.query;
    const filtered = sql`${this.categoryOk("c")} AND ${this.slotOk("c", "slots")}`;
    const order =
      q.sort === "relevance"
        ? sql`c.rank DESC, c.chord NULLS LAST, c.id`
        : q.sort === "soonest"
          ? sql`${this.soonest("c")} NULLS LAST, c.chord NULLS LAST, c.id`
          : sql`c.chord NULLS LAST, c.id`;
    const sorted = sql`SELECT c.id, c.chord, row_number() OVER (ORDER BY ${order}) AS ord
      FROM c WHERE ${filtered} ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}`;
    if (!this.usesNearestScan()) return sorted;
    // Nearest first straight from the GiST index: a KNN scan in `<->` order
    // reads only the rows up to the page. Worth it when many activities match;
    // for a few, sorting the candidates already read is cheaper than walking
    // the index to the edge of the radius. One branch runs (a one-time filter).
    // Equal distances (activities sharing a venue) are ordered by id; the extra
    // rows read make sure a tie at the end of the page is complete (runSearch
    // checks, and falls back if not).
    return sql`(SELECT k.id, k.chord, row_number() OVER (ORDER BY k.chord, k.id) AS ord
        FROM knn k WHERE ${this.dense()} ORDER BY k.chord, k.id LIMIT ${q.limit} OFFSET ${q.offset})
      UNION ALL
      (SELECT s.* FROM (${sorted}) s WHERE NOT ${this.dense()})`;
  }

  /** Whether so many candidates match that a KNN scan beats sorting them. */
  dense(): SQL {
    const threshold = knnDensity * (this.query.offset + this.query.limit);
    return sql`(SELECT stats.n >= ${threshold} FROM stats)`;
  }

  /**
   * "Has space" is left out: for an activity whose cached next free session
   * has just started, it reads sessions, which a KNN filter must not do row
   * by row across the index.
   */
  usesNearestScan(): boolean {
    const q = this.query;
    return q.sort === "distance" && !!q.location && q.online !== "only" && !q.hasSpace && !this.exactDistanceOrder;
  }

  /** Rows the KNN scan reads: the page, everything before it, and room for ties. */
  knnLimit(): number {
    return this.query.offset + this.query.limit + knnTieRoom;
  }

  /**
   * The KNN scan has no box condition on purpose: with one, the planner
   * prefers reading the whole box and sorting it. Unbounded, a KNN scan would
   * walk the whole table when fewer rows match than it wants, so its LIMIT
   * never exceeds the number of matches, which `c` has already counted.
   */
  knn(): SQL {
    const where = this.where().filter((w) => w !== this.radiusCondition);
    return sql`SELECT a.id, (a.geo <-> ${this.centre}) AS chord
        FROM activities a
       WHERE ${sql.join([...this.common(), ...where, sql`(a.geo <-> ${this.centre}) <= ${this.chord}::float8`, this.categoryOk("a"), this.slotOk("a", "session_slots")], sql` AND `)}
       ORDER BY a.geo <-> ${this.centre}
       LIMIT least(${this.knnLimit()}, (SELECT stats.n FROM stats))`;
  }

  hits(): SQL {
    // The next session, and the next with a place (the one to offer when the next is full): page rows only.
    return sql`SELECT coalesce(json_agg(json_build_object(
        'id', a.id, 'title', a.title, 'summary', a.summary, 'organisation', o.name, 'category', a.category,
        'lat', a.lat, 'lng', a.lng, 'town', a.town, 'chord', p.chord, 'online', a.online,
        'cost_type', a.cost_type, 'cost_pence', a.cost_pence, 'accessibility', a.accessibility,
        'self_referral', a.self_referral, 'drop_in', a.drop_in, 'timezone', a.timezone,
        'next_starts_at', ns.starts_at, 'next_ends_at', ns.ends_at, 'next_spaces', ns.spaces,
        'open_starts_at', nos.starts_at, 'open_ends_at', nos.ends_at, 'open_spaces', nos.spaces
      ) ORDER BY p.ord), '[]'::json)::text
      FROM page p
      JOIN activities a ON a.id = p.id
      JOIN organisations o ON o.id = a.organisation_id
      LEFT JOIN LATERAL (
        SELECT s.starts_at, s.ends_at, greatest(s.capacity - s.booked_count, 0) AS spaces
          FROM sessions s
         WHERE s.activity_id = a.id AND s.status = 'scheduled' AND s.starts_at >= ${this.now}
         ORDER BY s.starts_at LIMIT 1) ns ON true
      LEFT JOIN LATERAL (
        SELECT s.starts_at, s.ends_at, s.capacity - s.booked_count AS spaces
          FROM sessions s
         WHERE s.activity_id = a.id AND s.status = 'scheduled' AND s.starts_at >= ${this.now} AND s.booked_count < s.capacity
         ORDER BY s.starts_at LIMIT 1) nos ON true`;
  }

  dayFacets(): SQL {
    const timeMask = this.query.time ? slotMask([], this.query.time) : (1 << 21) - 1;
    const counts = days.map((d) => {
      const mask = partsOfDay.reduce((m, p) => m | slotBit(d, p), 0) & timeMask;
      return sql`count(*) FILTER (WHERE (c.slots & ${mask}::int) <> 0)::int`;
    });
    return sql`SELECT json_build_array(${sql.join(counts, sql`, `)})::text FROM c WHERE ${this.categoryOk("c")}`;
  }

  /**
   * One statement: the candidates once (c), their count (stats), the page
   * (page), then totals, facets and the page's details read from those.
   * Each part is a materialised CTE so it is planned and run once, however
   * often it is read.
   */
  statement(): SQL {
    const filtered = sql`${this.categoryOk("c")} AND ${this.slotOk("c", "slots")}`;
    const hasPage = this.query.limit > 0;
    const knn = this.usesNearestScan() && hasPage;
    return sql`WITH ${this.tsquery ? sql`words AS MATERIALIZED (${this.words()}),` : sql``}
      c AS MATERIALIZED (${this.candidates()}),
      stats AS MATERIALIZED (SELECT count(*)::int AS n FROM c WHERE ${filtered})
      ${knn ? sql`, knn AS MATERIALIZED (${this.knn()})` : sql``}
      ${hasPage ? sql`, page AS MATERIALIZED (${this.page()})` : sql``}
      SELECT
        ${this.tsquery ? sql`(SELECT words.corrected::text <> words.exact::text FROM words) AS respelled,` : sql``}
        ${knn ? sql`CASE WHEN ${this.dense()} THEN (SELECT count(*)::int FROM knn) END AS knn_rows,
          CASE WHEN ${this.dense()} THEN (SELECT max(chord) FROM knn) END AS knn_last,
          CASE WHEN ${this.dense()} THEN (SELECT max(page.chord) FROM page) END AS page_last,` : sql``}
        (SELECT stats.n FROM stats) AS total,
        (SELECT coalesce(json_object_agg(f.category, f.n), '{}'::json)::text
           FROM (SELECT c.category, count(*)::int AS n FROM c WHERE ${this.slotOk("c", "slots")} GROUP BY c.category) f) AS category_facets,
        (${this.dayFacets()}) AS day_facets,
        ${hasPage ? sql`(${this.hits()})` : sql`'[]'`} AS hits`;
  }

}

function toHit(h: HitJson): SearchHit {
  return {
    id: h.id,
    title: h.title,
    summary: h.summary,
    organisation: h.organisation,
    category: h.category,
    lat: h.lat,
    lng: h.lng,
    town: h.town,
    distanceKm: h.chord == null ? null : surfaceKmForChord(h.chord),
    online: h.online,
    costType: h.cost_type,
    costPence: h.cost_pence,
    accessibility: h.accessibility ?? [],
    selfReferral: h.self_referral,
    dropIn: h.drop_in,
    timezone: h.timezone,
    nextSession:
      h.next_starts_at && h.next_ends_at
        ? { startsAt: new Date(h.next_starts_at), endsAt: new Date(h.next_ends_at), spacesLeft: h.next_spaces ?? 0 }
        : null,
    nextOpenSession: h.open_starts_at ? { startsAt: new Date(h.open_starts_at), spacesLeft: h.open_spaces } : null,
  };
}

function toFacets(row: Row): SearchFacets {
  const dayCounts = JSON.parse(row.day_facets) as number[];
  const day = emptyDayFacets();
  days.forEach((d: Day, i) => (day[d] = dayCounts[i] ?? 0));
  return { category: JSON.parse(row.category_facets) as Record<string, number>, day };
}

/** The SQL for a query, for EXPLAIN in the benchmark. */
export function searchStatement(query: SearchQuery): SQL {
  return new QueryParts(query).statement();
}

const dialect = new PgDialect();

interface PreparingClient {
  unsafe: (query: string, params: unknown[], options: { prepare: boolean }) => Promise<unknown[]>;
}

/**
 * Drizzle's execute() sends raw SQL unprepared, so PostgreSQL plans this
 * statement (dozens of subqueries) on every search: about 2 ms, a third of
 * the work. On postgres.js the statement is prepared instead (its text varies
 * only with which filters are on, so few are cached per connection).
 */
function preparingClient(executor: Executor): PreparingClient | null {
  const client = (executor as unknown as { $client?: unknown }).$client as { unsafe?: unknown; options?: unknown } | undefined;
  // postgres.js exposes `options`; PGlite's client does not, and has no planning cost to save over a socket.
  return client && typeof client.unsafe === "function" && client.options ? (client as unknown as PreparingClient) : null;
}

async function execute(executor: Executor, statement: SQL): Promise<Row> {
  const client = preparingClient(executor);
  if (!client) return (await queryRows<Row>(executor, statement))[0];
  const query = dialect.sqlToQuery(statement);
  return ((await client.unsafe(query.sql, query.params, { prepare: true })) as Row[])[0];
}

export async function runSearch(executor: Executor, query: SearchQuery): Promise<SearchOutcome> {
  const parts = new QueryParts(query);
  let row = await execute(executor, parts.statement());
  // More activities than the tie room share the distance the page ends at:
  // only a full sort can order them by id.
  const tiesOverflow =
    row.knn_rows != null && Number(row.knn_rows) === parts.knnLimit() && row.knn_last != null && row.knn_last === row.page_last;
  if (tiesOverflow) row = await execute(executor, new QueryParts(query, true).statement());
  return {
    total: Number(row.total),
    hits: (JSON.parse(row.hits) as HitJson[]).map(toHit),
    facets: toFacets(row),
    // "Close matches" is said only of results it produced.
    textMatch: !query.text ? "none" : row.respelled && Number(row.total) > 0 ? "similar" : "exact",
  };
}

export function createPostgresSearchIndex(getExecutor: () => Promise<Executor>): SearchIndex {
  return {
    name: "postgres",
    async search(query) {
      return runSearch(await getExecutor(), query);
    },
    // The tables are the index.
    async upsert() {},
    async delete() {},
    async rebuild() {
      return 0;
    },
  };
}
