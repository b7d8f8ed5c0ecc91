/**
 * Search finds what people mean (issue 15): the session offered first has a place; words match an activity's
 * kind, tags and organiser as well as its own text.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { activities, organisations } from "../../db/schema";
import { parseSearchParams, searchActivities, type SearchResultsPage } from "~/modules/activities/index.server";
import { nextSessionText } from "~/components/activity-search/search-result-item";
import { createOrganisation } from "../factories";
import { centre, createPlacedActivity } from "../factories/search";

const near = `lat=${centre.lat}&lng=${centre.lng}`;

async function search(query: string): Promise<SearchResultsPage> {
  const parsed = parseSearchParams(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`bad params: ${parsed.field} ${parsed.error}`);
  const result = await searchActivities(parsed.params, { log: false });
  if (!result.ok) throw new Error(`problem: ${result.field} ${result.error}`);
  return result;
}

const titles = (r: SearchResultsPage) => r.hits.map((h) => h.title);

let ids: Record<string, string> = {};

beforeAll(async () => {
  const trust = (await createOrganisation({ name: "Kirkstall Ramblers Trust" })).id;
  const other = (await createOrganisation({ name: "Meanwood Community Hub" })).id;
  ids = {
    fullThisWeek: (
      await createPlacedActivity(
        {
          km: 1,
          bearing: 0,
          overrides: { title: "Thursday Strollers", summary: "A gentle amble by the canal", description: "", tags: [], category: "walking" },
          // This week's is full (10 of 10); next week's has 4 places.
          sessions: [{ day: "thu", time: "10:00", booked: 10, weeks: 1 }],
        },
        trust,
      )
    ).id,
    chat: (
      await createPlacedActivity(
        {
          km: 2,
          bearing: 90,
          overrides: { title: "Tuesday Natter", summary: "Tea, cake and company", description: "", tags: ["scrabble"], category: "befriending" },
          sessions: [{ day: "tue", time: "14:00", booked: 2 }],
        },
        other,
      )
    ).id,
  };
  // Next week's Thursday for the strollers, with places.
  const { createSession } = await import("../factories");
  const { localDateTimeToUtc } = await import("~/utils/time");
  const { nextDate } = await import("../factories/search");
  await createSession(ids.fullThisWeek, { startsAt: localDateTimeToUtc(nextDate("thu", new Date(), 1), "10:00", "Europe/London"), capacity: 10, bookedCount: 6 });
});

describe("the next session offered", () => {
  it("is the next one with a place; a full one before it is named as full", async () => {
    const results = await search(`${near}&q=strollers`);
    const hit = results.hits.find((h) => h.id === ids.fullThisWeek)!;
    expect(hit.nextSession).toMatchObject({ spacesLeft: 0 });
    expect(hit.nextOpenSession).toMatchObject({ spacesLeft: 4 });
    expect(hit.nextOpenSession!.startsAt.getTime() - hit.nextSession!.startsAt.getTime()).toBe(7 * 86400_000);
    const text = nextSessionText(hit);
    expect(text).toMatch(/^Next with a place: Thursday \d+ \w+, 10:00 \(4 places left\)\. The one on Thursday \d+ \w+ is full\.$/);
    expect(text).not.toMatch(/^Next: .*\(full\)/);
  });

  it("is simply the next one when it has places", async () => {
    const hit = (await search(`${near}&q=natter`)).hits.find((h) => h.id === ids.chat)!;
    expect(nextSessionText(hit)).toMatch(/^Next: Tuesday \d+ \w+, 14:00 \(8 places left\)$/);
  });
});

describe("search words", () => {
  it("match the activity's kind (category name): 'walking' finds one in Walking groups whose text never says walk", async () => {
    expect(titles(await search(`${near}&q=walking`))).toContain("Thursday Strollers");
  });

  it("match the organiser's name and the activity's tags", async () => {
    expect(titles(await search(`${near}&q=ramblers`))).toEqual(["Thursday Strollers"]);
    expect(titles(await search(`${near}&q=scrabble`))).toEqual(["Tuesday Natter"]);
  });

  it("follow a renamed organisation", async () => {
    const db = await getDb();
    const [activity] = await db.select({ organisationId: activities.organisationId }).from(activities).where(eq(activities.id, ids.chat));
    await db.update(organisations).set({ name: "Meanwood Knit and Natter" }).where(eq(organisations.id, activity.organisationId));
    expect(titles(await search(`${near}&q=knit`))).toEqual(["Tuesday Natter"]);
  });
});

describe("a place known only roughly", () => {
  it("says distances are from the centre of the district's neighbourhood, for a postcode, a sector or 'Leeds LS6'", async () => {
    for (const near of ["LS6 1AA", "LS6 1", "Leeds LS6"]) {
      const results = await search(`near=${encodeURIComponent(near)}&radius_km=10`);
      expect(results.place).toMatchObject({ approximate: true, centre: "Headingley" });
    }
  });

  it("says distances are from the centre of the post town where no neighbourhood of the district ships", async () => {
    const results = await search(`near=${encodeURIComponent("LS1 4AP")}&radius_km=10`);
    expect(results.place).toMatchObject({ approximate: true, centre: "Leeds" });
  });
});
