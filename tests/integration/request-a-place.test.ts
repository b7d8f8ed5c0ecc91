/**
 * The public "ask for a place" form: rate limits, and one open request per
 * person per activity — without telling a stranger who has asked for what.
 */
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { outbox, rateLimits, referrals } from "../../db/schema";
import { CLIENT_IP_HEADER } from "~/modules/accounts/index.server";
import { deliverPendingEmails, listDevMailbox } from "~/modules/notifications/index.server";
import { createSelfReferral, performPersonAction, loadPersonPage, selfReferralFormSchema } from "~/modules/referrals/index.server";
import { action as requestAction } from "~/routes/activities.$id_.request-a-place/route";
import { requestAs } from "../setup/auth";
import { createActivity, createSession } from "../factories";
import { queuedEmails } from "../factories/mail";
import { snapshotCounts } from "../factories/counts";
import { createReferrer, refer, tokenOf } from "../factories/referrals";
import { callRoute } from "../setup/routes";

let ipCounter = 0;
/** Each test asks from its own network address, so limits from one test do not reach another. */
const freshIp = () => `198.51.100.${++ipCounter}`;

type Form = Record<string, string>;
const person = (overrides: Form = {}): Form => ({
  requestId: crypto.randomUUID(),
  firstName: "Ade",
  lastName: "Okoro",
  email: `ade.${crypto.randomUUID().slice(0, 8)}@example.org`,
  consent: "on",
  ...overrides,
});

async function ask(activityId: string, form: Form, ip: string) {
  const request = await requestAs(null, `/activities/${activityId}/request-a-place`, { form, headers: { [CLIENT_IP_HEADER]: ip } });
  return callRoute(requestAction, request, { id: activityId });
}

async function referralsTo(activityId: string) {
  const db = await getDb();
  return db.select().from(referrals).where(eq(referrals.activityId, activityId));
}

/** Delivers the outbox and returns the newest email to this address. */
async function newestMailTo(address: string) {
  await deliverPendingEmails();
  const [message] = await listDevMailbox({ to: address, limit: 1 });
  return message;
}

const linkIn = (text: string) => text.match(/https?:\/\/\S+\/r\/\S+/)![0];

describe("rate limits on asking for a place", () => {
  it("refuses the 6th request in an hour from one address to one activity with 429 and a plain message, writing nothing", async () => {
    const activity = await createActivity({ selfReferral: true });
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await ask(activity.id, person(), ip)).status).toBe(200);
    const before = await snapshotCounts();
    const refused = await ask(activity.id, person(), ip);
    expect(refused.status).toBe(429);
    expect(refused.body.kind).toBe("form");
    expect(refused.body.form.error[""][0]).toMatch(/^Too many attempts\. Try again in \d+ minutes?\.$/);
    expect(await snapshotCounts()).toEqual(before);
    // Someone else, elsewhere, can still ask.
    expect((await ask(activity.id, person(), freshIp())).status).toBe(200);
  });

  it("refuses the 21st request in an hour from one address, whatever the activity", async () => {
    const ip = freshIp();
    const activities = await Promise.all([1, 2, 3, 4, 5].map(() => createActivity({ selfReferral: true })));
    for (const activity of activities.slice(0, 4)) {
      for (let i = 0; i < 5; i++) expect((await ask(activity.id, person(), ip)).status).toBe(200);
    }
    const before = await snapshotCounts();
    expect((await ask(activities[4].id, person(), ip)).status).toBe(429);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("refuses an 11th request in a day that would message one email address, from any network address", async () => {
    const email = "flooded@example.org";
    const activities = await Promise.all(Array.from({ length: 11 }, () => createActivity({ selfReferral: true })));
    for (const activity of activities.slice(0, 10)) expect((await ask(activity.id, person({ email }), freshIp())).status).toBe(200);
    const refused = await ask(activities[10].id, person({ email }), freshIp());
    expect(refused.status).toBe(429);
    expect(refused.body.form.error[""][0]).toMatch(/Try again in \d+ hours\./);
    expect(await referralsTo(activities[10].id)).toHaveLength(0);
  });

  it("counts only complete requests, and keeps no address or email in the counters", async () => {
    const activity = await createActivity({ selfReferral: true });
    const ip = freshIp();
    for (let i = 0; i < 8; i++) expect((await ask(activity.id, person({ consent: "" }), ip)).body.kind).toBe("form");
    expect((await ask(activity.id, person({ email: "counted@example.org" }), ip)).status).toBe(200);
    const db = await getDb();
    const keys = (await db.select().from(rateLimits)).map((r) => r.key).join(" ");
    expect(keys).not.toContain(ip);
    expect(keys).not.toContain("counted");
  });

  it("lets the address ask again once the hour has passed", async () => {
    const activity = await createActivity({ selfReferral: true });
    const t0 = new Date(Date.now() + 3_600_000);
    const values = () => selfReferralFormSchema.parse({ ...person(), consent: true });
    for (let i = 0; i < 5; i++) expect((await createSelfReferral(activity.id, values(), { ip: "192.0.2.77" }, t0)).kind).toBe("received");
    expect((await createSelfReferral(activity.id, values(), { ip: "192.0.2.77" }, t0)).kind).toBe("limited");
    expect((await createSelfReferral(activity.id, values(), { ip: "192.0.2.77" }, new Date(t0.getTime() + 3_600_000))).kind).toBe("received");
  });
});

describe("one open request per person per activity", () => {
  it("answers a repeat exactly as a new request, makes nothing new, and emails the person their own link again", async () => {
    const activity = await createActivity({ selfReferral: true, requiresScreening: true });
    const first = person({ email: "joan@example.org", firstName: "Joan" });
    const firstAnswer = await ask(activity.id, first, freshIp());
    const [original] = await referralsTo(activity.id);
    const firstMail = await newestMailTo("joan@example.org");
    expect(firstMail.subject).toBe(`Your request for a place at ${activity.title}`);

    // Later, from another computer, the same details again (different case and spacing).
    const secondAnswer = await ask(activity.id, person({ email: " Joan@Example.org ", firstName: "joan ", lastName: "Different" }), freshIp());
    expect(secondAnswer.status).toBe(firstAnswer.status);
    expect(secondAnswer.body).toEqual(firstAnswer.body);
    expect(secondAnswer.body).toEqual({ kind: "done", sentTo: { by: "email", to: "joan@example.org" }, needsScreening: true });
    expect(await referralsTo(activity.id)).toEqual([original]);

    const again = await newestMailTo("joan@example.org");
    expect(again.subject).toBe(`Your place at ${activity.title}: your link again`);
    expect(again.text).toMatch(/You asked for a place on .+, and that is still open, so we have not made a second request/);
    expect(again.text).toContain(original.code);
    const page = await loadPersonPage(tokenOf(linkIn(again.text)));
    expect(page.status === "ok" && page.page.referral.code).toBe(original.code);
    // The organiser was told about the first request only.
    const organiserMail = (await queuedEmails()).filter((m) => m.subject.startsWith("New referral"));
    expect(organiserMail).toHaveLength(1);
  });

  it("sends the link only to the address on file: a stranger's own mobile gets nothing", async () => {
    const activity = await createActivity({ selfReferral: true });
    await ask(activity.id, person({ email: "victim@example.org", firstName: "Pat" }), freshIp());
    const before = await snapshotCounts();
    const stranger = await ask(activity.id, person({ email: "victim@example.org", firstName: "Pat", phone: "07700 900999", preferredContact: "email" }), freshIp());
    expect(stranger.body).toEqual({ kind: "done", sentTo: { by: "email", to: "victim@example.org" }, needsScreening: false });
    const db = await getDb();
    expect(await db.select().from(outbox).where(eq(outbox.topic, "sms"))).toHaveLength(0);
    // Only a fresh link and its email: no referral, event or booking.
    const after = await snapshotCounts();
    expect({ ...after, outbox: before.outbox, tokens: before.tokens }).toEqual(before);
    expect(after.outbox).toBe(Number(before.outbox) + 1);
    expect(after.tokens).toBe(Number(before.tokens) + 1);
  });

  it("answers a mobile-only request like an email one where texts reach people: the link goes by text, never on the page", async () => {
    // Tests run without a public address, so texts reach the development text inbox (see no-text-provider.test.ts for a public site without a provider).
    const activity = await createActivity({ selfReferral: true });
    const byText = { email: "", phone: "07700 900123", firstName: "Ade" };
    const first = await ask(activity.id, person(byText), freshIp());
    expect(first.body).toEqual({ kind: "done", sentTo: { by: "text", to: "+447700900123" }, needsScreening: false });
    const [referral] = await referralsTo(activity.id);
    const db = await getDb();
    const [text] = await db.select().from(outbox).where(eq(outbox.topic, "sms"));
    const page = await loadPersonPage(tokenOf(linkIn(String(text.payload.text))));
    expect(page.status === "ok" && page.page.referral.code).toBe(referral.code);

    const repeat = await ask(activity.id, person({ ...byText, phone: "+44 7700 900123" }), freshIp());
    expect(repeat.body).toEqual(first.body);
    expect(await referralsTo(activity.id)).toHaveLength(1);
    const texts = await db.select().from(outbox).where(eq(outbox.topic, "sms")).orderBy(asc(outbox.id));
    expect(texts.map((t) => t.payload.to)).toEqual(["+447700900123", "+447700900123"]);
    expect(String(texts[1].payload.text)).toMatch(/another request for a place/);
  });

  it("makes a new request for someone else sharing the email, or once the earlier one has ended", async () => {
    const activity = await createActivity({ selfReferral: true });
    const shared = "the.smiths@example.org";
    await ask(activity.id, person({ email: shared, firstName: "Joan" }), freshIp());
    await ask(activity.id, person({ email: shared, firstName: "Harold" }), freshIp());
    expect((await referralsTo(activity.id)).map((r) => r.personFirstName).sort()).toEqual(["Harold", "Joan"]);

    const joan = await newestMailTo(shared);
    expect(joan.subject).toMatch(/Your request for a place/);
    const joanToken = tokenOf(linkIn((await listDevMailbox({ to: shared })).find((m) => m.text.includes("Hello Joan"))!.text));
    expect((await performPersonAction(joanToken, { intent: "decline", reason: undefined })).ok).toBe(true);
    await ask(activity.id, person({ email: shared, firstName: "Joan" }), freshIp());
    expect((await referralsTo(activity.id)).filter((r) => r.personFirstName === "Joan").map((r) => r.status).sort()).toEqual(["accepted", "withdrawn"]);
  });

  it("treats an open referral from a referrer the same way, in the referral's words", async () => {
    const activity = await createActivity({ selfReferral: true });
    await createSession(activity.id);
    const referred = await refer(activity.id, await createReferrer(), { firstName: "Margaret", email: "margaret.t@example.org" });
    const answer = await ask(activity.id, person({ firstName: "Margaret", email: "margaret.t@example.org" }), freshIp());
    expect(answer.body).toEqual({ kind: "done", sentTo: { by: "email", to: "margaret.t@example.org" }, needsScreening: false });
    expect(await referralsTo(activity.id)).toHaveLength(1);
    const again = await newestMailTo("margaret.t@example.org");
    expect(again.text).toMatch(/You were referred on /);
    expect(again.text).toContain(referred.code);
  });

  it("two identical requests at once make one referral", async () => {
    const activity = await createActivity({ selfReferral: true });
    const details = { email: "twice@example.org", firstName: "Sam" };
    const answers = await Promise.all([ask(activity.id, person(details), freshIp()), ask(activity.id, person(details), freshIp())]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await referralsTo(activity.id)).toHaveLength(1);
  });
});
