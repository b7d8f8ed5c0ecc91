import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { categories } from "../../db/schema";
import * as dashboard from "~/routes/organiser._index/route";
import * as adminCategories from "~/routes/admin.categories/route";
import * as places from "~/routes/api.places/route";
import { addMember, createActivity, createOrganisation, createSession, createUser } from "../factories";
import { data, run } from "../factories/activities";
import { requestAs } from "../setup/auth";
import { DAY_MS } from "~/utils/time";

describe("the organiser dashboard", () => {
  let organiser: { id: string };
  let orgId: string;
  let secondOrgId: string;

  beforeAll(async () => {
    const org = await createOrganisation({ name: "Council Wellbeing Team" });
    orgId = org.id;
    organiser = await createUser();
    await addMember(org.id, organiser.id);
    const second = await createOrganisation({ name: "Second Group" });
    secondOrgId = second.id;
    await addMember(second.id, organiser.id);
    // Fifty-odd activities, as a council team might have.
    for (let i = 0; i < 45; i++) {
      await createActivity({ organisationId: org.id, title: `Activity ${String(i).padStart(2, "0")}`, status: i % 9 === 0 ? "draft" : "published" });
    }
    await createActivity({ organisationId: org.id, title: "Old club", status: "archived" });
    const soonest = await createActivity({ organisationId: org.id, title: "Zumba gold" });
    await createSession(soonest.id, { startsAt: new Date(Date.now() + 3600_000), capacity: 10, bookedCount: 7 });
    await createSession(soonest.id, { startsAt: new Date(Date.now() + 10 * DAY_MS) });
    await createActivity({ organisationId: second.id, title: "Second group's walk" });
  });

  it("lists the organisation's activities with next session and places left, 20 a page", async () => {
    const page1 = await data(dashboard.loader, { request: await requestAs(organiser.id, "/organiser") });
    expect(page1.organisation.organisationId).toBe(orgId);
    expect(page1.listing.total).toBe(47);
    expect(page1.listing.activities).toHaveLength(20);
    // Sorted by next session: the one with a session first.
    expect(page1.listing.activities[0]).toMatchObject({ title: "Zumba gold", nextSession: { placesLeft: 3, capacity: 10 } });
    expect(page1.week.map((s) => s.activityTitle)).toEqual(["Zumba gold"]);
    const page3 = await data(dashboard.loader, { request: await requestAs(organiser.id, "/organiser?page=3") });
    expect(page3.listing.activities).toHaveLength(7);
    const all = [page1, await data(dashboard.loader, { request: await requestAs(organiser.id, "/organiser?page=2") }), page3].flatMap((p) =>
      p.listing.activities.map((a) => a.id),
    );
    expect(new Set(all).size).toBe(47);
  });

  it("filters by status and sorts by title", async () => {
    const drafts = await data(dashboard.loader, { request: await requestAs(organiser.id, "/organiser?status=draft&sort=title") });
    expect(drafts.listing.activities.every((a) => a.status === "draft")).toBe(true);
    expect(drafts.listing.total).toBe(5);
    expect(drafts.listing.counts).toEqual({ draft: 5, published: 41, archived: 1 });
    const titles = drafts.listing.activities.map((a) => a.title);
    expect(titles).toEqual([...titles].sort());
    const nonsense = await data(dashboard.loader, { request: await requestAs(organiser.id, "/organiser?status=bogus&page=-4") });
    expect(nonsense.query).toEqual({ status: "all", sort: "next_session", page: 1 });
  });

  it("switches organisation, but only to one the user belongs to", async () => {
    const second = await data(dashboard.loader, { request: await requestAs(organiser.id, `/organiser?org=${secondOrgId}`) });
    expect(second.listing.activities.map((a) => a.title)).toEqual(["Second group's walk"]);
    expect(second.providerOrganisations).toHaveLength(2);
    const stranger = await createOrganisation();
    const refused = await run(dashboard.loader, { request: await requestAs(organiser.id, `/organiser?org=${stranger.id}`) });
    expect((refused as Response).status).toBe(403);
  });

  it("is for organisers: referrers get 403, strangers sign in", async () => {
    const practice = await createOrganisation({ kind: "referrer" });
    const gp = await createUser();
    await addMember(practice.id, gp.id);
    expect(((await run(dashboard.loader, { request: await requestAs(gp.id, "/organiser") })) as Response).status).toBe(403);
    expect(((await run(dashboard.loader, { request: await requestAs(null, "/organiser") })) as Response).status).toBe(302);
  });
});

describe("categories (admins)", () => {
  let admin: { id: string };
  let organiser: { id: string };
  beforeAll(async () => {
    admin = await createUser({ isAdmin: true });
    organiser = await createUser();
  });

  const act = async (form: Record<string, string>, userId = admin.id) =>
    run(adminCategories.action, { request: await requestAs(userId, "/admin/categories", { form: { formId: "f", ...form } }) });
  const errors = (result: unknown) => ((result as { result: { error?: Record<string, string[]> } }).result.error ?? {});

  it("renames, describes, adds and reorders", async () => {
    expect(((await act({ intent: "update", slug: "walking", name: "Walking and rambling", description: "All paces" })) as Response).status).toBe(302);
    const db = await getDb();
    expect((await db.select().from(categories).where(eq(categories.slug, "walking")))[0]).toMatchObject({ name: "Walking and rambling", description: "All paces" });

    await act({ intent: "add", name: "Swimming & water", description: "Pools and lidos" });
    const list = await data(adminCategories.loader, { request: await requestAs(admin.id, "/admin/categories") });
    expect(list.categories.at(-1)).toMatchObject({ slug: "swimming-and-water", name: "Swimming & water", activityCount: 0 });

    await act({ intent: "move", slug: "swimming-and-water", direction: "up" });
    const moved = await data(adminCategories.loader, { request: await requestAs(admin.id, "/admin/categories") });
    expect(moved.categories.at(-2)?.slug).toBe("swimming-and-water");

    const duplicate = await act({ intent: "add", name: "swimming & WATER" });
    expect(errors(duplicate).name?.join()).toMatch(/already a category/);
  });

  it("deletes an unused category but not one in use", async () => {
    await act({ intent: "add", name: "Board games" });
    await createActivity({ category: "music" });
    const inUse = await act({ intent: "delete", slug: "music" });
    expect(errors(inUse).slug?.join()).toMatch(/used by 1 activity/);
    expect(((await act({ intent: "delete", slug: "board-games" })) as Response).status).toBe(302);
    const db = await getDb();
    expect(await db.select().from(categories).where(eq(categories.slug, "board-games"))).toEqual([]);
    expect((await db.select().from(categories).where(eq(categories.slug, "music"))).length).toBe(1);
  });

  it("is for admins only", async () => {
    expect(((await act({ intent: "add", name: "Sneaky" }, organiser.id)) as Response).status).toBe(403);
    expect(((await run(adminCategories.loader, { request: await requestAs(organiser.id, "/admin/categories") })) as Response).status).toBe(403);
    const db = await getDb();
    expect(await db.select().from(categories).where(eq(categories.name, "Sneaky"))).toEqual([]);
  });
});

describe("the place lookup API", () => {
  const lookup = async (q: string) => (await run(places.loader, { request: new Request(`http://x/api/places?q=${encodeURIComponent(q)}`) })) as Response;

  it("centres on a postcode or a town", async () => {
    const response = await lookup("LS6 3AB");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.inArea).toBe(true);
    expect(body.place.lat).toBeCloseTo(53.8, 0);
    expect((await (await lookup("Harrogate")).json()).place.label).toMatch(/Harrogate/);
  });

  it("answers 400 JSON for bad input and 404 for an unknown place", async () => {
    const bad = await lookup("");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "Type a postcode or a town", field: "q" });
    expect((await lookup("x".repeat(150))).status).toBe(400);
    expect((await lookup("Qwzxqwzx")).status).toBe(404);
  });
});
