import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { actionLogs, connectionActions, referralActions, referralEvents } from "../../db/schema";
import { addDaysTo, dayOf } from "~/modules/actions";
import { listLibrary, loadPersonActions, loadReferralActions, logActionByToken } from "~/modules/actions/index.server";
import { action as adminAction, loader as adminLoader } from "~/routes/admin.actions/route";
import { action as caseAction, loader as caseLoader } from "~/routes/referrals.$id/route";
import { action as personAction, loader as personLoader } from "~/routes/r.$token_.actions/route";
import { withdrawReferral } from "~/modules/referrals/index.server";
import { requestAs } from "../setup/auth";
import { createActivity, createUser } from "../factories";
import { snapshotCounts } from "../factories/counts";
import { createReferrer, refer } from "../factories/referrals";
import { callRoute } from "../setup/routes";

const today = () => dayOf(new Date());

async function setup() {
  const referrer = await createReferrer();
  const activity = await createActivity({ requiresScreening: false });
  const person = await refer(activity.id, referrer);
  return { referrer, activity, person };
}

async function addAction(referrerUserId: string, referralId: string, form: Record<string, string>) {
  return callRoute(caseAction, await requestAs(referrerUserId, `/referrals/${referralId}`, { form: { formId: "add-action", intent: "add-action", ...form } }), { id: referralId });
}

async function answer(token: string, form: Record<string, string>) {
  return callRoute<{ ok: boolean; message: string }>(personAction, await requestAs(null, `/r/${token}/actions`, { form }), { token });
}

async function actionsOf(referralId: string) {
  const db = await getDb();
  return db.select().from(referralActions).where(eq(referralActions.referralId, referralId));
}

describe("the library of connection actions", () => {
  it("starts with about twenty actions in plain words, in all five groups", async () => {
    const library = await listLibrary();
    expect(library.length).toBeGreaterThanOrEqual(18);
    expect(new Set(library.map((l) => l.group))).toEqual(new Set(["connect", "move", "reflect", "give", "learn"]));
    expect(library.find((l) => l.title === "Call an old friend")).toMatchObject({ rhythm: "weekly", timesPerWeek: 1 });
    for (const l of library) expect(l.howTo.length).toBeGreaterThan(10);
  });

  it("lets an admin add, reword and retire actions, and refuses a title already used", async () => {
    const admin = await createUser({ isAdmin: true });
    const post = async (form: Record<string, string>) => callRoute(adminAction, await requestAs(admin.id, "/admin/actions", { form }));
    const added = await post({ intent: "add", group: "give", title: "Bake for a neighbour", howTo: "Make a few biscuits and take some next door.", rhythm: "once" });
    expect(added.status).toBe(302);
    const db = await getDb();
    const [row] = await db.select().from(connectionActions).where(eq(connectionActions.title, "Bake for a neighbour"));
    expect(row).toMatchObject({ group: "give", rhythm: "once", timesPerWeek: null });

    const duplicate = await post({ formId: "x", intent: "add", group: "give", title: "call an OLD friend", howTo: "Ring them.", rhythm: "daily" });
    expect(duplicate.status).toBe(200);
    expect(JSON.stringify(duplicate.body)).toContain("There is already an action with that title");

    const noTimes = await post({ formId: "x", intent: "update", id: row.id, group: "give", title: "Bake for a neighbour", howTo: "Make biscuits.", rhythm: "weekly" });
    expect(JSON.stringify(noTimes.body)).toContain("Choose how many times a week");

    await post({ intent: "update", id: row.id, group: "give", title: "Bake for a neighbour", howTo: "Make biscuits.", rhythm: "weekly", timesPerWeek: "2" });
    await post({ intent: "retire", id: row.id });
    expect((await listLibrary()).some((l) => l.id === row.id)).toBe(false);
    const [after] = await db.select().from(connectionActions).where(eq(connectionActions.id, row.id));
    expect(after).toMatchObject({ rhythm: "weekly", timesPerWeek: 2, howTo: "Make biscuits." });
    expect(after.retiredAt).not.toBeNull();
  });

  it("is edited by admins only", async () => {
    const someone = await createUser();
    const before = await snapshotCounts();
    const page = await callRoute(adminLoader, await requestAs(someone.id, "/admin/actions"));
    const post = await callRoute(adminAction, await requestAs(someone.id, "/admin/actions", { form: { intent: "add", group: "give", title: "Sneaky", howTo: "Not allowed here.", rhythm: "once" } }));
    expect(page.status).toBe(403);
    expect(post.status).toBe(403);
    expect(await snapshotCounts()).toEqual(before);
  });
});

describe("prescribing actions on an open referral", () => {
  it("adds a library action with its suggested rhythm, or one written for the person, each on the timeline", async () => {
    const { referrer, person } = await setup();
    const library = await listLibrary();
    const call = library.find((l) => l.title === "Call an old friend")!;
    const start = today();
    const fromLibrary = await addAction(referrer.user.id, person.id, { "action.libraryActionId": call.id, "action.startsOn": start, "action.endsOn": addDaysTo(start, 27) });
    expect(fromLibrary.status).toBe(302);
    const own = await addAction(referrer.user.id, person.id, {
      "action.title": "Write three good things each evening",
      "action.rhythm": "daily",
      "action.startsOn": start,
      "action.endsOn": addDaysTo(start, 13),
    });
    expect(own.status).toBe(302);
    const rows = await actionsOf(person.id);
    expect(rows.map((r) => [r.title, r.rhythm, r.timesPerWeek])).toEqual(
      expect.arrayContaining([
        ["Call an old friend", "weekly", 1],
        ["Write three good things each evening", "daily", null],
      ]),
    );
    const db = await getDb();
    const events = await db.select().from(referralEvents).where(eq(referralEvents.referralId, person.id));
    expect(events.filter((e) => e.kind === "action")).toHaveLength(2);

    const page = await callRoute(caseLoader, await requestAs(referrer.user.id, `/referrals/${person.id}`), { id: person.id });
    expect(page.body.actions.actions.map((a: { rhythm: string }) => a.rhythm)).toEqual(expect.arrayContaining(["Once a week", "Every day"]));
  });

  it("refuses bad input next to the field and writes nothing", async () => {
    const { referrer, person } = await setup();
    const start = today();
    const before = await snapshotCounts();
    const noWhat = await addAction(referrer.user.id, person.id, { "action.rhythm": "daily", "action.startsOn": start, "action.endsOn": start });
    expect(JSON.stringify(noWhat.body)).toContain("Choose an action from the list, or write one for this person");
    const backwards = await addAction(referrer.user.id, person.id, { "action.title": "Call Sam", "action.rhythm": "daily", "action.startsOn": addDaysTo(start, 5), "action.endsOn": start });
    expect(JSON.stringify(backwards.body)).toContain("The end date must be on or after the start date");
    const past = await addAction(referrer.user.id, person.id, { "action.title": "Call Sam", "action.rhythm": "daily", "action.startsOn": addDaysTo(start, -3), "action.endsOn": start });
    expect(JSON.stringify(past.body)).toContain("The start date cannot be in the past");
    const weeklyNoTimes = await addAction(referrer.user.id, person.id, { "action.title": "Call Sam", "action.rhythm": "weekly", "action.startsOn": start, "action.endsOn": start });
    expect(JSON.stringify(weeklyNoTimes.body)).toContain("Choose how many times a week");
    const tooLong = await addAction(referrer.user.id, person.id, { "action.title": "Call Sam", "action.rhythm": "daily", "action.startsOn": start, "action.endsOn": addDaysTo(start, 400) });
    expect(JSON.stringify(tooLong.body)).toContain("within six months");
    expect(await snapshotCounts()).toEqual(before);
  });

  it("is refused to another organisation (404) and leaves nothing behind", async () => {
    const { person } = await setup();
    const stranger = await createReferrer();
    const before = await snapshotCounts();
    const outcome = await addAction(stranger.user.id, person.id, { "action.title": "Call Sam", "action.rhythm": "daily", "action.startsOn": today(), "action.endsOn": today() });
    expect(outcome.status).toBe(404);
    expect(await loadReferralActions(person.id, [stranger.organisation.id])).toBeNull();
    expect(await snapshotCounts()).toEqual(before);
  });

  it("stops an action from today, keeping what was logged", async () => {
    const { referrer, person } = await setup();
    await addAction(referrer.user.id, person.id, { "action.title": "Call Sam", "action.rhythm": "daily", "action.startsOn": today(), "action.endsOn": addDaysTo(today(), 6) });
    const [row] = await actionsOf(person.id);
    await logActionByToken(person.token, { actionId: row.id, outcome: "done" });
    const stopped = await callRoute(caseAction, await requestAs(referrer.user.id, `/referrals/${person.id}`, { form: { formId: `stop-${row.id}`, intent: "stop-action", actionId: row.id } }), { id: person.id });
    expect(stopped.status).toBe(302);
    const page = await loadPersonActions(person.token);
    expect(page!.today).toHaveLength(0);
    const db = await getDb();
    expect(await db.select().from(actionLogs).where(eq(actionLogs.referralActionId, row.id))).toHaveLength(1);
  });
});

describe("the person's side, through their private link", () => {
  async function withDailyAction() {
    const s = await setup();
    await addAction(s.referrer.user.id, s.person.id, { "action.title": "Walk to the end of the road", "action.rhythm": "daily", "action.startsOn": today(), "action.endsOn": addDaysTo(today(), 13) });
    const [row] = await actionsOf(s.person.id);
    return { ...s, actionId: row.id };
  }

  it("shows today's actions and records one answer a day, which can be changed that day", async () => {
    const { person, actionId } = await withDailyAction();
    const page = await callRoute(personLoader, await requestAs(null, `/r/${person.token}/actions`), { token: person.token });
    expect(page.status).toBe(200);
    expect(page.body.page.today.map((c: { title: string }) => c.title)).toEqual(["Walk to the end of the road"]);

    expect((await answer(person.token, { actionId, outcome: "done" })).body.ok).toBe(true);
    expect((await answer(person.token, { actionId, outcome: "done" })).body.ok).toBe(true);
    const db = await getDb();
    expect(await db.select().from(actionLogs).where(eq(actionLogs.referralActionId, actionId))).toHaveLength(1);

    await answer(person.token, { actionId, outcome: "not_this_time", note: "It rained all day" });
    const logs = await db.select().from(actionLogs).where(eq(actionLogs.referralActionId, actionId));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ outcome: "not_this_time", note: "It rained all day", day: today() });

    const after = await loadPersonActions(person.token);
    expect(after!.today[0].today).toEqual({ outcome: "not_this_time", note: "It rained all day" });
  });

  it("says kindly how the week went, without streaks", async () => {
    const { person, actionId } = await withDailyAction();
    await answer(person.token, { actionId, outcome: "done" });
    const page = await loadPersonActions(person.token);
    expect(page!.today[0].summary).toBe("You did this once this week.");
  });

  it("never lets one person's link read or answer another person's actions", async () => {
    const one = await withDailyAction();
    const other = await withDailyAction();
    const before = await snapshotCounts();
    const cross = await answer(one.person.token, { actionId: other.actionId, outcome: "done" });
    expect(cross.status).toBe(404);
    const page = await loadPersonActions(one.person.token);
    expect(page!.today.map((c) => c.id)).toEqual([one.actionId]);
    const bad = await callRoute(personLoader, await requestAs(null, `/r/nonsense/actions`), { token: "nonsense" });
    expect(bad.status).toBe(404);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("refuses a bad answer with a clear message", async () => {
    const { person, actionId } = await withDailyAction();
    const wrong = await answer(person.token, { actionId, outcome: "maybe" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain("I did it");
  });

  it("stops taking answers when the referral ends", async () => {
    const { referrer, person, actionId } = await withDailyAction();
    await withdrawReferral({ referralId: person.id, organisationIds: [referrer.organisation.id], userId: referrer.user.id, reason: "Moved away" });
    const late = await logActionByToken(person.token, { actionId, outcome: "done" });
    expect(late.ok).toBe(false);
  });
});
