/**
 * The person's private page closes their side of the loop: once a booked
 * session has started it links to "Did you go?" and shows what they said;
 * when the follow-up wellbeing check has been sent and not yet answered, it
 * links to it.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { referrals, sessions } from "../../db/schema";
import { loader as personLoader, action as personAction } from "~/routes/r.$token/route";
import { action as selfReportAction } from "~/routes/r.$token_.bookings.$bookingId.self-report/route";
import { action as wellbeingAction } from "~/routes/r.$token_.wellbeing/route";
import type { PersonPage } from "~/modules/referrals/index.server";
import { setClockOffset } from "~/utils/clock.server";
import { requestAs } from "../setup/auth";
import { createActivity, createSession } from "../factories";
import { createReferrer, refer } from "../factories/referrals";
import { callRoute } from "../setup/routes";
import { DAY_MS } from "~/utils/time";


afterEach(() => setClockOffset(0));

async function page(token: string): Promise<PersonPage> {
  const { status, body } = await callRoute<{ page: PersonPage }>(personLoader, await requestAs(null, `/r/${token}`), { token });
  expect(status).toBe(200);
  return body.page;
}

async function bookedPerson() {
  const referrer = await createReferrer();
  const activity = await createActivity({ requiresScreening: false });
  const session = await createSession(activity.id, { startsAt: new Date(Date.now() + 2 * DAY_MS) });
  const person = await refer(activity.id, referrer);
  const booked = await callRoute(personAction, await requestAs(null, `/r/${person.token}`, { form: { intent: "book", sessionId: session.id } }), { token: person.token });
  expect(booked.status).toBe(200);
  const bookingId = (await page(person.token)).bookings[0].id;
  return { person, session, bookingId };
}

describe("the person's page after a session", () => {
  it("offers 'Did you go?' only once the session has started, then shows what they said", async () => {
    const { person, bookingId } = await bookedPerson();
    expect((await page(person.token)).bookings).toEqual([expect.objectContaining({ id: bookingId, isPast: false, canSelfReport: false, selfReported: null })]);

    // Three days on the session is over: it moves to the past and can be reported on.
    setClockOffset(3 * DAY_MS);
    const after = await page(person.token);
    expect(after.bookings).toEqual([expect.objectContaining({ id: bookingId, isPast: true, canSelfReport: true, selfReported: null })]);

    const reported = await callRoute(
      selfReportAction,
      await requestAs(null, `/r/${person.token}/bookings/${bookingId}/self-report`, { form: { report: "missed" } }),
      { token: person.token, bookingId },
    );
    expect(reported.status).toBe(200);
    expect((await page(person.token)).bookings).toEqual([expect.objectContaining({ id: bookingId, canSelfReport: true, selfReported: "missed" })]);
  });

  it("does not offer it for a cancelled session or a cancelled booking", async () => {
    const { person, session, bookingId } = await bookedPerson();
    const db = await getDb();
    await db.update(sessions).set({ status: "cancelled", cancelReason: "Flooded path" }).where(eq(sessions.id, session.id));
    setClockOffset(3 * DAY_MS);
    const booking = (await page(person.token)).bookings.find((b) => b.id === bookingId);
    expect(booking?.canSelfReport ?? false).toBe(false);
  });
});

describe("the follow-up wellbeing check on the person's page", () => {
  it("links to it while it is sent and unanswered, and not before or after", async () => {
    const { person } = await bookedPerson();
    expect((await page(person.token)).wellbeingCheckDue).toBe(false);

    const db = await getDb();
    await db.update(referrals).set({ followUpSentAt: new Date() }).where(eq(referrals.id, person.id));
    expect((await page(person.token)).wellbeingCheckDue).toBe(true);

    const answers = { life_satisfaction: "7", worthwhile: "8", happiness: "6", anxiety: "2", lack_companionship: "1", left_out: "2", isolated: "1" };
    const answered = await callRoute(wellbeingAction, await requestAs(null, `/r/${person.token}/wellbeing`, { form: answers }), { token: person.token });
    expect(answered.status).toBe(200);
    expect((await page(person.token)).wellbeingCheckDue).toBe(false);
  });
});
