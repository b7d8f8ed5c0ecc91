/**
 * Connection actions in what leaves Linkway: the summary back to the GP and
 * the caseload export show how far the person followed their actions (done,
 * missed, share followed), counted as the actions module counts them. And a
 * person whose referral is actions only can have their details removed from
 * their actions page, as anyone else can from theirs.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { referralActions, referrals } from "../../db/schema";
import { addDaysTo, dayOf, weekStart } from "~/modules/actions";
import { logActionByToken, referWithActions } from "~/modules/actions/index.server";
import { withdrawReferral } from "~/modules/referrals/index.server";
import { loader as summaryLoader } from "~/routes/referrals.$id_.summary/route";
import { loader as caseloadLoader } from "~/routes/reports.referrals.caseload[.]csv/route";
import { action as actionsAction, loader as actionsLoader } from "~/routes/r.$token_.actions/route";
import { createActivity } from "../factories";
import { snapshotCounts } from "../factories/counts";
import { createReferrer, refer, referralValues, tokenOf } from "../factories/referrals";
import { requestAs } from "../setup/auth";
import { callRoute } from "../setup/routes";

/** A Monday three weeks ago, so every day of the plan is over whatever today is. */
const monday = weekStart(addDaysTo(dayOf(new Date()), -21));
// 10:00 UTC is the same calendar day in London all year.
const at = (day: string) => new Date(`${day}T10:00:00Z`);

/** An actions-only referral: "Sit in the garden" every day for a week from `monday`. */
async function actionsOnlyReferral(referrer: Awaited<ReturnType<typeof createReferrer>>) {
  const values = {
    ...referralValues([], { firstName: "Edith", lastName: "Moore" }),
    actions: [{ title: "Sit in the garden", rhythm: "daily" as const, timesPerWeek: undefined, startsOn: monday, endsOn: addDaysTo(monday, 6) }],
  };
  const made = await referWithActions(values, { userId: referrer.user.id, organisationId: referrer.organisation.id }, at(monday));
  if (made.kind !== "created") throw new Error(`not created: ${made.kind}`);
  const referral = made.referrals[0];
  const db = await getDb();
  return { id: referral.id, code: referral.code, token: tokenOf(referral.link!), db };
}

/** Done Monday and Tuesday, "not this time" Wednesday, no answer Thursday; the referrer ends it on Friday. */
async function followedHalf(referrer: Awaited<ReturnType<typeof createReferrer>>) {
  const r = await actionsOnlyReferral(referrer);
  const [{ id: actionId }] = await r.db.select({ id: referralActions.id }).from(referralActions).where(eq(referralActions.referralId, r.id));
  await logActionByToken(r.token, { actionId, outcome: "done" }, at(monday));
  await logActionByToken(r.token, { actionId, outcome: "done" }, at(addDaysTo(monday, 1)));
  await logActionByToken(r.token, { actionId, outcome: "not_this_time" }, at(addDaysTo(monday, 2)));
  await withdrawReferral({ referralId: r.id, organisationIds: [referrer.organisation.id], userId: referrer.user.id, reason: "Moved away" }, at(addDaysTo(monday, 4)));
  return r;
}

describe("adherence to connection actions in the GP summary and the export", () => {
  it("tells the GP how many actions were done and missed, and the share followed", async () => {
    const referrer = await createReferrer();
    const r = await followedHalf(referrer);
    const res = await callRoute(summaryLoader, await requestAs(referrer.user.id, `/referrals/${r.id}/summary`), { id: r.id });
    expect(res.status).toBe(200);
    const summary = res.body.summary;
    expect(summary.kind).toBe("ready");
    const takenUp = summary.sections.find((s: { heading: string }) => s.heading === "What was taken up");
    // Four days were over before it ended (Monday to Thursday): two done, one "not this time", one unanswered.
    expect(takenUp.lines).toEqual([
      { label: "Connection actions done", value: "2" },
      { label: "Connection actions missed", value: "2" },
      { label: "Connection actions followed", value: "50% of those due" },
    ]);
    expect(summary.plainText).toContain("Connection actions followed: 50% of those due");
    expect(summary.plainText).toContain("What was offered".toUpperCase());
    expect(summary.plainText).toContain("Activity: Connection actions only (no activity)");
  });

  it("leaves the action lines out for a referral without actions, and keeps its session lines", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity({ requiresScreening: false });
    const person = await refer(activity.id, referrer);
    await withdrawReferral({ referralId: person.id, organisationIds: [referrer.organisation.id], userId: referrer.user.id, reason: "Changed their mind" });
    const res = await callRoute(summaryLoader, await requestAs(referrer.user.id, `/referrals/${person.id}/summary`), { id: person.id });
    const takenUp = res.body.summary.sections.find((s: { heading: string }) => s.heading === "What was taken up");
    expect(takenUp.lines.map((l: { label: string }) => l.label)).toEqual(["Sessions booked", "Sessions attended", "Sessions missed"]);
  });

  it("puts actions-only referrals in the caseload export with their done, missed and share followed", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity({ requiresScreening: false, title: "Canal Walk" });
    const withActivity = await refer(activity.id, referrer);
    const r = await followedHalf(referrer);
    const res = await callRoute(caseloadLoader, await requestAs(referrer.user.id, "/reports/referrals/caseload.csv?period=quarter"));
    expect(res.status).toBe(200);
    const [header, ...lines] = res.text.split("\r\n").filter(Boolean);
    const columns = header.split(",");
    expect(columns).toEqual(expect.arrayContaining(["Connection actions done", "Connection actions missed", "Connection actions followed (%)"]));
    const cell = (line: string, name: string) => line.split(",")[columns.indexOf(name)];
    const actionsLine = lines.find((l) => l.startsWith(r.code))!;
    expect(cell(actionsLine, "Activity")).toBe("Connection actions only");
    expect(cell(actionsLine, "Connection actions done")).toBe("2");
    expect(cell(actionsLine, "Connection actions missed")).toBe("2");
    expect(cell(actionsLine, "Connection actions followed (%)")).toBe("50");
    const activityLine = lines.find((l) => l.startsWith(withActivity.code))!;
    expect(cell(activityLine, "Activity")).toBe("Canal Walk");
    expect(cell(activityLine, "Connection actions done")).toBe("");
  });
});

describe("removing my details from an actions-only link", () => {
  it("offers the same remove-my-details step on the actions page, and removes the details", async () => {
    const referrer = await createReferrer();
    const r = await actionsOnlyReferral(referrer);
    const page = await callRoute(actionsLoader, await requestAs(null, `/r/${r.token}/actions`), { token: r.token });
    expect(page.body.canRemoveDetails).toBe(true);

    const before = await snapshotCounts();
    const unticked = await callRoute(actionsAction, await requestAs(null, `/r/${r.token}/actions`, { form: { intent: "remove-details" } }), { token: r.token });
    expect(unticked.status).toBe(400);
    expect(JSON.stringify(unticked.body)).toContain("Tick the box to say you understand");
    expect(await snapshotCounts()).toEqual(before);

    const removed = await callRoute(actionsAction, await requestAs(null, `/r/${r.token}/actions`, { form: { intent: "remove-details", understood: "on" } }), { token: r.token });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ ok: true, intent: "remove-details" });
    const [row] = await r.db.select().from(referrals).where(eq(referrals.id, r.id));
    expect(row.status).toBe("withdrawn");
    expect(row.detailsRemovedAt).not.toBeNull();
    expect(row.personFirstName).not.toBe("Edith");
    // The link no longer opens anything.
    expect((await callRoute(actionsLoader, await requestAs(null, `/r/${r.token}/actions`), { token: r.token })).status).toBe(404);
  });
});
