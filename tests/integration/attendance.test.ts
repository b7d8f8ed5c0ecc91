/**
 * Attendance closes the loop: marks drive the referral, the referrer is told,
 * stalls are flagged, and refused changes write nothing.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, queryRows } from "../../db/client";
import { bookings, referralEvents, referrals, sessions } from "../../db/schema";
import { AttendanceError, completeFinishedProgrammes, markAttendance, markEveryoneAttended, loadRegister, reopenRegister, loadSelfReport, recordSelfReport, disengageStalledReferrals, addWalkIn, ATTENDANCE_NOTICE_DELAY_MS } from "~/modules/attendance/index.server";
import { deliverPendingEmails, listDevMailbox } from "~/modules/notifications/index.server";
import { performPersonAction, flagReferralsWithoutBooking, withdrawReferral } from "~/modules/referrals/index.server";
import { addMember, createActivity, createOrganisation, createSession, createUser } from "../factories";
import { createBooking, createPersonLink, createReferral } from "../factories/referral-rows";
import { HOUR_MS } from "~/utils/time";
import { requestAs } from "../setup/auth";
import { callRoute } from "../setup/routes";
import { loader as registerPage, action as registerAction } from "~/routes/sessions_.$id_.register/route";
import { loader as auditPage } from "~/routes/admin.audit/route";
import { emailsTo } from "../factories/mail";

const DAY = 24 * HOUR_MS;

/** A provider with an organiser, a referrer, and a session that started an hour ago. */
async function scene(options: { completionSessions?: number | null } = {}) {
  const provider = await createOrganisation({ kind: "provider" });
  const organiser = await createUser();
  await addMember(provider.id, organiser.id, "owner");
  const activity = await createActivity({ organisationId: provider.id, completionSessions: options.completionSessions ?? null });
  const referrerOrg = await createOrganisation({ kind: "referrer" });
  const referrer = await createUser();
  await addMember(referrerOrg.id, referrer.id, "owner");
  const session = await createSession(activity.id, { startsAt: new Date(Date.now() - HOUR_MS) });
  const referral = await createReferral({
    activityId: activity.id,
    referrerUserId: referrer.id,
    referrerOrganisationId: referrerOrg.id,
    status: "booked",
  });
  const booking = await createBooking(referral.id, session.id);
  return { provider, organiser, activity, referrerOrg, referrer, session, referral, booking };
}

async function referralRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id));
  return row;
}

async function eventsOf(referralId: string) {
  const db = await getDb();
  return db.select().from(referralEvents).where(eq(referralEvents.referralId, referralId)).orderBy(asc(referralEvents.id));
}

/** What actually reached an inbox: delivers every email due by `at` to the development mailbox first. */
async function receivedBy(address: string, at: Date) {
  await deliverPendingEmails({ now: at });
  return (await listDevMailbox({ to: address })).reverse().map((m) => ({ subject: m.subject, text: m.text }));
}

const afterTheWait = () => new Date(Date.now() + ATTENDANCE_NOTICE_DELAY_MS + 60_000);


/** Everything a refused change could have touched, to check nothing was written. */
async function snapshot() {
  const db = await getDb();
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*)::int from referral_events) as events, (select count(*)::int from outbox) as outbox,
               (select count(*)::int from bookings where attendance <> 'unmarked') as marked,
               (select count(*)::int from referrals) as referrals`,
  );
  return row;
}

async function expectRefused(change: () => Promise<unknown>, problem: string) {
  const before = await snapshot();
  const error = await change().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AttendanceError);
  expect((error as AttendanceError).problem).toBe(problem);
  expect((error as AttendanceError).message.length).toBeGreaterThan(20);
  expect(await snapshot()).toEqual(before);
}

describe("marking attendance drives the referral", () => {
  it("first attended moves the referral to attending, logs the mark and tells the referrer", async () => {
    const s = await scene();
    const result = await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access: { type: "user", userId: s.organiser.id } });
    expect(result.changed).toBe(true);
    expect((await referralRow(s.referral.id)).status).toBe("attending");
    const events = await eventsOf(s.referral.id);
    const attendance = events.find((e) => e.kind === "attendance");
    expect(attendance).toMatchObject({ actorType: "user", actorUserId: s.organiser.id });
    expect(attendance?.data).toMatchObject({ bookingId: s.booking.id, sessionId: s.session.id, attendance: "attended", previous: "unmarked" });
    expect(attendance?.data?.startsAt).toBe(s.session.startsAt.toISOString());
    expect(events.find((e) => e.kind === "status")).toMatchObject({ fromStatus: "booked", toStatus: "attending" });
    // The news waits a few minutes (a wrong tap put right in that time never reaches the referrer), then arrives.
    expect(await receivedBy(s.referrer.email, new Date(Date.now() + ATTENDANCE_NOTICE_DELAY_MS - 60_000))).toEqual([]);
    const mail = await receivedBy(s.referrer.email, afterTheWait());
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe(`${s.referral.code}: attended ${s.activity.title}`);
    expect(mail[0].text).toContain(`/referrals/${s.referral.id}`);
    expect(mail[0].text).not.toContain(s.referral.personEmail!);
    expect(mail[0].text).not.toContain("corrects");
  });

  it("a repeated mark changes nothing and sends nothing more", async () => {
    const s = await scene();
    const input = { sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended" as const, access: { type: "user" as const, userId: s.organiser.id } };
    await markAttendance(input);
    const before = await snapshot();
    expect((await markAttendance(input)).changed).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it("did not attend waits to tell the referrer; an undo in that time takes the email back and returns to unmarked, logged", async () => {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "no_show", access });
    expect((await emailsTo(s.referrer.email))[0].subject).toContain("did not attend");
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "unmarked", access });
    const db = await getDb();
    const [booking] = await db.select().from(bookings).where(eq(bookings.id, s.booking.id));
    expect(booking).toMatchObject({ attendance: "unmarked", markedAt: null, markedBy: null });
    const marks = (await eventsOf(s.referral.id)).filter((e) => e.kind === "attendance").map((e) => e.data);
    expect(marks).toMatchObject([{ attendance: "no_show", previous: "unmarked" }, { attendance: "unmarked", previous: "no_show" }]);
    expect(await emailsTo(s.referrer.email)).toHaveLength(0);
    expect(await receivedBy(s.referrer.email, afterTheWait())).toEqual([]);
    expect((await referralRow(s.referral.id)).status).toBe("booked");
  });

  it("two no-shows in a row flag the referral stalled and alert the referrer with next steps", async () => {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    const earlier = await createSession(s.activity.id, { startsAt: new Date(Date.now() - 8 * DAY) });
    const earlierBooking = await createBooking(s.referral.id, earlier.id);
    await markAttendance({ sessionId: earlier.id, bookingId: earlierBooking.id, attendance: "no_show", access });
    expect((await referralRow(s.referral.id)).stalledAt).toBeNull();
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "no_show", access });
    const stalled = await referralRow(s.referral.id);
    expect(stalled.stalledAt).not.toBeNull();
    expect(stalled.stalledReason).toBe("two_no_shows");
    const event = (await eventsOf(s.referral.id)).find((e) => e.kind === "stalled");
    expect(event?.data).toMatchObject({ reason: "two_no_shows" });
    const mail = await emailsTo(s.referrer.email);
    expect(mail.map((m) => m.subject)).toEqual([`${s.referral.code}: did not attend ${s.activity.title}`, `${s.referral.code}: this referral needs your attention`]);
    expect(mail[1].text).toContain("Call the person");
    expect(mail[1].text).toContain("different activity");

    // Going again clears the flag.
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access });
    const cleared = await referralRow(s.referral.id);
    expect(cleared.stalledAt).toBeNull();
    expect(cleared.status).toBe("attending");
  });

  it("completes after the activity's number of attended sessions", async () => {
    const s = await scene({ completionSessions: 2 });
    const access = { type: "user" as const, userId: s.organiser.id };
    const earlier = await createSession(s.activity.id, { startsAt: new Date(Date.now() - 7 * DAY) });
    const earlierBooking = await createBooking(s.referral.id, earlier.id);
    await markAttendance({ sessionId: earlier.id, bookingId: earlierBooking.id, attendance: "attended", access });
    expect((await referralRow(s.referral.id)).status).toBe("attending");
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access });
    expect((await referralRow(s.referral.id)).status).toBe("completed");
    const last = (await eventsOf(s.referral.id)).filter((e) => e.kind === "status").at(-1);
    expect(last).toMatchObject({ fromStatus: "attending", toStatus: "completed", actorType: "system" });
  });

  it("everyone attended marks only the people not yet marked", async () => {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    const other = await createReferral({ activityId: s.activity.id, referrerUserId: s.referrer.id, status: "booked" });
    const otherBooking = await createBooking(other.id, s.session.id);
    const third = await createReferral({ activityId: s.activity.id, status: "booked" });
    const thirdBooking = await createBooking(third.id, s.session.id);
    await markAttendance({ sessionId: s.session.id, bookingId: thirdBooking.id, attendance: "no_show", access });
    const result = await markEveryoneAttended({ sessionId: s.session.id, access });
    expect(result.marked).toBe(2);
    const db = await getDb();
    const rows = await db.select({ id: bookings.id, attendance: bookings.attendance }).from(bookings).where(eq(bookings.sessionId, s.session.id));
    const byId = Object.fromEntries(rows.map((r) => [r.id, r.attendance]));
    expect(byId).toEqual({ [s.booking.id]: "attended", [otherBooking.id]: "attended", [thirdBooking.id]: "no_show" });
  });
});

describe("correcting a mark puts the referral back where the facts say", () => {
  it("undoing the only attended mark moves the referral back to booked, through the lifecycle, with a timeline event", async () => {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access });
    expect((await referralRow(s.referral.id)).status).toBe("attending");
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "unmarked", access });
    expect((await referralRow(s.referral.id)).status).toBe("booked");
    const statuses = (await eventsOf(s.referral.id)).filter((e) => e.kind === "status");
    expect(statuses.map((e) => `${e.fromStatus}→${e.toStatus}`)).toEqual(["booked→attending", "attending→booked"]);
    expect(statuses[1]).toMatchObject({ actorType: "user", actorUserId: s.organiser.id, data: { bookingId: s.booking.id, sessionId: s.session.id } });
    expect(statuses[1].note).toMatch(/"attended" mark for .* was undone or changed/);
    // Undone before the news went: the referrer never hears of it.
    expect(await emailsTo(s.referrer.email)).toHaveLength(0);
    // Marking again moves it forward again, and the news waits again.
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access });
    expect((await referralRow(s.referral.id)).status).toBe("attending");
    expect((await receivedBy(s.referrer.email, afterTheWait())).map((m) => m.subject)).toEqual([`${s.referral.code}: attended ${s.activity.title}`]);
  });

  it("once the news went, an undo sends a correction, and a new answer says it corrects the last email", async () => {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    const mark = (attendance: "attended" | "no_show" | "unmarked") => markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance, access });
    await mark("attended");
    await receivedBy(s.referrer.email, afterTheWait());
    await mark("unmarked");
    await mark("no_show");
    // The correction was still waiting when the new answer came: only the new answer goes, saying it corrects.
    const mail = await receivedBy(s.referrer.email, new Date(afterTheWait().getTime() + ATTENDANCE_NOTICE_DELAY_MS));
    expect(mail.map((m) => m.subject)).toEqual([`${s.referral.code}: attended ${s.activity.title}`, `${s.referral.code}: did not attend ${s.activity.title}`]);
    expect(mail[1].text).toContain("This corrects our earlier email about this session.");
    // Taken back again after that went: a plain correction.
    await mark("unmarked");
    const later = await receivedBy(s.referrer.email, new Date(Date.now() + 3 * ATTENDANCE_NOTICE_DELAY_MS));
    expect(later.at(-1)?.subject).toBe(`${s.referral.code}: correction about ${s.activity.title}`);
    expect(later.at(-1)?.text).toContain("no longer says whether");
    expect(later).toHaveLength(3);
  });

  it("an undo put right before its correction goes sends nothing more: the referrer was already told that", async () => {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    const mark = (attendance: "attended" | "unmarked") => markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance, access });
    await mark("attended");
    await receivedBy(s.referrer.email, afterTheWait());
    await mark("unmarked");
    await mark("attended");
    expect(await receivedBy(s.referrer.email, new Date(Date.now() + 3 * ATTENDANCE_NOTICE_DELAY_MS))).toHaveLength(1);
  });

  it("correcting attended to did not attend also moves it back, and tells the referrer only about the no-show", async () => {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access });
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "no_show", access });
    expect((await referralRow(s.referral.id)).status).toBe("booked");
    // Corrected within the wait: the referrer only ever hears the right answer.
    expect((await receivedBy(s.referrer.email, afterTheWait())).map((m) => m.subject)).toEqual([`${s.referral.code}: did not attend ${s.activity.title}`]);
  });

  it("stays attending while another session is still marked attended", async () => {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    const earlier = await createSession(s.activity.id, { startsAt: new Date(Date.now() - 7 * DAY) });
    const earlierBooking = await createBooking(s.referral.id, earlier.id);
    await markAttendance({ sessionId: earlier.id, bookingId: earlierBooking.id, attendance: "attended", access });
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access });
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "unmarked", access });
    expect((await referralRow(s.referral.id)).status).toBe("attending");
    expect((await eventsOf(s.referral.id)).filter((e) => e.kind === "status")).toHaveLength(1);
  });

  it("the person changing \"I went\" to \"I could not go\" moves it back too", async () => {
    const s = await scene();
    const token = await createPersonLink(s.referral.id);
    await recordSelfReport({ token, bookingId: s.booking.id, report: "went" });
    expect((await referralRow(s.referral.id)).status).toBe("attending");
    await recordSelfReport({ token, bookingId: s.booking.id, report: "missed" });
    expect((await referralRow(s.referral.id)).status).toBe("booked");
    expect((await eventsOf(s.referral.id)).filter((e) => e.kind === "status").at(-1)).toMatchObject({
      fromStatus: "attending",
      toStatus: "booked",
      actorType: "person",
    });
  });

  it("undoing the did-not-attend that flagged a stall clears the stall; undoing one that still leaves two in a row does not", async () => {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    const earlier = await createSession(s.activity.id, { startsAt: new Date(Date.now() - 8 * DAY) });
    const earlierBooking = await createBooking(s.referral.id, earlier.id);
    await markAttendance({ sessionId: earlier.id, bookingId: earlierBooking.id, attendance: "no_show", access });
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "no_show", access });
    expect((await referralRow(s.referral.id)).stalledReason).toBe("two_no_shows");
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "unmarked", access });
    const cleared = await referralRow(s.referral.id);
    expect(cleared).toMatchObject({ stalledAt: null, stalledReason: null, status: "booked" });
    expect((await eventsOf(s.referral.id)).at(-1)).toMatchObject({ kind: "note", note: "No longer stalled: a missed session was corrected" });

    // Three misses in a row: undoing the last still leaves two in a row, so it stays stalled.
    const t = await scene();
    const tAccess = { type: "user" as const, userId: t.organiser.id };
    for (const days of [12, 6]) {
      const past = await createSession(t.activity.id, { startsAt: new Date(Date.now() - days * DAY) });
      const booking = await createBooking(t.referral.id, past.id);
      await markAttendance({ sessionId: past.id, bookingId: booking.id, attendance: "no_show", access: tAccess });
    }
    await markAttendance({ sessionId: t.session.id, bookingId: t.booking.id, attendance: "no_show", access: tAccess });
    const stalledAt = (await referralRow(t.referral.id)).stalledAt;
    expect(stalledAt).not.toBeNull();
    await markAttendance({ sessionId: t.session.id, bookingId: t.booking.id, attendance: "unmarked", access: tAccess });
    expect((await referralRow(t.referral.id)).stalledAt).toEqual(stalledAt);
  });
});

describe("refused register changes write nothing", () => {
  it("refuses a session that has not started", async () => {
    const s = await scene();
    const future = await createSession(s.activity.id, { startsAt: new Date(Date.now() + 2 * HOUR_MS) });
    const booking = await createBooking(s.referral.id, future.id);
    await expectRefused(
      () => markAttendance({ sessionId: future.id, bookingId: booking.id, attendance: "attended", access: { type: "user", userId: s.organiser.id } }),
      "not_started",
    );
    await expectRefused(() => markEveryoneAttended({ sessionId: future.id, access: { type: "user", userId: s.organiser.id } }), "not_started");
  });

  it("refuses someone not booked on the session: unknown, cancelled, waitlisted, or booked elsewhere", async () => {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    const otherSession = await createSession(s.activity.id, { startsAt: new Date(Date.now() - 2 * HOUR_MS) });
    const elsewhere = await createBooking(s.referral.id, otherSession.id);
    const cancelledReferral = await createReferral({ activityId: s.activity.id, status: "accepted" });
    const cancelled = await createBooking(cancelledReferral.id, s.session.id, { status: "cancelled" });
    const waitlistedReferral = await createReferral({ activityId: s.activity.id, status: "accepted" });
    const waitlisted = await createBooking(waitlistedReferral.id, s.session.id, { status: "waitlisted" });
    for (const bookingId of [elsewhere.id, cancelled.id, waitlisted.id, "00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      await expectRefused(() => markAttendance({ sessionId: s.session.id, bookingId, attendance: "attended", access }), "not_booked");
    }
  });

  it("refuses a member of another organisation, and someone in no organisation", async () => {
    const s = await scene();
    const otherOrg = await createOrganisation({ kind: "provider" });
    const outsider = await createUser();
    await addMember(otherOrg.id, outsider.id, "owner");
    await expectRefused(
      () => markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access: { type: "user", userId: outsider.id } }),
      "not_found",
    );
    await expectRefused(
      () => markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access: { type: "user", userId: s.referrer.id } }),
      "not_found",
    );
    expect(await loadRegister(s.session.id, { type: "user", userId: outsider.id })).toBeNull();
    await expectRefused(() => addWalkIn({ sessionId: s.session.id, userId: outsider.id, person: { firstName: "Ann", lastName: "B" } }), "not_found");
  });

  it("refuses a cancelled session", async () => {
    const s = await scene();
    const db = await getDb();
    await db.update(sessions).set({ status: "cancelled" }).where(eq(sessions.id, s.session.id));
    await expectRefused(
      () => markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access: { type: "user", userId: s.organiser.id } }),
      "cancelled",
    );
  });

  it("locks the register 14 days after the session until an admin reopens it", async () => {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    const later = new Date(s.session.endsAt.getTime() + 14 * DAY + 1000);
    await expectRefused(() => markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access, now: later }), "locked");
    const view = await loadRegister(s.session.id, { type: "user", userId: s.organiser.id }, { now: later });
    expect(view?.state).toBe("locked");
    expect(view?.stateMessage).toContain("closed");
    await expect(reopenRegister({ sessionId: s.session.id, userId: s.organiser.id, now: later })).rejects.toMatchObject({ problem: "not_allowed" });
    const admin = await createUser({ isAdmin: true });
    expect((await loadRegister(s.session.id, { type: "user", userId: admin.id }, { now: later }))?.viewer).toMatchObject({ kind: "admin", canReopen: true, canMark: false });
    await reopenRegister({ sessionId: s.session.id, userId: admin.id, now: later });
    const result = await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access, now: new Date(later.getTime() + HOUR_MS) });
    expect(result.changed).toBe(true);
    const db = await getDb();
    const audit = await queryRows<{ action: string }>(db, sql`select action from audit_log where target_id = ${s.session.id} order by action`);
    expect(audit.map((a) => a.action)).toEqual(["register.reopen", "register.viewed_by_admin"]);
  });
});

describe("an administrator and a register", () => {
  const fromAddress = { "x-linkway-client-ip": "203.0.113.7" };

  it("an admin outside the organisation may open a register and reopen it; both are in the audit log with their address, filterable on /admin/audit", async () => {
    const s = await scene();
    const admin = await createUser({ isAdmin: true });
    const locked = await createSession(s.activity.id, { startsAt: new Date(Date.now() - 20 * DAY) });
    const page = await callRoute(registerPage, await requestAs(admin.id, `/sessions/${locked.id}/register`, { headers: fromAddress }), { id: locked.id });
    expect(page.status).toBe(200);
    expect(page.body.view.viewer).toMatchObject({ kind: "admin", canReopen: true, canMark: false });
    const reopened = await callRoute(registerAction, await requestAs(admin.id, `/sessions/${locked.id}/register`, { form: { intent: "reopen" }, headers: fromAddress }), { id: locked.id });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ intent: "reopen", ok: true });

    for (const action of ["register.viewed_by_admin", "register.reopen"]) {
      const audit = await callRoute(auditPage, await requestAs(admin.id, `/admin/audit?action=${action}`));
      expect(audit.body.filter.action).toBe(action);
      const rows = audit.body.rows.filter((r: { target: string }) => r.target.endsWith(locked.id));
      expect(rows, action).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action, ip: "203.0.113.7" });
      expect(rows[0].label).not.toBe(action);
    }
  });

  it("a member opening their own register is not logged", async () => {
    const s = await scene();
    const page = await callRoute(registerPage, await requestAs(s.organiser.id, `/sessions/${s.session.id}/register`, { headers: fromAddress }), { id: s.session.id });
    expect(page.body.view.viewer.kind).toBe("member");
    const db = await getDb();
    expect(await queryRows(db, sql`select 1 from audit_log where target_id = ${s.session.id}`)).toHaveLength(0);
  });
});

describe("walk-ins", () => {
  it("records a self-referral on the spot, booked and attended", async () => {
    const s = await scene();
    const before = (await getDb()).select().from(sessions).where(eq(sessions.id, s.session.id));
    const bookedBefore = (await before)[0].bookedCount;
    const walkIn = await addWalkIn({ sessionId: s.session.id, userId: s.organiser.id, person: { firstName: "Joan", lastName: "Smith", email: "joan@example.test" } });
    expect(walkIn.name).toBe("Joan S.");
    expect(walkIn.code).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    const referral = await referralRow(walkIn.referralId);
    expect(referral).toMatchObject({ source: "walk_in", status: "attending", referrerUserId: null, personEmail: "joan@example.test" });
    expect(referral.consentAt).toBeInstanceOf(Date);
    expect(referral.linkExpiresAt.getTime()).toBeGreaterThan(Date.now() + 50 * DAY);
    // Through the referral lifecycle like any other referral: opened, accepted, booked, then attending once marked.
    const events = await eventsOf(walkIn.referralId);
    expect(events.map((e) => (e.kind === "status" ? `${e.fromStatus ?? "new"}→${e.toStatus}` : e.kind))).toEqual([
      "new→sent",
      "sent→accepted",
      "booking",
      "accepted→booked",
      "attendance",
      "booked→attending",
    ]);
    // Told nothing by email on the spot: they are in the room.
    expect(await emailsTo("joan@example.test")).toHaveLength(0);
    const [after] = await (await getDb()).select().from(sessions).where(eq(sessions.id, s.session.id));
    expect(after.bookedCount).toBe(bookedBefore + 1);
    const view = await loadRegister(s.session.id, { type: "user", userId: s.organiser.id });
    expect(view?.people.find((p) => p.bookingId === walkIn.bookingId)).toMatchObject({ name: "Joan S.", attendance: "attended", walkIn: true });
  });

  it("does not add the same walk-in twice", async () => {
    const s = await scene();
    await addWalkIn({ sessionId: s.session.id, userId: s.organiser.id, person: { firstName: "Joan", lastName: "Smith" } });
    await expectRefused(() => addWalkIn({ sessionId: s.session.id, userId: s.organiser.id, person: { firstName: "joan", lastName: "smith" } }), "not_booked");
  });
});

describe("the person's own report", () => {
  it("counts while the organiser has not marked, and the organiser's mark wins", async () => {
    const s = await scene();
    const token = await createPersonLink(s.referral.id);
    expect(await loadSelfReport(token, s.booking.id)).toMatchObject({ open: true, selfReported: null, activityTitle: s.activity.title });
    expect(await recordSelfReport({ token, bookingId: s.booking.id, report: "went" })).toEqual({ ok: true });
    expect((await referralRow(s.referral.id)).status).toBe("attending");
    const event = (await eventsOf(s.referral.id)).find((e) => e.kind === "self_report");
    expect(event).toMatchObject({ actorType: "person", data: { bookingId: s.booking.id, selfReported: "went", previous: null } });
    expect((await emailsTo(s.referrer.email))[0].text).toContain("told us they went");

    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "no_show", access: { type: "user", userId: s.organiser.id } });
    const db = await getDb();
    const [booking] = await db.select().from(bookings).where(eq(bookings.id, s.booking.id));
    expect(booking).toMatchObject({ attendance: "no_show", selfReported: "went" });
    const view = await loadRegister(s.session.id, { type: "user", userId: s.organiser.id });
    expect(view?.people[0]).toMatchObject({ attendance: "no_show", selfReported: "went" });
    // The person changing their mind after the organiser marked changes nothing for the referrer.
    const mailBefore = (await emailsTo(s.referrer.email)).length;
    await recordSelfReport({ token, bookingId: s.booking.id, report: "missed" });
    expect(await emailsTo(s.referrer.email)).toHaveLength(mailBefore);
  });

  it("refuses another person's booking, a bad or expired link, and a session not yet started", async () => {
    const s = await scene();
    const token = await createPersonLink(s.referral.id);
    const other = await createReferral({ activityId: s.activity.id, status: "booked" });
    const otherBooking = await createBooking(other.id, s.session.id);
    const expired = await createPersonLink(s.referral.id, { expiresAt: new Date(Date.now() - 1000) });
    const future = await createSession(s.activity.id, { startsAt: new Date(Date.now() + DAY) });
    const futureBooking = await createBooking(s.referral.id, future.id);
    const before = await snapshot();
    expect(await recordSelfReport({ token, bookingId: otherBooking.id, report: "went" })).toMatchObject({ ok: false, status: 404 });
    expect(await recordSelfReport({ token: expired, bookingId: s.booking.id, report: "went" })).toMatchObject({ ok: false, status: 404 });
    expect(await recordSelfReport({ token: `${token}x`, bookingId: s.booking.id, report: "went" })).toMatchObject({ ok: false, status: 404 });
    expect(await recordSelfReport({ token, bookingId: futureBooking.id, report: "went" })).toMatchObject({ ok: false, status: 409 });
    expect(await snapshot()).toEqual(before);
  });
});

describe("stalls and completion over time", () => {
  it("flags an accepted referral with no booking after STALL_NO_BOOKING_DAYS, once", async () => {
    const s = await scene();
    const accepted = await createReferral({
      activityId: s.activity.id,
      referrerUserId: s.referrer.id,
      status: "accepted",
      statusChangedAt: new Date(Date.now() - 15 * DAY),
    });
    const recent = await createReferral({ activityId: s.activity.id, status: "accepted", statusChangedAt: new Date(Date.now() - 3 * DAY) });
    const waitlisted = await createReferral({ activityId: s.activity.id, status: "accepted", statusChangedAt: new Date(Date.now() - 20 * DAY) });
    await createBooking(waitlisted.id, s.session.id, { status: "waitlisted" });
    expect(await flagReferralsWithoutBooking({ days: 14 })).toBe(1);
    expect(await flagReferralsWithoutBooking({ days: 14 })).toBe(0);
    expect((await referralRow(accepted.id)).stalledReason).toBe("no_booking");
    expect((await referralRow(recent.id)).stalledAt).toBeNull();
    expect((await referralRow(waitlisted.id)).stalledAt).toBeNull();
    const mail = await emailsTo(s.referrer.email);
    expect(mail.at(-1)?.subject).toBe(`${accepted.code}: this referral needs your attention`);
    expect(mail.at(-1)?.text).toContain("book a session with them over the phone");
  });

  it("clears a no-booking stall when the person books, so nobody chases them and they are not closed as disengaged", async () => {
    const s = await scene();
    const accepted = await createReferral({
      activityId: s.activity.id,
      referrerUserId: s.referrer.id,
      referrerOrganisationId: s.referrerOrg.id,
      status: "accepted",
      statusChangedAt: new Date(Date.now() - 15 * DAY),
    });
    await flagReferralsWithoutBooking({ days: 14 });
    expect((await referralRow(accepted.id)).stalledReason).toBe("no_booking");

    const upcoming = await createSession(s.activity.id);
    const token = await createPersonLink(accepted.id);
    expect(await performPersonAction(token, { intent: "book", sessionId: upcoming.id })).toMatchObject({ ok: true });
    expect(await referralRow(accepted.id)).toMatchObject({ status: "booked", stalledAt: null, stalledReason: null });
    expect((await eventsOf(accepted.id)).map((e) => e.note)).toContain("Booked a session, so no longer stalled");
  });

  it("completes people still attending once the programme has ended, not open-ended groups", async () => {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access });
    // One-off sessions with no open-ended schedule: the programme ends with the last session.
    await completeFinishedProgrammes({ now: new Date(s.session.endsAt.getTime() - 1000) });
    expect((await referralRow(s.referral.id)).status).toBe("attending");
    expect(await completeFinishedProgrammes({ now: new Date(s.session.endsAt.getTime() + 1000) })).toBeGreaterThanOrEqual(1);
    expect((await referralRow(s.referral.id)).status).toBe("completed");
    expect((await eventsOf(s.referral.id)).at(-1)).toMatchObject({ toStatus: "completed", actorType: "system", note: "The programme has ended" });

    const weekly = await scene();
    const db = await getDb();
    await db.execute(sql`insert into schedules (activity_id, rrule, starts_on, start_time, duration_minutes) values (${weekly.activity.id}, 'FREQ=WEEKLY;BYDAY=TU', '2026-01-06', '10:00', 60)`);
    await markAttendance({ sessionId: weekly.session.id, bookingId: weekly.booking.id, attendance: "attended", access: { type: "user", userId: weekly.organiser.id } });
    await completeFinishedProgrammes({ now: new Date(Date.now() + 30 * DAY) });
    expect((await referralRow(weekly.referral.id)).status).toBe("attending");
  });

  it("lets a member of the referring organisation mark an attending referral completed from its page; others cannot", async () => {
    const s = await scene();
    const { action } = await import("~/routes/referrals.$id/route");
    const complete = (userId: string, note = "") => requestAs(userId, `/referrals/${s.referral.id}`, { form: { formId: "complete", note } }).then((request) => callRoute(action, request, { id: s.referral.id }));
    const otherTeam = await createOrganisation({ kind: "referrer" });
    const outsider = await createUser();
    await addMember(otherTeam.id, outsider.id, "owner");
    expect((await complete(outsider.id)).status).toBe(404);
    expect((await complete(s.organiser.id)).status).toBe(403);
    // booked → completed is not a legal move.
    expect((await complete(s.referrer.id)).status).toBe(409);
    expect((await referralRow(s.referral.id)).status).toBe("booked");
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access: { type: "user", userId: s.organiser.id } });
    const colleague = await createUser();
    await addMember(s.referrerOrg.id, colleague.id, "member");
    expect(await complete(colleague.id, "Going well on her own now")).toMatchObject({ status: 302, location: `/referrals/${s.referral.id}` });
    expect((await referralRow(s.referral.id)).status).toBe("completed");
    expect((await eventsOf(s.referral.id)).at(-1)).toMatchObject({ toStatus: "completed", note: "Going well on her own now", actorUserId: colleague.id });
  });

  it("drops a closed referral's stall flag, keeping the stalled event on its timeline", async () => {
    const s = await scene();
    const db = await getDb();
    await db.update(referrals).set({ status: "accepted" }).where(eq(referrals.id, s.referral.id));
    await db.update(bookings).set({ status: "cancelled" }).where(eq(bookings.id, s.booking.id));
    await flagReferralsWithoutBooking({ days: 0, now: new Date(Date.now() + DAY) });
    expect((await referralRow(s.referral.id)).stalledReason).toBe("no_booking");
    await withdrawReferral({ referralId: s.referral.id, organisationIds: [s.referrerOrg.id], userId: s.referrer.id, reason: "Moved away" });
    expect(await referralRow(s.referral.id)).toMatchObject({ status: "withdrawn", stalledAt: null, stalledReason: null });
    expect((await eventsOf(s.referral.id)).map((e) => e.kind)).toContain("stalled");
  });
});

describe("disengaged after a long stall", () => {
  /** A referral stalled now by two no-shows in a row (the later session started an hour ago). */
  async function stalledScene() {
    const s = await scene();
    const access = { type: "user" as const, userId: s.organiser.id };
    const earlier = await createSession(s.activity.id, { startsAt: new Date(Date.now() - 7 * DAY) });
    const earlierBooking = await createBooking(s.referral.id, earlier.id);
    await markAttendance({ sessionId: earlier.id, bookingId: earlierBooking.id, attendance: "no_show", access });
    await markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "no_show", access });
    const stalled = await referralRow(s.referral.id);
    expect(stalled.stalledReason).toBe("two_no_shows");
    return { ...s, stalledAt: stalled.stalledAt! };
  }
  const after = (from: Date, days: number) => new Date(from.getTime() + days * DAY + 60_000);

  it("ends a referral still stalled DISENGAGE_AFTER_STALL_DAYS later as disengaged, tells the referrer, not the person", async () => {
    const s = await stalledScene();
    // Other tests in this file leave stalled referrals too, so each check looks at this one.
    await disengageStalledReferrals({ now: after(s.stalledAt, 27) });
    expect((await referralRow(s.referral.id)).status).toBe("booked");
    // The default period is 28 days.
    expect(await disengageStalledReferrals({ now: after(s.stalledAt, 28) })).toBeGreaterThanOrEqual(1);
    const row = await referralRow(s.referral.id);
    expect(row).toMatchObject({ status: "disengaged", stalledAt: null, stalledReason: null });
    const last = (await eventsOf(s.referral.id)).at(-1);
    expect(last).toMatchObject({ kind: "status", fromStatus: "booked", toStatus: "disengaged", actorType: "system" });
    expect(last?.note).toBe("Stalled (did not attend two sessions in a row), then nothing booked or attended for 28 days");
    const mail = (await emailsTo(s.referrer.email)).at(-1)!;
    expect(mail.subject).toBe(`Referral ${s.referral.code}: closed as stopped going`);
    expect(mail.text).toContain("did not attend two sessions in a row");
    expect(mail.text).toContain(`/referrals/${s.referral.id}`);
    expect(await emailsTo(s.referral.personEmail!)).toHaveLength(0);
    await disengageStalledReferrals({ now: after(s.stalledAt, 40) });
    expect((await eventsOf(s.referral.id)).filter((e) => e.toStatus === "disengaged")).toHaveLength(1);
  });

  it("waits while a place is booked ahead, and counts from the last booked session after the stall", async () => {
    const s = await stalledScene();
    const next = await createSession(s.activity.id, { startsAt: new Date(s.stalledAt.getTime() + 10 * DAY) });
    await createBooking(s.referral.id, next.id);
    // Booked ahead: never ended while that session is still to come.
    await disengageStalledReferrals({ now: after(s.stalledAt, 9), days: 5 });
    expect((await referralRow(s.referral.id)).status).toBe("booked");
    // That session passed unmarked: the period runs from it, not from the stall.
    await disengageStalledReferrals({ now: after(s.stalledAt, 30) });
    expect((await referralRow(s.referral.id)).status).toBe("booked");
    await disengageStalledReferrals({ now: after(s.stalledAt, 38) });
    expect((await referralRow(s.referral.id)).status).toBe("disengaged");
  });

  it("leaves a stalled referral that never started (accepted, nothing booked) to expire instead, and one going again alone", async () => {
    const s = await scene();
    const accepted = await createReferral({
      activityId: s.activity.id,
      referrerUserId: s.referrer.id,
      status: "accepted",
      statusChangedAt: new Date(Date.now() - 15 * DAY),
    });
    await flagReferralsWithoutBooking({ days: 14 });
    expect((await referralRow(accepted.id)).stalledReason).toBe("no_booking");
    const going = await stalledScene();
    await markAttendance({ sessionId: going.session.id, bookingId: going.booking.id, attendance: "attended", access: { type: "user", userId: going.organiser.id } });
    await disengageStalledReferrals({ now: new Date(Date.now() + 60 * DAY) });
    expect((await referralRow(accepted.id)).status).toBe("accepted");
    expect((await referralRow(going.referral.id)).status).toBe("attending");
  });
});

describe("concurrent marks", () => {
  const onPostgres = Boolean(process.env.TEST_SERVER_DATABASE_URL);
  it.skipIf(!onPostgres)(
    "two organisers marking the same person at once end in one state, the last write logged last (PostgreSQL only: PGlite has a single connection)",
    async () => {
      for (let round = 0; round < 5; round++) {
        const s = await scene();
        const colleague = await createUser();
        await addMember(s.provider.id, colleague.id, "member");
        await Promise.all([
          markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access: { type: "user", userId: s.organiser.id } }),
          markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "no_show", access: { type: "user", userId: colleague.id } }),
        ]);
        const db = await getDb();
        const [booking] = await db.select().from(bookings).where(eq(bookings.id, s.booking.id));
        const marks = (await eventsOf(s.referral.id)).filter((e) => e.kind === "attendance");
        expect(marks).toHaveLength(2);
        expect(marks[0].data?.previous).toBe("unmarked");
        expect(marks[1].data?.previous).toBe(marks[0].data?.attendance);
        expect(booking.attendance).toBe(marks[1].data?.attendance);
        expect(booking.markedBy).toBe(marks[1].actorUserId);
      }
    },
  );
  if (!onPostgres) {
    it("concurrent marks are tested on PostgreSQL only (set DATABASE_URL): PGlite runs one connection", () => {
      expect(onPostgres).toBe(false);
    });
  }
});

describe("register view", () => {
  it("shows first name, last initial and reference code, nothing else", async () => {
    const s = await scene();
    const view = await loadRegister(s.session.id, { type: "user", userId: s.organiser.id });
    expect(view?.people).toEqual([
      { bookingId: s.booking.id, name: `Margaret ${s.referral.personLastName[0]}.`, code: s.referral.code, attendance: "unmarked", selfReported: null, walkIn: false },
    ]);
    expect(JSON.stringify(view)).not.toContain(s.referral.personEmail!);
    expect(view?.viewer).toMatchObject({ kind: "member", canMark: true, canAddWalkIn: true });
  });

  it("lists nothing but the live bookings", async () => {
    const s = await scene();
    const gone = await createReferral({ activityId: s.activity.id, status: "accepted" });
    await createBooking(gone.id, s.session.id, { status: "cancelled" });
    const view = await loadRegister(s.session.id, { type: "user", userId: s.organiser.id });
    expect(view?.people.map((p) => p.bookingId)).toEqual([s.booking.id]);
    const db = await getDb();
    const all = await db.select().from(bookings).where(and(eq(bookings.sessionId, s.session.id)));
    expect(all).toHaveLength(2);
  });
});
