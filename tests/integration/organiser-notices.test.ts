/**
 * Organisers are emailed when a person gives up a place or a referral ends
 * by withdrawal: once per event, to the organisation's members, with the
 * short name, the reference and a link to the referral — never contact details.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { bookings } from "../../db/schema";
import { deliverPendingEmails, listDevMailbox } from "~/modules/notifications/index.server";
import { performPersonAction, withdrawReferral } from "~/modules/referrals/index.server";
import { action as personAction } from "~/routes/r.$token/route";
import { requestAs } from "../setup/auth";
import { addMember, createActivity, createOrganisation, createSession, createUser } from "../factories";
import { createOrganiser, createReferrer, refer } from "../factories/referrals";
import { callRoute } from "../setup/routes";

async function providerWithTwoMembers() {
  const { organisation, user: owner } = await createOrganiser();
  const member = await createUser();
  await addMember(organisation.id, member.id, "member");
  return { organisation, owner, member };
}

async function setup(options: { capacity?: number; screening?: boolean } = {}) {
  const provider = await providerWithTwoMembers();
  const activity = await createActivity({ organisationId: provider.organisation.id, requiresScreening: options.screening ?? false, contactEmail: "walk.leader@example.test" });
  const session = await createSession(activity.id, { capacity: options.capacity ?? 12 });
  const referrer = await createReferrer();
  const person = await refer(activity.id, referrer, { firstName: "Margaret", lastName: "Thompson", email: "margaret.t@example.org", phone: "+447700900123" });
  return { ...provider, activity, session, referrer, person };
}

/** Delivers the outbox, then the messages to this address whose subject matches, oldest first. */
async function mailTo(address: string, subject: RegExp) {
  await deliverPendingEmails();
  return (await listDevMailbox({ to: address })).filter((m) => subject.test(m.subject)).reverse();
}

async function act(token: string, form: Record<string, string>) {
  return callRoute<{ ok: boolean; message: string }>(personAction, await requestAs(null, `/r/${token}`, { form }), { token });
}

async function bookingOf(referralId: string) {
  const db = await getDb();
  const [booking] = await db.select().from(bookings).where(eq(bookings.referralId, referralId));
  return booking;
}

function expectNoContactDetails(text: string) {
  expect(text).not.toContain("margaret.t@example.org");
  expect(text).not.toContain("7700");
  expect(text).not.toContain("Thompson");
}

describe("a person cancels their booked place", () => {
  it("emails each member of the organisation once, with the session, the short name, the reference and the referral's page", async () => {
    const { owner, member, session, person, activity } = await setup();
    await act(person.token, { intent: "book", sessionId: session.id });
    const booking = await bookingOf(person.id);
    // A double click sends the cancel twice: still one email each.
    await Promise.all([act(person.token, { intent: "cancel", bookingId: booking.id }), act(person.token, { intent: "cancel", bookingId: booking.id })]);

    for (const to of [owner.email, member.email]) {
      const mail = await mailTo(to, /^Cancelled:/);
      expect(mail).toHaveLength(1);
      expect(mail[0].subject).toMatch(new RegExp(`^Cancelled: ${activity.title}, `));
      expect(mail[0].subject).not.toContain("Margaret");
      expect(mail[0].text).toContain(`Margaret T. has cancelled their place at ${activity.title} on `);
      expect(mail[0].text).toContain("The place is free again for someone else to book.");
      expect(mail[0].text).toContain(person.code);
      expect(mail[0].text).toContain(`/organiser/referrals/${person.id}`);
      expectNoContactDetails(mail[0].text);
    }
    // The organisation's members handle referrals; the activity's public contact is not sent this.
    expect(await mailTo("walk.leader@example.test", /^Cancelled:/)).toHaveLength(0);
  });

  it("says the place went to the waitlist, and does not email again when the next person takes it", async () => {
    const { owner, session, activity, referrer, person } = await setup({ capacity: 1 });
    const waiting = await refer(activity.id, referrer, { firstName: "Ade" });
    await act(person.token, { intent: "book", sessionId: session.id });
    await act(waiting.token, { intent: "waitlist", sessionId: session.id });
    await act(person.token, { intent: "cancel", bookingId: (await bookingOf(person.id)).id });
    const [cancelled] = await mailTo(owner.email, /^Cancelled:/);
    expect(cancelled.text).toContain("The place has been offered to the first person on the waitlist, so you do not need to do anything.");

    const before = (await mailTo(owner.email, /.*/)).length;
    expect((await act(waiting.token, { intent: "accept-offer", bookingId: (await bookingOf(waiting.id)).id })).body.message).toMatch(/You are booked/);
    expect(await mailTo(owner.email, /.*/)).toHaveLength(before);
  });

  it("does not email for leaving a waitlist, which frees no place", async () => {
    const { owner, session, activity, referrer, person } = await setup({ capacity: 1 });
    const waiting = await refer(activity.id, referrer, { firstName: "Ade" });
    await act(person.token, { intent: "book", sessionId: session.id });
    await act(waiting.token, { intent: "waitlist", sessionId: session.id });
    expect((await act(waiting.token, { intent: "cancel", bookingId: (await bookingOf(waiting.id)).id })).body.message).toMatch(/left the waitlist/);
    expect(await mailTo(owner.email, /^Cancelled:/)).toHaveLength(0);
  });
});

describe("a referral is withdrawn", () => {
  it("by the person: one email to the organisers naming the place given up (no separate cancellation email)", async () => {
    const { owner, member, session, person, activity } = await setup();
    await act(person.token, { intent: "book", sessionId: session.id });
    expect((await performPersonAction(person.token, { intent: "decline", reason: "I have a new job on Tuesdays and my number is 07700 900123" })).ok).toBe(true);
    for (const to of [owner.email, member.email]) {
      const mail = await mailTo(to, /withdrawn/);
      expect(mail).toHaveLength(1);
      expect(mail[0].subject).toBe(`Referral ${person.code} withdrawn: ${activity.title}`);
      expect(mail[0].text).toContain(`Margaret T. has said they no longer want a place at ${activity.title}.`);
      expect(mail[0].text).toMatch(/Their place on .+ is cancelled\. The place is free again/);
      expect(mail[0].text).toContain(`/organiser/referrals/${person.id}`);
      // What the person wrote was for the referrer, not the organiser.
      expect(mail[0].text).not.toContain("new job");
      expectNoContactDetails(mail[0].text);
      expect(await mailTo(to, /^Cancelled:/)).toHaveLength(0);
    }
  });

  it("by the referrer: the organisers are told, also when nothing was booked", async () => {
    const { owner, person, referrer, activity } = await setup({ screening: true });
    await withdrawReferral({ referralId: person.id, organisationIds: [referrer.organisation.id], userId: referrer.user.id, reason: "Moved away" });
    const [mail] = await mailTo(owner.email, /withdrawn/);
    expect(mail.text).toContain(`The person who referred Margaret T. to ${activity.title} has withdrawn the referral.`);
    expect(mail.text).toContain("They had no sessions booked.");
    expect(mail.text).not.toContain("Moved away");
  });
});

describe("who hears about referrals", () => {
  it("a new referral to a screened activity goes to every member, not the activity's public contact", async () => {
    const { owner, member, person } = await setup({ screening: true });
    for (const to of [owner.email, member.email]) expect((await mailTo(to, /^New referral/)).map((m) => m.subject)).toEqual([expect.stringContaining(person.code)]);
    expect(await mailTo("walk.leader@example.test", /^New referral/)).toHaveLength(0);
  });

  it("an organisation without accounts falls back to the activity's contact, then its own address", async () => {
    const referrer = await createReferrer();
    const noAccounts = await createOrganisation({ email: "office@group.example.test" });
    const withContact = await createActivity({ organisationId: noAccounts.id, requiresScreening: true, contactEmail: "leader@group.example.test" });
    const withoutContact = await createActivity({ organisationId: noAccounts.id, requiresScreening: true, contactEmail: null, contactPhone: "0113 496 0000" });
    await refer(withContact.id, referrer);
    await refer(withoutContact.id, referrer);
    expect(await mailTo("leader@group.example.test", /^New referral/)).toHaveLength(1);
    expect(await mailTo("office@group.example.test", /^New referral/)).toHaveLength(1);
  });
});
