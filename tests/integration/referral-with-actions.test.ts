import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { referralActions, referrals } from "../../db/schema";
import { addDaysTo, dayOf } from "~/modules/actions";
import { listLibrary, loadPersonActions } from "~/modules/actions/index.server";
import { flagReferralsWithoutBooking, listCaseload } from "~/modules/referrals/index.server";
import { action as newReferral } from "~/routes/referrals.new/route";
import { loader as caseLoader } from "~/routes/referrals.$id/route";
import { loader as personLoader } from "~/routes/r.$token/route";
import { requestAs } from "../setup/auth";
import { createActivity } from "../factories";
import { emailsTo } from "../factories/mail";
import { snapshotCounts } from "../factories/counts";
import { createReferrer, tokenOf } from "../factories/referrals";
import { callRoute } from "../setup/routes";

const today = () => dayOf(new Date());

function personForm(overrides: Record<string, string | string[]> = {}) {
  return {
    requestId: randomUUID(),
    firstName: "Edith",
    lastName: "Moore",
    email: `edith.${randomUUID().slice(0, 8)}@example.org`,
    consent: "on",
    baselineChoice: "by_link",
    ...overrides,
  };
}

async function submit(userId: string, form: Record<string, string | string[]>) {
  return callRoute(newReferral, await requestAs(userId, "/referrals/new", { form }));
}

describe("the referral form with connection actions", () => {
  it("makes a referral of actions only: no activity, no organiser, accepted, and the person gets a link to their actions", async () => {
    const referrer = await createReferrer();
    const call = (await listLibrary()).find((l) => l.title === "Call an old friend")!;
    const form = personForm({
      "actions[0].libraryActionId": call.id,
      "actions[0].startsOn": today(),
      "actions[0].endsOn": addDaysTo(today(), 27),
      "actions[1].title": "Sit in the garden after lunch",
      "actions[1].rhythm": "daily",
      "actions[1].startsOn": today(),
      "actions[1].endsOn": addDaysTo(today(), 13),
    });
    const outcome = await submit(referrer.user.id, form);
    expect(outcome.status).toBe(200);
    expect(outcome.body.kind).toBe("done");
    const [made] = outcome.body.created;
    expect(made).toMatchObject({ activityId: null, activityTitle: null, status: "accepted" });

    const db = await getDb();
    const [row] = await db.select().from(referrals).where(eq(referrals.id, made.id));
    expect(row).toMatchObject({ activityId: null, status: "accepted" });
    const plan = await db.select().from(referralActions).where(eq(referralActions.referralId, made.id));
    expect(plan.map((p) => p.title).sort()).toEqual(["Call an old friend", "Sit in the garden after lunch"]);

    const [toPerson] = await emailsTo(form.email);
    expect(toPerson.subject).toBe("Some small things to try");
    expect(toPerson.text).toMatch(/\/r\/[^\s]+\/actions/);

    // The referrer follows it like any referral.
    const caseload = await listCaseload([referrer.organisation.id], { sort: "newest", page: 1 });
    expect(caseload.rows.map((r) => r.activityTitle)).toEqual(["Connection actions only"]);
    const page = await callRoute(caseLoader, await requestAs(referrer.user.id, `/referrals/${made.id}`), { id: made.id });
    expect(page.status).toBe(200);
    expect(page.body.referral.activity).toBeNull();
    expect(page.body.actions.actions).toHaveLength(2);

    // The person's link opens straight on their actions.
    const token = tokenOf(made.link);
    const main = await callRoute(personLoader, await requestAs(null, `/r/${token}`), { token });
    expect(main.status).toBe(302);
    expect(main.headers.get("Location")).toBe(`/r/${token}/actions`);
    const actions = await loadPersonActions(token);
    expect(actions!.actionsOnly).toBe(true);
    expect(actions!.today.map((a) => a.title).sort()).toEqual(["Call an old friend", "Sit in the garden after lunch"]);

    // Nothing to book, so "accepted and never booked" does not apply.
    await db.update(referrals).set({ statusChangedAt: new Date(Date.now() - 40 * 86_400_000) }).where(eq(referrals.id, made.id));
    await flagReferralsWithoutBooking({ days: 14 });
    const [after] = await db.select().from(referrals).where(eq(referrals.id, made.id));
    expect(after.stalledAt).toBeNull();
  }, 90_000);

  it("puts actions alongside an activity on the same referral", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity({ requiresScreening: false });
    const outcome = await submit(
      referrer.user.id,
      personForm({ activity: activity.id, "actions[0].title": "Walk to the shop", "actions[0].rhythm": "weekly", "actions[0].timesPerWeek": "2", "actions[0].startsOn": today(), "actions[0].endsOn": addDaysTo(today(), 20) }),
    );
    expect(outcome.body.kind).toBe("done");
    const [made] = outcome.body.created;
    expect(made.activityId).toBe(activity.id);
    const db = await getDb();
    const plan = await db.select().from(referralActions).where(eq(referralActions.referralId, made.id));
    expect(plan).toMatchObject([{ title: "Walk to the shop", rhythm: "weekly", timesPerWeek: 2 }]);
  });

  it("needs an activity or an action, and refuses a bad action without making the referral", async () => {
    const referrer = await createReferrer();
    const before = await snapshotCounts();
    const neither = await submit(referrer.user.id, personForm());
    expect(JSON.stringify(neither.body)).toContain("Choose an activity, or add at least one action");
    const pastStart = await submit(
      referrer.user.id,
      personForm({ "actions[0].title": "Ring Joan", "actions[0].rhythm": "daily", "actions[0].startsOn": addDaysTo(today(), -2), "actions[0].endsOn": today() }),
    );
    expect(pastStart.body.kind).toBe("form");
    expect(pastStart.body.form.error["actions[0].startsOn"]).toEqual(["The start date cannot be in the past"]);
    const badPhone = await submit(
      referrer.user.id,
      personForm({ email: "", phone: "01632 960123", "actions[0].title": "Ring Joan", "actions[0].rhythm": "daily", "actions[0].startsOn": today(), "actions[0].endsOn": today() }),
    );
    expect(JSON.stringify(badPhone.body)).toContain("Enter a UK mobile number");
    expect(await snapshotCounts()).toEqual(before);
  });
});
