import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, queryRows } from "../../db/client";
import { searchLog } from "../../db/schema";
import { haversineKm } from "~/modules/places/index.server";
import { parseSearchParams, type SearchParams, searchActivities, type SearchResultsPage, changeActivityStatus, pruneSpellingWords, accessibilityKeys, flushSearchLog, applyCategoryAction } from "~/modules/activities/index.server";
import { loader as apiLoader } from "~/routes/api.search/route";
import { createActivity, createOrganisation } from "../factories";
import { searchFlagBits } from "../../db/schema/activities";
import { centre, createPlacedActivity, offset } from "../factories/search";

const plain = (title: string, summary: string, extra: object = {}) => ({ title, summary, description: summary, tags: [], ...extra });

let ids: Record<string, string> = {};
const random: { id: string; lat: number; lng: number }[] = [];

beforeAll(async () => {
  const org = (await createOrganisation({ name: "Leeds Wellbeing Trust" })).id;
  const world = {
    walk: await createPlacedActivity(
      {
        km: 1,
        bearing: 0,
        overrides: { ...plain("Headingley Walking Group", "Friendly strolls round the park"), category: "walking", costType: "free", accessibility: ["step_free", "seating"], selfReferral: true },
        sessions: [{ day: "mon", time: "10:00", booked: 3 }],
      },
      org,
    ),
    chairYoga: await createPlacedActivity(
      {
        km: 2.5,
        bearing: 90,
        overrides: { ...plain("Chair Yoga for Beginners", "Gentle stretching sitting down"), category: "exercise", costType: "paid", costPence: 400, accessibility: ["step_free", "hearing_loop"] },
        sessions: [{ day: "tue", time: "14:00", booked: 10 }],
      },
      org,
    ),
    choir: await createPlacedActivity(
      {
        km: 4,
        bearing: 180,
        overrides: { ...plain("Community Choir", "Sing together, no experience needed"), category: "music", costType: "free", dropIn: true },
        sessions: [{ day: "wed", time: "19:00", booked: 0 }],
      },
      org,
    ),
    pottery: await createPlacedActivity(
      { km: 3, bearing: 225, overrides: { ...plain("Pottery Studio", "Make pots on the wheel"), category: "arts-crafts", costType: "pay_what_you_can" } },
      org,
    ),
    nordic: await createPlacedActivity(
      {
        km: 7,
        bearing: 270,
        overrides: { ...plain("Nordic Walking Meadows", "Brisk poles walking"), category: "walking", costType: "free", accessibility: ["step_free"] },
        sessions: [{ day: "sat", time: "09:30", booked: 2 }],
      },
      org,
    ),
    gentleYoga: await createPlacedActivity(
      {
        km: 12,
        bearing: 10,
        overrides: { ...plain("Gentle Yoga Otley", "Slow yoga for everyone"), category: "exercise", costType: "free" },
        sessions: [{ day: "mon", time: "18:30" }],
      },
      org,
    ),
    // Two activities at exactly the same place: their order must come from the id.
    twinA: await createPlacedActivity({ km: 1.8, bearing: 45, overrides: { ...plain("Knit and Natter", "Bring your knitting"), category: "arts-crafts", costType: "paid" } }, org),
    twinB: await createPlacedActivity({ km: 1.8, bearing: 45, overrides: { ...plain("Craft Cafe", "Crafts and cake"), category: "arts-crafts", costType: "paid" } }, org),
    online: await createActivity({
      ...plain("Online Book Club", "A book club on video call"),
      organisationId: org,
      category: "book-clubs",
      online: true,
      lat: null,
      lng: null,
      venueName: null,
      address: null,
      postcode: null,
    }),
    draft: await createPlacedActivity({ km: 0.5, bearing: 0, overrides: { ...plain("Walking Draft", "Not published"), status: "draft" } }, org),
    bristol: await createActivity({ ...plain("Bristol Harbour Walking", "Walk the harbour"), organisationId: org, lat: 51.4545, lng: -2.5879, town: "Bristol" }),
  };
  ids = Object.fromEntries(Object.entries(world).map(([k, v]) => [k, v.id]));

  // Scattered activities for radius checks: a seeded spread up to 30 km out.
  let seed = 7;
  const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 40; i++) {
    const p = offset(centre, next() * 30, next() * 360);
    const a = await createActivity({ ...plain(`Scatter ${i}`, "Somewhere around"), organisationId: org, category: "befriending", lat: p.lat, lng: p.lng });
    random.push({ id: a.id, lat: p.lat, lng: p.lng });
  }
});

async function search(query: string): Promise<SearchResultsPage> {
  const parsed = parseSearchParams(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`bad params: ${parsed.field} ${parsed.error}`);
  const result = await searchActivities(parsed.params, { log: false });
  if (!result.ok) throw new Error(`problem: ${result.field} ${result.error}`);
  return result;
}

const near = `lat=${centre.lat}&lng=${centre.lng}`;
const titles = (r: SearchResultsPage) => r.hits.map((h) => h.title);
const isScatter = (id: string) => random.some((r) => r.id === id);

async function allPages(query: string, perPage: number) {
  const out: string[] = [];
  for (let page = 1; page < 100; page++) {
    const r = await search(`${query}&per_page=${perPage}&page=${page}`);
    out.push(...r.hits.map((h) => h.id));
    if (r.hits.length < perPage) break;
  }
  return out;
}

describe("distance", () => {
  it("finds exactly the activities within each radius, nearest first, with haversine distances", async () => {
    for (const radius of [1, 2, 5, 10, 25]) {
      const r = await search(`${near}&radius_km=${radius}&per_page=50&online=exclude`);
      const expected = random
        .map((p) => ({ id: p.id, km: haversineKm(centre, p) }))
        // Points within a metre of the edge could fall either side of a float rounding.
        .filter((p) => Math.abs(p.km - radius) > 0.001);
      const found = r.hits.filter((h) => isScatter(h.id));
      const inside = expected.filter((p) => p.km <= radius).map((p) => p.id);
      const outside = new Set(expected.filter((p) => p.km > radius).map((p) => p.id));
      expect(found.map((h) => h.id).filter((id) => !outside.has(id)).sort()).toEqual([...inside].sort());
      for (const h of found) expect(outside.has(h.id)).toBe(false);
      for (const h of r.hits) {
        expect(h.distanceKm).not.toBeNull();
        expect(h.distanceKm!).toBeLessThanOrEqual(radius + 1e-9);
        expect(h.distanceKm!).toBeCloseTo(haversineKm(centre, { lat: h.lat!, lng: h.lng! }), 6);
      }
      const distances = r.hits.map((h) => h.distanceKm!);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      expect(r.total).toBe(r.hits.length);
    }
  });

  it("puts the known activities in distance order and leaves out drafts and far places", async () => {
    const r = await search(`${near}&radius_km=5&online=exclude&per_page=50`);
    const known = titles(r).filter((t) => !t.startsWith("Scatter"));
    const twins = [
      { title: "Knit and Natter", id: ids.twinA },
      { title: "Craft Cafe", id: ids.twinB },
    ]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((t) => t.title);
    expect(known).toEqual(["Headingley Walking Group", ...twins, "Chair Yoga for Beginners", "Pottery Studio", "Community Choir"]);
    expect(titles(r)).not.toContain("Walking Draft");
    expect(titles(r)).not.toContain("Bristol Harbour Walking");
    expect(r.hits.find((h) => h.id === ids.walk)!.distanceKm).toBeCloseTo(1, 3);
  });

  it("finds places by name or postcode, and says so when it cannot", async () => {
    const r = await search("near=LS6 3AB&radius_km=25&q=choir");
    expect(r.place?.label).toBeTruthy();
    expect(titles(r)).toContain("Community Choir");
    const parsed = parseSearchParams(new URLSearchParams("near=Xyzzyplace Qwerty"));
    expect(parsed.ok).toBe(true);
    const problem = await searchActivities((parsed as { params: SearchParams }).params, { log: false });
    expect(problem).toMatchObject({ ok: false, field: "near" });
  });
});

describe("filters", () => {
  const base = `${near}&radius_km=10&online=exclude&per_page=50`;
  const known = (r: SearchResultsPage) => titles(r).filter((t) => !t.startsWith("Scatter")).sort();

  it("applies each filter alone", async () => {
    expect(known(await search(`${base}&free=1`))).toEqual(["Community Choir", "Headingley Walking Group", "Nordic Walking Meadows"]);
    expect(known(await search(`${base}&accessibility=step_free`))).toEqual(["Chair Yoga for Beginners", "Headingley Walking Group", "Nordic Walking Meadows"]);
    expect(known(await search(`${base}&accessibility=step_free&accessibility=hearing_loop`))).toEqual(["Chair Yoga for Beginners"]);
    expect(known(await search(`${base}&category=walking`))).toEqual(["Headingley Walking Group", "Nordic Walking Meadows"]);
    expect(known(await search(`${base}&category=walking&category=music`))).toEqual(["Community Choir", "Headingley Walking Group", "Nordic Walking Meadows"]);
    expect(known(await search(`${base}&day=mon`))).toEqual(["Headingley Walking Group"]);
    expect(known(await search(`${base}&day=tue&day=sat`))).toEqual(["Chair Yoga for Beginners", "Nordic Walking Meadows"]);
    expect(known(await search(`${base}&time=evening`))).toEqual(["Community Choir"]);
    expect(known(await search(`${base}&time=afternoon`))).toEqual(["Chair Yoga for Beginners"]);
    expect(known(await search(`${base}&join=drop_in`))).toEqual(["Community Choir"]);
    expect(known(await search(`${base}&join=self_referral`))).toEqual(["Headingley Walking Group"]);
    // Chair yoga's only sessions are full.
    expect(known(await search(`${base}&has_space=1`))).toEqual(["Community Choir", "Headingley Walking Group", "Nordic Walking Meadows"]);
    expect(known(await search(`${base}&q=walking`))).toEqual(["Headingley Walking Group", "Nordic Walking Meadows"]);
  });

  it("filters on every accessibility feature, and on cost and joining together", async () => {
    // Search tests bits packed from these columns; a feature without a bit would be missed.
    expect(Object.keys(searchFlagBits.accessibility).sort()).toEqual([...accessibilityKeys].sort());
    const org = (await createOrganisation({ name: "Cardiff Access Club" })).id;
    const cardiff = "lat=51.4816&lng=-3.1791&radius_km=2";
    const everything = await createActivity({ ...plain("Open To All", "Every kind of access"), organisationId: org, lat: 51.4816, lng: -3.1791, accessibility: [...accessibilityKeys], costType: "free", selfReferral: true, dropIn: true });
    const nothing = await createActivity({ ...plain("Upstairs Club", "No access features"), organisationId: org, lat: 51.4817, lng: -3.1792, accessibility: [], costType: "paid", costPence: 300 });
    for (const key of accessibilityKeys) {
      expect((await search(`${cardiff}&accessibility=${key}`)).hits.map((h) => h.id)).toEqual([everything.id]);
    }
    expect((await search(`${cardiff}&free=1&join=self_referral&join=drop_in`)).hits.map((h) => h.id)).toEqual([everything.id]);
    expect((await search(cardiff)).hits.map((h) => h.id).sort()).toEqual([everything.id, nothing.id].sort());
  });

  it("combines filters", async () => {
    expect(known(await search(`${base}&free=1&accessibility=step_free`))).toEqual(["Headingley Walking Group", "Nordic Walking Meadows"]);
    expect(known(await search(`${base}&free=1&accessibility=step_free&day=sat&time=morning`))).toEqual(["Nordic Walking Meadows"]);
    expect(known(await search(`${base}&q=walking&has_space=1&join=self_referral`))).toEqual(["Headingley Walking Group"]);
    expect(known(await search(`${base}&day=mon&time=evening`))).toEqual([]);
    expect(known(await search(`${near}&radius_km=25&day=mon&time=evening&online=exclude`))).toEqual(["Gentle Yoga Otley"]);
  });

  it("handles online activities: none near a place by default, only them on request", async () => {
    expect(titles(await search(`${near}&radius_km=25&per_page=50`))).not.toContain("Online Book Club");
    const only = await search(`${near}&online=only`);
    expect(titles(only)).toEqual(["Online Book Club"]);
    expect(only.hits[0].distanceKm).toBeNull();
    expect(titles(await search("q=book club"))).toContain("Online Book Club");
    expect(titles(await search("q=book club&online=exclude"))).not.toContain("Online Book Club");
  });

  it("shows the next session in order, with places left", async () => {
    const r = await search(`${near}&radius_km=5&q=walking`);
    const walk = r.hits.find((h) => h.id === ids.walk)!;
    expect(walk.nextSession?.spacesLeft).toBe(7);
    expect(new Date(walk.nextSession!.startsAt).getTime()).toBeGreaterThan(Date.now());
    const soonest = await search(`${near}&radius_km=10&sort=soonest&online=exclude&per_page=50`);
    const starts = soonest.hits.filter((h) => h.nextSession).map((h) => new Date(h.nextSession!.startsAt).getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // Activities without sessions come last.
    const firstEmpty = soonest.hits.findIndex((h) => !h.nextSession);
    expect(soonest.hits.slice(firstEmpty).every((h) => !h.nextSession)).toBe(true);
  });
});

describe("text", () => {
  it("tolerates typos inside a radius and without one", async () => {
    const walk = await search(`${near}&radius_km=10&q=walkng`);
    expect(walk.textMatch).toBe("similar");
    expect(titles(walk)).toEqual(expect.arrayContaining(["Headingley Walking Group", "Nordic Walking Meadows"]));
    const yoga = await search(`${near}&radius_km=25&q=yogga`);
    expect(titles(yoga)).toEqual(expect.arrayContaining(["Chair Yoga for Beginners", "Gentle Yoga Otley"]));
    const anywhere = await search("q=yogga");
    expect(titles(anywhere)).toEqual(expect.arrayContaining(["Chair Yoga for Beginners", "Gentle Yoga Otley"]));
  });

  it("corrects only the misspelt word, keeping the others and -exclusions", async () => {
    const r = await search(`${near}&radius_km=25&q=yogga -chair`);
    expect(r.textMatch).toBe("similar");
    expect(titles(r)).toEqual(["Gentle Yoga Otley"]);
    const mixed = await search(`${near}&radius_km=25&q=yogga otley`);
    expect(titles(mixed)).toEqual(["Gentle Yoga Otley"]);
  });

  it("corrects common typos on whole words, and leaves correct words with no match alone", async () => {
    const org = (await createOrganisation({ name: "Cardiff Together" })).id;
    const cardiff = "lat=51.4816&lng=-3.1791&radius_km=5";
    const place = { organisationId: org, lat: 51.48, lng: -3.18, status: "published" as const };
    await createActivity({ ...plain("Mindful Meditation Circle", "Quiet sitting practice"), ...place });
    await createActivity({ ...plain("Swimming for Health", "Gentle lengths at the leisure centre"), ...place });
    await createActivity({ ...plain("Tai Chi in the Park", "Slow flowing movement"), ...place });
    await createActivity({ ...plain("Lancing Road Allotments", "Grow your own vegetables"), ...place });

    for (const [typed, title] of [["meditaion", "Mindful Meditation Circle"], ["swiming", "Swimming for Health"], ["tai-chi", "Tai Chi in the Park"], ["alotments", "Lancing Road Allotments"]]) {
      expect(titles(await search(`${cardiff}&q=${typed}`)), typed).toEqual([title]);
    }
    // A correctly spelt word nobody uses is not turned into a different word that looks alike ("lancing").
    const dancing = await search(`${cardiff}&q=dancing`);
    expect(dancing.total).toBe(0);
    expect(dancing.textMatch).toBe("exact");
  });

  it("allows one wrong letter in a short word and two in a longer one", async () => {
    const org = (await createOrganisation({ name: "Norwich Together" })).id;
    const norwich = "lat=52.6309&lng=1.2974&radius_km=5";
    const place = { organisationId: org, lat: 52.63, lng: 1.3, status: "published" as const };
    await createActivity({ ...plain("Yoga on the Green", "Stretch and breathe"), ...place });
    await createActivity({ ...plain("Seated Exercise Class", "Keep moving in a chair"), ...place });
    await createActivity({ ...plain("Tai Chi by the River", "Slow flowing movement"), ...place });

    for (const [typed, title] of [["yoa", "Yoga on the Green"], ["excersise", "Seated Exercise Class"], ["tai chii", "Tai Chi by the River"], ["exersice", "Seated Exercise Class"]]) {
      const found = await search(`${norwich}&q=${encodeURIComponent(typed)}`);
      expect(titles(found), typed).toEqual([title]);
      expect(found.textMatch, typed).toBe("similar");
    }
    // Two letters wrong in a four-letter word is too far: "yuca" is not taken for yoga.
    expect((await search(`${norwich}&q=yuca`)).total).toBe(0);
  });

  it("learns the words of activities as they are published, and forgets them when none uses them", async () => {
    const org = (await createOrganisation({ name: "Edinburgh Movers" })).id;
    const edinburgh = "lat=55.9533&lng=-3.1883&radius_km=5";
    const zumba = await createActivity({ ...plain("Zumba Gold", "Latin dance for older adults"), organisationId: org, lat: 55.95, lng: -3.19, status: "draft" });
    expect((await search(`${edinburgh}&q=zumbba`)).total).toBe(0);

    await changeActivityStatus(zumba.id, "publish", new Date());
    const found = await search(`${edinburgh}&q=zumbba`);
    expect(found.textMatch).toBe("similar");
    expect(titles(found)).toEqual(["Zumba Gold"]);
    expect(await pruneSpellingWords()).toBe(0);

    await changeActivityStatus(zumba.id, "archive", new Date());
    expect(await pruneSpellingWords()).toBeGreaterThan(0);
    const gone = await search(`${edinburgh}&q=zumbba`);
    expect(gone.total).toBe(0);
    expect(gone.textMatch).toBe("exact");
  });

  it("prefers exact words, folds accents, and ranks by relevance", async () => {
    const exact = await search(`${near}&radius_km=25&q=yoga`);
    expect(exact.textMatch).toBe("exact");
    expect(titles(exact).sort()).toEqual(["Chair Yoga for Beginners", "Gentle Yoga Otley"]);
    expect(titles(await search(`${near}&radius_km=25&q=chôir`))).toEqual(["Community Choir"]);
  });
});

describe("paging", () => {
  it("is stable: small pages add up to the whole list, ties ordered by id", async () => {
    for (const query of [`${near}&radius_km=25`, `${near}&radius_km=25&sort=soonest`, `${near}&radius_km=25&q=walking&sort=relevance`, "category=arts-crafts"]) {
      const whole = (await search(`${query}&per_page=50`)).hits.map((h) => h.id);
      expect(await allPages(query, 3)).toEqual(whole);
      expect(new Set(whole).size).toBe(whole.length);
    }
    const twins = (await search(`${near}&radius_km=2&category=arts-crafts`)).hits.map((h) => h.id);
    expect(twins).toEqual([ids.twinA, ids.twinB].sort());
  });
});

describe("facets", () => {
  it("count what picking each option would give", async () => {
    const base = `${near}&radius_km=10&online=exclude&free=1`;
    const r = await search(`${base}&category=walking&day=mon`);
    for (const [category, n] of Object.entries(r.facets.category)) {
      expect((await search(`${base}&category=${category}&day=mon`)).total).toBe(n);
    }
    for (const [day, n] of Object.entries(r.facets.day)) {
      expect((await search(`${base}&category=walking&day=${day}`)).total).toBe(n);
    }
    const all = await search(base);
    expect(Object.values(all.facets.category).reduce((a, b) => a + b, 0)).toBe(all.total);
  });

  it("offers ways out of an empty search, with counts", async () => {
    const r = await search(`${near}&radius_km=1&q=choir&free=1`);
    expect(r.total).toBe(0);
    expect(r.suggestions.map((s) => s.label)).toContain("1 within 5 km");
    const strict = await search(`${near}&radius_km=25&q=yoga&free=1&accessibility=hearing_loop`);
    expect(strict.total).toBe(0);
    expect(strict.suggestions.map((s) => s.label)).toEqual(expect.arrayContaining(["1 without “Free only”", "1 without “Hearing loop”"]));
  });

  it("offers the nearest wider circle that finds something, and none when nothing matches anywhere", async () => {
    // Nordic Walking Meadows is 7 km away: 2 and 5 km find nothing, 10 km finds it.
    const r = await search(`${near}&radius_km=1&q=nordic`);
    expect(r.total).toBe(0);
    expect(r.suggestions.map((s) => s.label)).toEqual(["1 within 10 km", expect.stringMatching(/^\d+ without “nordic”$/)]);
    const none = await search(`${near}&radius_km=1&q=underwater`);
    expect(none.total).toBe(0);
    expect(none.suggestions.some((s) => s.label.includes(" km"))).toBe(false);
  });
});

describe("categories in search", () => {
  it("a category an admin adds, renames or removes shows in the next search", async () => {
    const before = await search(near);
    expect(before.categories.some((c) => c.name === "Bell ringing")).toBe(false);
    expect(await applyCategoryAction({ intent: "add", name: "Bell ringing" })).toEqual({ ok: true });
    const added = await search(`${near}&category=bell-ringing`);
    expect(added.categories).toContainEqual({ slug: "bell-ringing", name: "Bell ringing" });
    expect(added.total).toBe(0);
    await applyCategoryAction({ intent: "update", slug: "bell-ringing", name: "Bell ringing and handbells" });
    expect((await search(near)).categories).toContainEqual({ slug: "bell-ringing", name: "Bell ringing and handbells" });
    await applyCategoryAction({ intent: "delete", slug: "bell-ringing" });
    const parsed = parseSearchParams(new URLSearchParams(`${near}&category=bell-ringing`));
    const gone = await searchActivities((parsed as { params: SearchParams }).params, { log: false });
    expect(gone).toMatchObject({ ok: false, field: "category" });
  });

  it("a category added outside this process is found on the first search that asks for it", async () => {
    await search(near); // the list is now held in this process
    const db = await getDb();
    await db.execute(sql`INSERT INTO categories (slug, name, sort_order) VALUES ('lantern-making', 'Lantern making', 999)`);
    const r = await search(`${near}&category=lantern-making`);
    expect(r.categories).toContainEqual({ slug: "lantern-making", name: "Lantern making" });
  });
});

describe("GET /api/search", () => {
  const call = (qs: string, init: RequestInit = {}) =>
    apiLoader({ request: new Request(`http://localhost:3000/api/search?${qs}`, init), params: {}, context: {} } as never) as Promise<Response>;

  it("answers with the documented shape and open CORS", async () => {
    const res = await call(`${near}&radius_km=5&q=walking`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["distance_from", "facets", "page", "per_page", "results", "total"]);
    expect(body.distance_from).toEqual({ precision: "location", description: "your location", precision_km: null });
    expect(body.results[0]).toMatchObject({ id: ids.walk, title: "Headingley Walking Group", organisation: "Leeds Wellbeing Trust", category: "walking", online: false });
    expect(Object.keys(body.results[0]).sort()).toEqual(["category", "cost", "distance_km", "id", "lat", "lng", "next_session", "next_session_with_space", "online", "organisation", "title", "url"]);
    expect(body.results[0].distance_km).toBeCloseTo(1, 2);
    expect(body.results[0].next_session).toEqual({ starts_at: expect.any(String), spaces_left: 7 });
    expect(body.results[0].url).toMatch(new RegExp(`/activities/${ids.walk}$`));
    const noPlace = await (await call("q=walking")).json();
    expect(noPlace.results[0]).not.toHaveProperty("distance_km");
    expect(noPlace).not.toHaveProperty("distance_from");
  });

  it("answers a CORS preflight", async () => {
    const res = await call("", { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Access-Control-Allow-Methods")).toContain("GET");
  });

  it("rejects bad parameters with 400 and the field, never 500", async () => {
    const cases: [string, string][] = [
      ["radius_km=3", "radius_km"],
      ["radius_km=abc", "radius_km"],
      ["per_page=51", "per_page"],
      ["page=0", "page"],
      ["lat=53.8", "lng"],
      ["lat=north&lng=1", "lat"],
      ["lat=40.7&lng=-74", "lat"],
      ["day=funday", "day"],
      ["time=noon", "time"],
      ["free=maybe", "free"],
      ["accessibility=lift", "accessibility"],
      ["online=sometimes", "online"],
      ["join=invite", "join"],
      ["sort=distance", "sort"],
      ["sort=random", "sort"],
      ["category=not-a-kind", "category"],
      ["category=DROP TABLE", "category"],
      ["near=Xyzzyplace Qwerty", "near"],
      [`q=${"x".repeat(201)}`, "q"],
    ];
    for (const [qs, field] of cases) {
      const res = await call(qs);
      expect(res.status, qs).toBe(400);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      const body = await res.json();
      expect(body, qs).toEqual({ error: expect.any(String), field });
    }
  });
});

describe("search log", () => {
  it("records what and roughly where, never who", async () => {
    const db = await getDb();
    await flushSearchLog(); // searches made by earlier tests
    await db.delete(searchLog);
    const long = `walking ${"x".repeat(150)}`;
    const parsed = parseSearchParams(new URLSearchParams(`lat=53.81234&lng=-1.55678&q=${long}&category=walking`));
    expect(parsed.ok).toBe(true);
    const searchedAt = Date.now();
    await searchActivities((parsed as { params: SearchParams }).params);
    await flushSearchLog();
    const rows = await db.select().from(searchLog);
    expect(rows).toHaveLength(1);
    // The time of the search, not of the (later) write.
    expect(Math.abs(rows[0].at.getTime() - searchedAt)).toBeLessThan(5_000);
    expect(rows[0]).toMatchObject({ query: long.slice(0, 100), categories: ["walking"], lat: 53.81, lng: -1.56 });
    expect(rows[0].resultCount).toEqual(expect.any(Number));
    const columns = await queryRows<{ column_name: string }>(
      db,
      sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'search_log' ORDER BY column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(["at", "categories", "id", "lat", "lng", "query", "result_count"]);
    // Later pages of the same search are not counted again.
    const page2 = parseSearchParams(new URLSearchParams("q=walking&page=2"));
    await searchActivities((page2 as { params: SearchParams }).params);
    await flushSearchLog();
    expect(await db.select().from(searchLog)).toHaveLength(1);
  });

  it("answers before the log row is written, and writes a burst of searches together", async () => {
    const db = await getDb();
    await flushSearchLog(); // searches made by earlier tests
    await db.delete(searchLog);
    const parsed = parseSearchParams(new URLSearchParams(`${near}&q=choir`));
    const answers = await Promise.all(Array.from({ length: 5 }, () => searchActivities((parsed as { params: SearchParams }).params)));
    expect(answers.every((a) => a.ok && a.total === 1)).toBe(true);
    // Nothing written yet: the answers did not wait for it.
    expect(await db.select().from(searchLog)).toHaveLength(0);
    await flushSearchLog();
    const rows = await db.select().from(searchLog);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.query === "choir" && r.resultCount === 1)).toBe(true);
  });

  it("writes queued searches within about a second without being asked", async () => {
    const db = await getDb();
    await flushSearchLog(); // searches made by earlier tests
    await db.delete(searchLog);
    const parsed = parseSearchParams(new URLSearchParams(`${near}&q=pottery`));
    await searchActivities((parsed as { params: SearchParams }).params);
    await expect.poll(async () => (await db.select().from(searchLog)).length, { timeout: 5_000 }).toBe(1);
  });
});
