/**
 * The demo data as someone trying Linkway meets it: loaded into an empty
 * database the way `npm start` does, then read through the pages' loaders as
 * each demo account.
 */
import { eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { devMailbox, outbox, referrals, users } from "../../db/schema";
import { generateDemoData } from "../../db/seed/demo-data";
import { demoReferralStories } from "../../db/seed/demo-referrals";
import { loadDemoDataIfEmpty, DEMO_MESSAGE_NOTE } from "~/modules/demo/index.server";
import { completeFinishedProgrammes, sendRegisterLinks } from "~/modules/attendance/index.server";
import { deliverPendingEmails } from "~/modules/notifications/index.server";
import { sendBookingReminders, expireIdleReferrals, sendFollowUps, flagReferralsWithoutBooking } from "~/modules/referrals/index.server";
import { loader as inboxLoader } from "~/routes/organiser.referrals._index/route";
import { loader as caseloadLoader } from "~/routes/referrals._index/route";
import { loader as caseLoader } from "~/routes/referrals.$id/route";
import { loader as registersLoader } from "~/routes/registers/route";
import { requestAs } from "../setup/auth";
import { callRoute } from "../setup/routes";

const stories = demoReferralStories(generateDemoData());
const story = (key: string) => stories.find((s) => s.key === key)!;

interface CaseloadRow {
  id: string;
  name: string;
  activityTitle: string;
  status: string;
  statusLabel: string;
  attention: string | null;
  nextSession: string | null;
  referredBy: string | null;
}

async function userId(email: string): Promise<string> {
  const db = await getDb();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return user.id;
}

async function caseloadOf(email: string, query = ""): Promise<{ total: number; rows: CaseloadRow[] }> {
  const { status, body } = await callRoute(caseloadLoader, await requestAs(await userId(email), `/referrals${query}`));
  expect(status).toBe(200);
  return body.caseload;
}

function rowOf(rows: CaseloadRow[], key: string): CaseloadRow {
  const { person } = story(key);
  const row = rows.find((r) => r.name === `${person.firstName} ${person.lastName}`);
  expect(row, key).toBeDefined();
  return row!;
}

beforeAll(async () => {
  expect(await loadDemoDataIfEmpty()).toBe(true);
}, 180_000);

describe("the demo referrals", () => {
  it("replay every story to the state it is there to show", async () => {
    const db = await getDb();
    // The stories, and the reports' six months of history besides (demo-history.server.ts).
    const rows = await db.select().from(referrals);
    expect(rows.length).toBeGreaterThan(stories.length);
    for (const s of stories) {
      const row = rows.find((r) => r.personFirstName === s.person.firstName && r.personLastName === s.person.lastName);
      expect(row, s.key).toBeDefined();
      expect({ key: s.key, status: row!.status, stalled: row!.stalledAt !== null, activityId: row!.activityId }).toEqual({
        key: s.key,
        status: s.endsAs.status,
        stalled: s.endsAs.stalled,
        activityId: s.activityId,
      });
    }
  });

  it("give the referrer a caseload in every state, with what needs attention first", async () => {
    const caseload = await caseloadOf("referrer@linkway.test");
    // Everything the team referred; the self-referral is the organiser's alone.
    expect(caseload.total).toBe(stories.filter((s) => s.steps[0].do === "refer").length);
    expect(new Set(caseload.rows.map((r) => r.statusLabel))).toEqual(
      new Set(["Sent", "Booked", "Attending", "Completed", "Withdrawn", "Declined"]),
    );
    expect(caseload.rows.slice(0, 2).map((r) => [r.name, r.attention])).toEqual([
      ["Derek Sample", "Stalled"],
      ["Kevin Sample", "Declined"],
    ]);
    expect(rowOf(caseload.rows, "new")).toMatchObject({ statusLabel: "Sent", attention: null, referredBy: "Jo Bennett" });
    expect(rowOf(caseload.rows, "booked")).toMatchObject({ statusLabel: "Booked", referredBy: "Dr Amara Okafor" });
    expect(rowOf(caseload.rows, "booked").nextSession).not.toBeNull();
    expect(rowOf(caseload.rows, "attending").nextSession).not.toBeNull();
    expect(rowOf(caseload.rows, "completed").nextSession).toBeNull();
    expect(rowOf(caseload.rows, "declined-by-person").statusLabel).toBe("Withdrawn");

    // The GP is in the same team and sees the same caseload.
    expect((await caseloadOf("gp@linkway.test")).total).toBe(caseload.total);
  });

  it("show the stalled referral's reason, next steps and the two missed sessions", async () => {
    const { rows } = await caseloadOf("referrer@linkway.test");
    const { body } = await callRoute(caseLoader, await requestAs(await userId("referrer@linkway.test"), "/x"), { id: rowOf(rows, "stalled").id });
    expect(body.referral.stalled).toMatchObject({ reason: "Did not attend two sessions in a row" });
    expect(body.referral.stalled.nextSteps.length).toBeGreaterThan(0);
    expect(body.referral.bookings.map((b: { attendance: string | null }) => b.attendance)).toEqual(["Did not attend", "Did not attend"]);
  });

  it("compare wellbeing before and after on the referral page, better on every measure", async () => {
    const referrer = await userId("referrer@linkway.test");
    const { rows } = await caseloadOf("referrer@linkway.test");
    for (const key of ["attending", "completed"]) {
      const { body } = await callRoute(caseLoader, await requestAs(referrer, "/x"), { id: rowOf(rows, key).id });
      const { outcomes, timeline } = body.referral;
      expect(outcomes.baselineAt, key).not.toBeNull();
      expect(outcomes.followUpAt, key).not.toBeNull();
      expect(outcomes.measures.map((m: { direction: string }) => m.direction), key).toEqual(outcomes.measures.map(() => "better"));
      expect(outcomes.sessionsAttendedBetween, key).toBeGreaterThanOrEqual(2);
      // The follow-up went out before it was answered, as the site sends it.
      expect(JSON.stringify(timeline), key).toContain("Follow-up wellbeing check sent to the person");
    }
    const attending = (await callRoute(caseLoader, await requestAs(referrer, "/x"), { id: rowOf(rows, "attending").id })).body.referral;
    expect(attending.bookings.map((b: { attendance: string | null }) => b.attendance)).toEqual(["Attended", "Attended", null, null]);
    const completed = (await callRoute(caseLoader, await requestAs(referrer, "/x"), { id: rowOf(rows, "completed").id })).body.referral;
    expect(completed.bookings.filter((b: { attendance: string | null }) => b.attendance === "Attended")).toHaveLength(6);
  });

  it("leave the organiser a referral and a self-referral waiting, and people coming", async () => {
    const { status, body } = await callRoute(inboxLoader, await requestAs(await userId("organiser@linkway.test"), "/organiser/referrals"));
    expect(status).toBe(200);
    expect(body.waiting.map((r: { name: string; from: string }) => [r.name, r.from])).toEqual([
      ["Frank E.", "Leeds North West Social Prescribing Team"],
      ["Grace S.", "Asked for a place themselves"],
    ]);
    expect(body.recent.map((r: { name: string }) => r.name).sort()).toEqual(["Aisha D.", "Derek S.", "Maureen E."]);
    expect(body.sessions.map((s: { activityTitle: string }) => s.activityTitle).sort()).toEqual([
      "Meanwood Women's Walking Group",
      "Nordic Walking at Harehills Park",
    ]);
    // Organisers never see another provider's referrals.
    expect(JSON.stringify(body)).not.toContain("Patricia");
  });

  it("give the organiser recent registers: marks kept, and last week's walk still to mark", async () => {
    const { body } = await callRoute(registersLoader, await requestAs(await userId("volunteer@linkway.test"), "/registers"));
    const registers = body.registers as { activityTitle: string; booked: number; unmarked: number; state: string }[];
    const booked = registers.filter((r) => r.booked > 0);
    expect(booked.find((r) => r.activityTitle === "Meanwood Women's Walking Group" && r.unmarked === 1)).toMatchObject({ state: "open" });
    expect(booked.find((r) => r.activityTitle === "Nordic Walking at Harehills Park" && r.unmarked === 0)).toBeDefined();
    // Sessions of the group's other walks ran too, with nobody booked.
    expect(registers.some((r) => r.booked === 0)).toBe(true);
  });

  it("send nothing: the history's messages are settled unsent, and the worker finds nothing overdue", async () => {
    const db = await getDb();
    const written = await db.select().from(outbox).where(eq(outbox.lastError, DEMO_MESSAGE_NOTE));
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((m) => m.processedAt !== null)).toBe(true);
    expect(await db.select().from(outbox).where(isNull(outbox.processedAt))).toEqual([]);
    expect(await deliverPendingEmails()).toBe(0);
    expect(await db.select().from(devMailbox)).toEqual([]);

    // The rounds the worker would have run already ran: starting it now changes nothing.
    expect(await sendFollowUps()).toBe(0);
    expect(await sendRegisterLinks()).toBe(0);
    expect(await flagReferralsWithoutBooking()).toBe(0);
    expect(await expireIdleReferrals()).toBe(0);
    expect(await completeFinishedProgrammes()).toBe(0);
    expect(await sendBookingReminders()).toBe(0);
  });
});
