/**
 * Private calendar feeds: a referrer's "my people's upcoming sessions" and an
 * organiser's "all our sessions", behind a secret link made on the account
 * page. Short names only; a new link, turning it off, or leaving the
 * organisation stops the old one.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { memberships } from "../../db/schema";
import * as page from "~/routes/account.calendar-feeds/route";
import * as feed from "~/routes/feeds.$token.calendar[.]ics/route";
import { addMember, createActivity, createSession, createUser } from "../factories";
import { createOrganiser, createReferrer } from "../factories/referrals";
import { createBooking, createReferral } from "../factories/referral-rows";
import { itipProblems } from "../factories/itip";
import { callRoute } from "../setup/routes";
import { requestAs } from "../setup/auth";

let organiser: Awaited<ReturnType<typeof createOrganiser>>;
let referrer: Awaited<ReturnType<typeof createReferrer>>;
let activityTitle: string;

beforeAll(async () => {
  organiser = await createOrganiser();
  referrer = await createReferrer();
  const activity = await createActivity({ organisationId: organiser.organisation.id, title: "Meanwood Park Walk" });
  activityTitle = activity.title;
  const soon = await createSession(activity.id, { startsAt: new Date(Date.now() + 3 * 86_400_000) });
  await createSession(activity.id, { startsAt: new Date(Date.now() + 10 * 86_400_000) });
  const referral = await createReferral({ activityId: activity.id, referrerOrganisationId: referrer.organisation.id, status: "booked", personFirstName: "Maureen", personLastName: "Example" });
  await createBooking(referral.id, soon.id);
  // Someone else's person, booked on the same walk: never in this referrer's feed.
  const otherReferrer = await createReferrer();
  const other = await createReferral({ activityId: activity.id, referrerOrganisationId: otherReferrer.organisation.id, status: "booked", personFirstName: "Kevin", personLastName: "Sample" });
  await createBooking(other.id, soon.id);
});

async function makeLink(userId: string, organisationId: string): Promise<string | null> {
  const res = await callRoute(page.action, await requestAs(userId, "/account/calendar-feeds", { form: { intent: "make", organisationId } }));
  return res.body?.link?.url ?? null;
}

async function fetchFeed(url: string) {
  const token = decodeURIComponent(new URL(url).pathname.split("/")[2]);
  return callRoute(feed.loader, new Request(url), { token });
}

describe("private calendar feeds", () => {
  it("gives a referrer their people's upcoming sessions, by short name only, as a valid private calendar", async () => {
    const url = await makeLink(referrer.user.id, referrer.organisation.id);
    expect(url).toMatch(/^http:\/\/localhost:3000\/feeds\/.+\/calendar\.ics$/);
    const res = await fetchFeed(url!);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const ics = res.body as string;
    expect(itipProblems(ics)).toEqual([]);
    expect(ics).toContain(`SUMMARY:Maureen E.: ${activityTitle}`);
    expect(ics).not.toContain("Example");
    expect(ics).not.toContain("Kevin");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it("gives an organiser all their sessions, with places booked and no names", async () => {
    const url = await makeLink(organiser.user.id, organiser.organisation.id);
    const ics = (await fetchFeed(url!)).body as string;
    expect(itipProblems(ics)).toEqual([]);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain("2 of 12 places booked");
    expect(ics).not.toMatch(/Maureen|Kevin/);
  });

  it("stops the old link when a new one is made, when it is turned off, and when its owner leaves", async () => {
    const colleague = await createUser();
    await addMember(referrer.organisation.id, colleague.id);
    const first = await makeLink(colleague.id, referrer.organisation.id);
    const second = await makeLink(colleague.id, referrer.organisation.id);
    expect((await fetchFeed(first!)).status).toBe(404);
    expect((await fetchFeed(second!)).status).toBe(200);

    const listed = await callRoute(page.loader, await requestAs(colleague.id, "/account/calendar-feeds"));
    expect(listed.body.feeds).toEqual([expect.objectContaining({ organisationId: referrer.organisation.id, kind: "caseload", activeSince: expect.any(String) })]);

    await callRoute(page.action, await requestAs(colleague.id, "/account/calendar-feeds", { form: { intent: "off", organisationId: referrer.organisation.id } }));
    expect((await fetchFeed(second!)).status).toBe(404);

    const third = await makeLink(colleague.id, referrer.organisation.id);
    expect((await fetchFeed(third!)).status).toBe(200);
    const db = await getDb();
    await db.delete(memberships).where(and(eq(memberships.userId, colleague.id), eq(memberships.organisationId, referrer.organisation.id)));
    expect((await fetchFeed(third!)).status).toBe(404);
  });

  it("makes no link for an organisation you are not in, and knows no made-up link", async () => {
    const outsider = await createUser();
    expect(await makeLink(outsider.id, referrer.organisation.id)).toBeNull();
    expect((await callRoute(feed.loader, new Request("http://localhost:3000/feeds/abc.def/calendar.ics"), { token: "abc.def" })).status).toBe(404);
    const anonymous = await callRoute(page.loader, await requestAs(null, "/account/calendar-feeds"));
    expect(anonymous.status).toBe(302);
  });
});
