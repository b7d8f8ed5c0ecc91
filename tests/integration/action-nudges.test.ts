import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { randomUUID } from "node:crypto";
import { actionLogs, devTexts, nudges, nudgeSettings, outbox, referralActions, referrals } from "../../db/schema";
import { addDaysTo, dayOf } from "~/modules/actions";
import { addReferralAction, answerNudge, changeNudges, handleTextReply, loadNudgePage, logActionByToken, sendActionNudges } from "~/modules/actions/index.server";
import { deliverPendingTexts } from "~/modules/notifications/index.server";
import { withdrawReferral } from "~/modules/referrals/index.server";
import { localDateTimeToUtc } from "~/utils/time";
import { createActivity } from "../factories";
import { queuedEmails } from "../factories/mail";
import { createReferrer, refer } from "../factories/referrals";

const today = dayOf(new Date());
/** Day `n` (1 = today) at a UK wall-clock time. */
const at = (n: number, time: string) => localDateTimeToUtc(addDaysTo(today, n - 1), time, "Europe/London");

async function withAction(contact: { email?: string; phone?: string; preferredContact?: "email" | "sms" } = { email: `margaret.${randomUUID().slice(0, 8)}@example.org` }) {
  const referrer = await createReferrer();
  const activity = await createActivity({ requiresScreening: false });
  const referred = await refer(activity.id, referrer, { ...contact });
  const person = { ...referred, email: contact.email };
  const added = await addReferralAction({
    referralId: person.id,
    organisationIds: [referrer.organisation.id],
    userId: referrer.user.id,
    action: { title: "Walk to the end of the road", rhythm: "daily", startsOn: today, endsOn: addDaysTo(today, 13) },
  });
  expect(added.ok).toBe(true);
  const db = await getDb();
  const [action] = await db.select().from(referralActions).where(eq(referralActions.referralId, person.id));
  return { referrer, person, actionId: action.id };
}

/** Sends what is due at `now` and says whether this referral was nudged (other tests' referrals share the database). */
async function nudgedNow(referralId: string, now: Date): Promise<boolean> {
  const db = await getDb();
  const before = await db.select().from(nudges).where(eq(nudges.referralId, referralId));
  await sendActionNudges({ now });
  const after = await db.select().from(nudges).where(eq(nudges.referralId, referralId));
  return after.length > before.length;
}

async function messagesTo(address: string) {
  const db = await getDb();
  const rows = await db.select().from(outbox).orderBy(asc(outbox.id));
  return rows.filter((r) => r.payload.to === address);
}

function nudgeToken(text: string): string {
  const match = /\/n\/([a-z0-9]+\.[a-z0-9]+)/.exec(text);
  if (!match) throw new Error(`no nudge link in: ${text}`);
  return match[1];
}

describe("nudges by email", () => {
  it("go once a day at the chosen time, never in quiet hours, with one-tap answers that record the day's answer", async () => {
    const { person, actionId } = await withAction();
    expect(await nudgedNow(person.id, at(1, "07:30"))).toBe(false); // quiet hours
    expect(await nudgedNow(person.id, at(1, "08:30"))).toBe(false); // before the morning
    expect(await nudgedNow(person.id, at(1, "09:05"))).toBe(true);
    expect(await nudgedNow(person.id, at(1, "09:10"))).toBe(false); // once a day

    const db = await getDb();
    const [mail] = (await queuedEmails()).filter((m) => m.subject.startsWith("Did you"));
    expect(mail.subject).toBe("Did you walk to the end of the road today?");
    const text = mail.text;
    expect(text).toContain("Yes, I did:");
    expect(text).toContain("?answer=done");
    expect(text).toContain("Stop these messages");
    const token = nudgeToken(text);

    // Opening the link records nothing by itself.
    const page = await loadNudgePage(token, at(1, "10:00"));
    expect(page).toMatchObject({ question: "Did you walk to the end of the road today?", answered: null, canAnswer: true });
    expect(await db.select().from(actionLogs).where(eq(actionLogs.referralActionId, actionId))).toHaveLength(0);

    expect((await answerNudge(token, "done", at(1, "10:00"))).ok).toBe(true);
    expect((await answerNudge(token, "done", at(1, "10:01"))).ok).toBe(true);
    const logs = await db.select().from(actionLogs).where(eq(actionLogs.referralActionId, actionId));
    expect(logs).toMatchObject([{ outcome: "done", via: "link", day: today }]);
  });

  it("cannot answer another day, and a tampered link finds nothing", async () => {
    const { person } = await withAction();
    await sendActionNudges({ now: at(1, "09:05") });
    const [mail] = (await messagesTo(person.email!)).filter((m) => String(m.payload.subject).startsWith("Did you"));
    const token = nudgeToken(String(mail.payload.text));
    expect(await answerNudge(token, "done", at(2, "10:00"))).toMatchObject({ ok: false, status: 409 });
    expect(await answerNudge(`${token.split(".")[0]}.wrongsecretwrongsecret234`, "done", at(1, "10:00"))).toMatchObject({ ok: false, status: 404 });
    expect(await loadNudgePage("nonsense", at(1, "10:00"))).toBeNull();
  });

  it("come at the time the person chooses, and stop when they ask", async () => {
    const { person } = await withAction();
    await sendActionNudges({ now: at(1, "09:05") });
    const [mail] = (await messagesTo(person.email!)).filter((m) => String(m.payload.subject).startsWith("Did you"));
    const token = nudgeToken(String(mail.payload.text));
    expect((await changeNudges(token, { intent: "settings", channel: "email", timeOfDay: "evening", frequency: "daily" }, at(1, "10:00"))).ok).toBe(true);
    expect(await nudgedNow(person.id, at(2, "09:05"))).toBe(false);
    expect(await nudgedNow(person.id, at(2, "18:05"))).toBe(true);
    expect((await changeNudges(token, { intent: "stop" }, at(2, "19:00"))).ok).toBe(true);
    expect(await nudgedNow(person.id, at(3, "18:05"))).toBe(false);
  });

  it("stop after three unanswered in a row, and the referrer is told", async () => {
    const { referrer, person } = await withAction();
    for (const day of [1, 2, 3]) expect(await nudgedNow(person.id, at(day, "09:05"))).toBe(true);
    expect(await nudgedNow(person.id, at(4, "09:05"))).toBe(false);
    const db = await getDb();
    const [settings] = await db.select().from(nudgeSettings).where(eq(nudgeSettings.referralId, person.id));
    expect(settings.stoppedReason).toBe("unanswered");
    const toReferrer = await messagesTo(referrer.user.email);
    expect(toReferrer.map((m) => m.payload.subject)).toContain(`${person.code}: this referral needs your attention`);
    expect(toReferrer.map((m) => String(m.payload.text)).join()).toContain("has not answered the last 3 reminders about their actions");
    const [flagged] = await db.select().from(referrals).where(eq(referrals.id, person.id));
    expect(flagged.stalledReason).toBe("nudges_unanswered");
    expect(await nudgedNow(person.id, at(5, "09:05"))).toBe(false);
  });

  it("count an answer on the person's page as answering that day's nudge", async () => {
    const { person, actionId } = await withAction();
    for (const day of [1, 2, 3]) {
      await nudgedNow(person.id, at(day, "09:05"));
      if (day === 2) await logActionByToken(person.token, { actionId, outcome: "not_this_time" }, at(2, "12:00"));
    }
    expect(await nudgedNow(person.id, at(4, "09:05"))).toBe(true);
  });

  it("stop when the referral ends", async () => {
    const { referrer, person } = await withAction();
    await withdrawReferral({ referralId: person.id, organisationIds: [referrer.organisation.id], userId: referrer.user.id, reason: "Moved away" });
    expect(await nudgedNow(person.id, at(1, "09:05"))).toBe(false);
  });
});

describe("nudges by text", () => {
  it("are answered by replying YES, stopped by STOP, and a reply after STOP is ignored", async () => {
    const phone = "+447700900456";
    const { actionId, person } = await withAction({ email: undefined, phone, preferredContact: "sms" });
    expect(await nudgedNow(person.id, at(1, "09:05"))).toBe(true);
    const db = await getDb();
    const [queued] = await db.select().from(outbox).where(and(eq(outbox.topic, "sms"), eq(outbox.key, `person:${person.id}`))).orderBy(asc(outbox.id));
    const texts = await db.select().from(outbox).where(eq(outbox.topic, "sms"));
    const nudge = texts.find((t) => String(t.payload.text).includes("Reply YES or NO"))!;
    expect(String(nudge.payload.text)).toMatch(/^Hello Margaret\. Did you walk to the end of the road today\? Reply YES or NO, or tap https?:\/\/\S+\/n\/\S+ Reply STOP to stop these texts\.$/);
    expect(queued).toBeDefined();

    // Through the development text inbox, as on a trial site.
    expect(await deliverPendingTexts({ now: new Date(Date.now() + 60_000) })).toBeGreaterThanOrEqual(1);
    const inbox = await db.select().from(devTexts).where(eq(devTexts.to, phone));
    expect(inbox.some((t) => t.text.includes("Reply YES or NO"))).toBe(true);

    expect(await handleTextReply("07700 900456", "Yes", at(1, "10:00"))).toBe("answered");
    expect(await db.select().from(actionLogs).where(eq(actionLogs.referralActionId, actionId))).toMatchObject([{ outcome: "done", via: "text_reply" }]);

    expect(await handleTextReply(phone, "STOP", at(1, "11:00"))).toBe("stopped");
    expect(await nudgedNow(person.id, at(2, "09:05"))).toBe(false);
    expect(await handleTextReply(phone, "no", at(2, "10:00"))).toBe("ignored");
    expect(await handleTextReply(phone, "STOP", at(2, "10:00"))).toBe("ignored");
    expect(await db.select().from(actionLogs).where(eq(actionLogs.referralActionId, actionId))).toHaveLength(1);
  });

  it("ignore replies from numbers we do not know, and words we do not understand", async () => {
    const phone = "+447700900457";
    await withAction({ email: undefined, phone, preferredContact: "sms" });
    await sendActionNudges({ now: at(1, "09:05") });
    expect(await handleTextReply("+447700900999", "yes", at(1, "10:00"))).toBe("ignored");
    expect(await handleTextReply(phone, "who is this", at(1, "10:00"))).toBe("ignored");
  });
});
