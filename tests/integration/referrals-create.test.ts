import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { oneTimeTokens, outcomeResponses, referralEvents, referrals } from "../../db/schema";
import { emailsTo } from "../factories/mail";
import { action as newReferralAction, loader as newReferralLoader } from "~/routes/referrals.new/route";
import { action as wellbeingAction, loader as wellbeingLoader } from "~/routes/r.$token_.wellbeing/route";
import { action as selfReferralAction, loader as selfReferralLoader } from "~/routes/activities.$id_.request-a-place/route";
import { loadPersonPage } from "~/modules/referrals/index.server";
import { requestAs } from "../setup/auth";
import { createActivity, createSession } from "../factories";
import { snapshotCounts } from "../factories/counts";
import { createOrganiser, createReferrer, tokenOf } from "../factories/referrals";
import { callRoute } from "../setup/routes";
import { DAY_MS } from "~/utils/time";

function referralForm(activityIds: string[], overrides: Record<string, string | string[] | undefined> = {}) {
  const form: Record<string, string | string[]> = {
    requestId: crypto.randomUUID(),
    activity: activityIds,
    firstName: "Margaret",
    lastName: "T",
    email: "margaret@example.org",
    reasons: ["loneliness", "low_mood"],
    notes: "Prefers mornings",
    consent: "on",
    baselineChoice: "not_appropriate",
    baselineReason: "Asked by phone",
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete form[k];
    else form[k] = v;
  }
  return form;
}

async function postReferral(userId: string, form: Record<string, string | string[]>) {
  return callRoute(newReferralAction, await requestAs(userId, "/referrals/new", { form }));
}

describe("making a referral", () => {
  it("auto-accepts for an activity without screening, records consent, baseline and the link email", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity({ requiresScreening: false });
    await createSession(activity.id);
    const form = referralForm([activity.id], {
      baselineChoice: "now",
      "ons4.life_satisfaction": "3",
      "ons4.worthwhile": "4",
      "ons4.happiness": "2",
      "ons4.anxiety": "8",
      "ucla3.lack_companionship": "3",
      "ucla3.left_out": "3",
      "ucla3.isolated": "2",
    });
    const { status, body } = await postReferral(referrer.user.id, form);
    expect(status).toBe(200);
    expect(body.kind).toBe("done");
    const [created] = body.created;
    expect(created.status).toBe("accepted");
    expect(created.code).toMatch(/^[A-Z3-9]{3}-[A-Z3-9]{3}$/);

    const db = await getDb();
    const [row] = await db.select().from(referrals).where(eq(referrals.id, created.id));
    expect(row).toMatchObject({ source: "referrer", referrerUserId: referrer.user.id, referrerOrganisationId: referrer.organisation.id, status: "accepted", reasons: ["loneliness", "low_mood"] });
    expect(row.consentAt).toBeInstanceOf(Date);
    expect(row.linkExpiresAt.getTime() - row.consentAt.getTime()).toBe(60 * DAY_MS);

    const events = await db.select().from(referralEvents).where(eq(referralEvents.referralId, created.id));
    expect(events.filter((e) => e.kind === "status").map((e) => `${e.fromStatus}→${e.toStatus}:${e.actorType}`)).toEqual(["null→sent:user", "sent→accepted:system"]);
    expect(events.filter((e) => e.kind === "outcome")).toHaveLength(2);

    const outcomes = await db.select().from(outcomeResponses).where(eq(outcomeResponses.referralId, created.id));
    expect(outcomes.find((o) => o.instrument === "ucla3")).toMatchObject({ phase: "baseline", score: 8 });
    expect(outcomes.find((o) => o.instrument === "ons4")?.answers).toEqual({ life_satisfaction: 3, worthwhile: 4, happiness: 2, anxiety: 8 });

    // The token is stored hashed: the secret never appears in the database.
    const token = tokenOf(created.link);
    const [tokenRow] = await db.select().from(oneTimeTokens).where(and(eq(oneTimeTokens.purpose, "person_link"), eq(oneTimeTokens.subjectId, created.id)));
    expect(tokenRow.secretHash).toBeInstanceOf(Uint8Array);
    expect(JSON.stringify(tokenRow)).not.toContain(token.split(".")[1]);
    expect(token.split(".")[1].length * 5).toBeGreaterThanOrEqual(128);

    const [toPerson] = await emailsTo("margaret@example.org");
    expect(String(toPerson.text)).toContain(created.link);
    expect(String(toPerson.text)).toContain(created.code);
    // Subjects are logged: they never carry the person's name.
    expect(String(toPerson.subject)).not.toContain("Margaret");

    const page = await loadPersonPage(token);
    expect(page.status).toBe("ok");
  });

  it("by link: the baseline questions come first in the person's email and on their page, and their answers are the baseline", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity({ requiresScreening: false });
    await createSession(activity.id);
    const email = `baseline.${crypto.randomUUID().slice(0, 8)}@example.org`;
    const { body } = await postReferral(referrer.user.id, referralForm([activity.id], { email, baselineChoice: "by_link", baselineReason: undefined }));
    expect(body.kind).toBe("done");
    const [created] = body.created;
    const token = tokenOf(created.link);
    const db = await getDb();
    expect((await db.select().from(referrals).where(eq(referrals.id, created.id)))[0]).toMatchObject({ baselineChoice: "by_link", baselineReason: null });

    const [toPerson] = await emailsTo(email);
    const text = toPerson.text;
    expect(text).toContain("Before anything else, please answer seven short questions");
    expect(text).toContain(`${created.link}/wellbeing`);

    const page = await loadPersonPage(token);
    expect(page.status === "ok" && page.page.baselineDue).toBe(true);
    const questions = await callRoute(wellbeingLoader, await requestAs(null, `/r/${token}/wellbeing`), { token });
    expect(questions.body.state).toMatchObject({ kind: "baseline", firstName: "Margaret" });

    const answers = { life_satisfaction: "5", worthwhile: "6", happiness: "4", anxiety: "6", lack_companionship: "2", left_out: "3", isolated: "2" };
    const saved = await callRoute(wellbeingAction, await requestAs(null, `/r/${token}/wellbeing`, { form: answers }), { token });
    expect(saved.body.done).toBe(true);
    const stored = await db.select().from(outcomeResponses).where(eq(outcomeResponses.referralId, created.id));
    expect(stored.map((o) => `${o.instrument}:${o.phase}`).sort()).toEqual(["ons4:baseline", "ucla3:baseline"]);
    const after = await loadPersonPage(token);
    expect(after.status === "ok" && after.page.baselineDue).toBe(false);
    // The follow-up is not open yet: answering again is refused, nothing more stored.
    const again = await callRoute(wellbeingAction, await requestAs(null, `/r/${token}/wellbeing`, { form: answers }), { token });
    expect(again.status).toBe(409);
    expect(await db.select().from(outcomeResponses).where(eq(outcomeResponses.referralId, created.id))).toHaveLength(2);
  });

  it("the baseline is an explicit choice: none, \"ask now\" with questions unanswered, or \"not appropriate\" without a reason is refused, nothing written", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity();
    const before = await snapshotCounts();
    const none = await postReferral(referrer.user.id, referralForm([activity.id], { baselineChoice: undefined, baselineReason: undefined }));
    expect(none.body.form.error.baselineChoice[0]).toMatch(/Choose how the wellbeing questions are answered/);
    const unanswered = await postReferral(referrer.user.id, referralForm([activity.id], { baselineChoice: "now", "ons4.happiness": "4" }));
    expect(Object.keys(unanswered.body.form.error)).toEqual(expect.arrayContaining(["ons4.life_satisfaction", "ons4.anxiety", "ucla3.left_out"]));
    expect(unanswered.body.form.error["ons4.happiness"]).toBeUndefined();
    const noReason = await postReferral(referrer.user.id, referralForm([activity.id], { baselineReason: undefined }));
    expect(noReason.body.form.error.baselineReason[0]).toMatch(/why/);
    expect(await snapshotCounts()).toEqual(before);

    const withReason = await postReferral(referrer.user.id, referralForm([activity.id], { baselineReason: "Too unwell today" }));
    const db = await getDb();
    expect((await db.select().from(referrals).where(eq(referrals.id, withReason.body.created[0].id)))[0]).toMatchObject({ baselineChoice: "not_appropriate", baselineReason: "Too unwell today" });
  });

  it("refers one person to several activities at once: one referral each, one group", async () => {
    const referrer = await createReferrer();
    const walk = await createActivity();
    const choir = await createActivity({ requiresScreening: true });
    const { body } = await postReferral(referrer.user.id, referralForm([walk.id, choir.id]));
    expect(body.created).toHaveLength(2);
    const [a, b] = body.created;
    expect(a.code).not.toBe(b.code);
    expect(a.link).not.toBe(b.link);
    expect(body.created.map((r: { status: string }) => r.status)).toEqual(["accepted", "sent"]);
    const db = await getDb();
    const rows = await db.select().from(referrals).where(eq(referrals.referrerOrganisationId, referrer.organisation.id));
    expect(new Set(rows.map((r) => r.groupId)).size).toBe(1);
  });

  it("a screened activity waits for the organiser, who is emailed", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity({ requiresScreening: true, contactEmail: "screening@example.test" });
    const { body } = await postReferral(referrer.user.id, referralForm([activity.id]));
    expect(body.created[0].status).toBe("sent");
    expect((await emailsTo("screening@example.test")).some((m) => m.subject.includes(body.created[0].code))).toBe(true);
  });

  it("a repeated submit of the same form makes the referrals once", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity();
    const form = referralForm([activity.id]);
    const [first, second] = await Promise.all([postReferral(referrer.user.id, form), postReferral(referrer.user.id, form)]);
    const outcomes = [first.body, second.body].map((b) => b.repeat);
    expect(outcomes.sort()).toEqual([false, true]);
    const db = await getDb();
    expect(await db.select().from(referrals).where(eq(referrals.activityId, activity.id))).toHaveLength(1);
  });

  it.each([
    ["missing consent", { consent: undefined }, "consent", /Tick the box/],
    ["no way to reach the person", { email: undefined }, "email", /at least one/],
    ["an invalid email", { email: "margaret@@example" }, "email", /right format/],
    ["an invalid UK mobile", { phone: "0113 496 0123" }, "phone", /UK mobile/],
    ["no first name", { firstName: "" }, "firstName", /first name/],
  ])("refuses %s with a message next to the field and writes nothing", async (_label, overrides, field, message) => {
    const referrer = await createReferrer();
    const activity = await createActivity();
    const before = await snapshotCounts();
    const { status, body } = await postReferral(referrer.user.id, referralForm([activity.id], overrides));
    expect(status).toBe(200);
    expect(body.kind).toBe("form");
    expect(body.form.error[field][0]).toMatch(message);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("refuses an unpublished activity and writes nothing", async () => {
    const referrer = await createReferrer();
    const draft = await createActivity({ status: "draft" });
    const before = await snapshotCounts();
    const { body } = await postReferral(referrer.user.id, referralForm([draft.id]));
    expect(body.form.error[""][0]).toMatch(/no longer open/);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("is only for referrers: an organiser gets 403, a visitor is sent to sign in", async () => {
    const organiser = await createOrganiser();
    const activity = await createActivity();
    const before = await snapshotCounts();
    expect((await postReferral(organiser.user.id, referralForm([activity.id]))).status).toBe(403);
    const anonymous = await callRoute(newReferralAction, await requestAs(null, "/referrals/new", { form: referralForm([activity.id]) }));
    expect(anonymous.status).toBe(302);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("the form shows the chosen activities and a fresh request id", async () => {
    const referrer = await createReferrer();
    const a = await createActivity();
    const { body } = await callRoute(newReferralLoader, await requestAs(referrer.user.id, `/referrals/new?activity=${a.id}&activity=not-an-id`));
    expect(body.activities.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("asking for a place yourself", () => {
  const form = () => ({ requestId: crypto.randomUUID(), firstName: "Ade", lastName: "Okoro", phone: "07700 900123", consent: "on" });

  it("becomes a referral with no referrer; with an email address the link and reference are sent, never shown", async () => {
    const activity = await createActivity({ selfReferral: true });
    const withEmail = { ...form(), email: "ade.okoro@example.org" };
    const { status, body } = await callRoute(selfReferralAction, await requestAs(null, `/activities/${activity.id}/request-a-place`, { form: withEmail }), { id: activity.id });
    expect(status).toBe(200);
    expect(body).toEqual({ kind: "done", sentTo: { by: "email", to: "ade.okoro@example.org" }, needsScreening: false });
    const db = await getDb();
    const [row] = await db.select().from(referrals).where(eq(referrals.activityId, activity.id));
    expect(row).toMatchObject({ source: "self", referrerUserId: null, referrerOrganisationId: null, personPhone: "+447700900123", preferredContact: "email", status: "accepted" });
    const mail = await emailsTo("ade.okoro@example.org");
    expect(mail).toHaveLength(1);
    expect(JSON.stringify(mail[0])).toMatch(/\/r\/\S+/);
    expect(JSON.stringify(mail[0])).toContain(row.code);
    expect(JSON.stringify(body)).not.toContain(row.code);
    const events = await db.select().from(referralEvents).where(eq(referralEvents.referralId, row.id));
    expect(events[0]).toMatchObject({ actorType: "person", toStatus: "sent" });
  });

  it("is refused where the activity does not welcome self-referral (403) or does not exist (404), writing nothing", async () => {
    const referralOnly = await createActivity({ selfReferral: false });
    const before = await snapshotCounts();
    const refused = await callRoute(selfReferralAction, await requestAs(null, `/activities/${referralOnly.id}/request-a-place`, { form: form() }), { id: referralOnly.id });
    expect(refused.status).toBe(403);
    expect((await callRoute(selfReferralLoader, await requestAs(null, "/x"), { id: referralOnly.id })).status).toBe(403);
    expect((await callRoute(selfReferralLoader, await requestAs(null, "/x"), { id: "not-an-id" })).status).toBe(404);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("refuses missing consent with a clear message and writes nothing", async () => {
    const activity = await createActivity({ selfReferral: true });
    const before = await snapshotCounts();
    const { consent: _c, ...rest } = form();
    const { body } = await callRoute(selfReferralAction, await requestAs(null, "/x", { form: rest }), { id: activity.id });
    expect(body.form.error.consent[0]).toMatch(/agree/);
    expect(await snapshotCounts()).toEqual(before);
  });
});
