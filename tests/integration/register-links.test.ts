/**
 * One-tap register links: sent once per session after it ends, scoped to that
 * session's register, marking only, refused when expired, superseded, for
 * another session or for a cancelled session. Also the organiser page's edges.
 */
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, queryRows } from "../../db/client";
import { bookings, referralEvents, sessions } from "../../db/schema";
import { markAttendance, sendRegisterLinks, requestNewRegisterLink } from "~/modules/attendance/index.server";
import * as linkRoute from "~/routes/register_.$token/route";
import * as organiserRoute from "~/routes/sessions_.$id_.register/route";
import { addMember, createActivity, createOrganisation, createSession, createUser } from "../factories";
import { createBooking, createReferral } from "../factories/referral-rows";
import { requestAs } from "../setup/auth";
import { HOUR_MS } from "~/utils/time";
import { emailsTo } from "../factories/mail";

const DAY = 24 * HOUR_MS;

async function scene(options: { contactEmail?: string | null } = {}) {
  const provider = await createOrganisation({ kind: "provider" });
  const organiser = await createUser();
  await addMember(provider.id, organiser.id, "owner");
  const contactEmail = options.contactEmail === undefined ? `contact-${Math.random().toString(36).slice(2)}@example.test` : options.contactEmail;
  const activity = await createActivity({ organisationId: provider.id, contactEmail });
  // Ended half an hour ago.
  const session = await createSession(activity.id, { startsAt: new Date(Date.now() - 2 * HOUR_MS) });
  const referral = await createReferral({ activityId: activity.id, status: "booked" });
  const booking = await createBooking(referral.id, session.id);
  return { provider, organiser, activity, session, referral, booking, contactEmail };
}


function tokenFrom(text: string): string {
  const match = /\/register\/([a-z0-9]+\.[a-z0-9]+)/.exec(text);
  if (!match) throw new Error(`no register link in: ${text}`);
  return match[1];
}

async function sendLinkFor(s: Awaited<ReturnType<typeof scene>>) {
  await sendRegisterLinks();
  const mail = await emailsTo(s.contactEmail!);
  return tokenFrom(mail.at(-1)!.text);
}

/** The body and status of what a loader or action returned (data() or a plain object). */
function unwrap(result: unknown): { status: number; body: Record<string, unknown> } {
  if (result && typeof result === "object" && "type" in result && (result as { type: string }).type === "DataWithResponseInit") {
    const r = result as unknown as { data: Record<string, unknown>; init: { status?: number } | null };
    return { status: r.init?.status ?? 200, body: r.data };
  }
  return { status: 200, body: result as Record<string, unknown> };
}

async function caught(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

async function counts() {
  const db = await getDb();
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*)::int from referral_events) as events, (select count(*)::int from bookings where attendance <> 'unmarked') as marked, (select count(*)::int from referrals) as referrals`,
  );
  return row;
}

const args = (request: Request, params: Record<string, string>) => ({ request, params, context: {} }) as never;

describe("sending the one-tap link", () => {
  it("emails the activity's contact once per ended session with a live booking", async () => {
    const s = await scene();
    const empty = await createSession(s.activity.id, { startsAt: new Date(Date.now() - 3 * HOUR_MS) });
    const upcoming = await createSession(s.activity.id, { startsAt: new Date(Date.now() + HOUR_MS) });
    await createBooking((await createReferral({ activityId: s.activity.id })).id, upcoming.id);
    await sendRegisterLinks();
    const mail = await emailsTo(s.contactEmail!);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe(`Who came to ${s.activity.title}? Mark the register`);
    expect(mail[0].text).toContain("1 person was booked");
    expect(mail[0].text).toMatch(/\/register\/[a-z0-9]+\.[a-z0-9]+/);
    const db = await getDb();
    const rows = await db.select().from(sessions).where(eq(sessions.activityId, s.activity.id)).orderBy(asc(sessions.startsAt));
    const sent = Object.fromEntries(rows.map((r) => [r.id, r.registerLinkSentAt !== null]));
    expect(sent).toEqual({ [empty.id]: false, [s.session.id]: true, [upcoming.id]: false });
    // The token is stored hashed: the secret never appears in the database.
    const token = tokenFrom(mail[0].text);
    const stored = await queryRows<{ subject_id: string; secret_hash: unknown }>(db, sql`select subject_id, secret_hash from one_time_tokens where purpose = 'register_link'`);
    expect(stored.find((t) => t.subject_id === s.session.id)).toBeTruthy();
    expect(JSON.stringify(stored)).not.toContain(token.split(".")[1]);

    await sendRegisterLinks();
    expect(await emailsTo(s.contactEmail!)).toHaveLength(1);
  });

  it("goes to the organisation's owners when the activity has no contact email", async () => {
    const s = await scene({ contactEmail: null });
    await sendRegisterLinks();
    expect(await emailsTo(s.organiser.email)).toHaveLength(1);
  });
});

describe("using the one-tap link", () => {
  it("opens that session's register and marks attendance without signing in", async () => {
    const s = await scene();
    const token = await sendLinkFor(s);
    const loaded = unwrap(await linkRoute.loader(args(await requestAs(null, `/register/${token}`), { token })));
    expect(loaded.status).toBe(200);
    const view = loaded.body.view as { sessionId: string; people: { bookingId: string }[]; viewer: Record<string, unknown> };
    expect(view.sessionId).toBe(s.session.id);
    expect(view.people.map((p) => p.bookingId)).toEqual([s.booking.id]);
    expect(view.viewer).toMatchObject({ kind: "link", canMark: true, canAddWalkIn: false, canReopen: false });

    const form = { intent: "mark", bookingId: s.booking.id, attendance: "attended" };
    const result = unwrap(await linkRoute.action(args(await requestAs(null, `/register/${token}`, { form }), { token })));
    expect(result).toMatchObject({ status: 200, body: { ok: true } });
    const db = await getDb();
    const [booking] = await db.select().from(bookings).where(eq(bookings.id, s.booking.id));
    expect(booking).toMatchObject({ attendance: "attended", markedBy: null });
    const [event] = await db.select().from(referralEvents).where(eq(referralEvents.kind, "attendance"));
    expect(event).toMatchObject({ referralId: s.referral.id, actorType: "register_link", actorUserId: null });

    // Used again (a register is marked more than once) it still works for marking.
    const again = unwrap(await linkRoute.action(args(await requestAs(null, `/register/${token}`, { form: { ...form, attendance: "no_show" } }), { token })));
    expect(again.status).toBe(200);
  });

  it("marks nothing else: not walk-ins, not another session's bookings", async () => {
    const s = await scene();
    const other = await scene();
    const token = await sendLinkFor(s);
    const before = await counts();
    const walkIn = unwrap(
      await linkRoute.action(args(await requestAs(null, `/register/${token}`, { form: { intent: "walk_in", firstName: "A", lastName: "B", consent: "on" } }), { token })),
    );
    expect(walkIn.status).toBe(403);
    const elsewhere = unwrap(
      await linkRoute.action(args(await requestAs(null, `/register/${token}`, { form: { intent: "mark", bookingId: other.booking.id, attendance: "attended" } }), { token })),
    );
    expect(elsewhere).toMatchObject({ status: 409, body: { ok: false, error: expect.stringContaining("not booked on this session") } });
    // Straight to the module: a token for session A cannot mark session B.
    await expect(
      markAttendance({ sessionId: other.session.id, bookingId: other.booking.id, attendance: "attended", access: { type: "register_link", token } }),
    ).rejects.toMatchObject({ problem: "link_other_session", status: 403 });
    // Nor open the organiser's page for any session.
    const redirect = await caught(organiserRoute.loader(args(await requestAs(null, `/sessions/${s.session.id}/register`), { id: s.session.id })));
    expect(redirect.status).toBe(302);
    expect(await counts()).toEqual(before);
  });

  it("refuses an expired link, a superseded link, a tampered link and a cancelled session's link", async () => {
    const s = await scene();
    const token = await sendLinkFor(s);
    const form = { intent: "mark", bookingId: s.booking.id, attendance: "attended" };
    const before = await counts();

    // Expired: 14 days after the session ends.
    const late = new Date(s.session.endsAt.getTime() + 14 * DAY + 1000);
    await expect(
      markAttendance({ sessionId: s.session.id, bookingId: s.booking.id, attendance: "attended", access: { type: "register_link", token }, now: late }),
    ).rejects.toMatchObject({ problem: "link_expired", status: 410 });

    // Tampered.
    const [id, secret] = token.split(".");
    const tampered = `${id}.${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`;
    const tamperedPage = unwrap(await linkRoute.loader(args(await requestAs(null, `/register/${tampered}`), { token: tampered })));
    expect(tamperedPage).toMatchObject({ status: 404, body: { view: null, refused: expect.stringContaining("does not work") } });
    const tamperedPost = unwrap(await linkRoute.action(args(await requestAs(null, `/register/${tampered}`, { form }), { token: tampered })));
    expect(tamperedPost.status).toBe(404);

    // Superseded: the organiser asked for a new link.
    await requestNewRegisterLink({ sessionId: s.session.id, userId: s.organiser.id });
    const oldPage = unwrap(await linkRoute.loader(args(await requestAs(null, `/register/${token}`), { token })));
    expect(oldPage).toMatchObject({ status: 410, body: { refused: expect.stringContaining("newer register link") } });
    const oldPost = unwrap(await linkRoute.action(args(await requestAs(null, `/register/${token}`, { form }), { token })));
    expect(oldPost.status).toBe(410);
    const newToken = tokenFrom((await emailsTo(s.contactEmail!)).at(-1)!.text);
    expect(newToken).not.toBe(token);
    expect(await counts()).toEqual({ ...before, events: before.events });

    // Cancelled session.
    const db = await getDb();
    await db.update(sessions).set({ status: "cancelled", cancelReason: "Flooded hall" }).where(eq(sessions.id, s.session.id));
    const cancelledPage = unwrap(await linkRoute.loader(args(await requestAs(null, `/register/${newToken}`), { token: newToken })));
    expect(cancelledPage.body.view).toMatchObject({ state: "cancelled", viewer: { canMark: false } });
    const cancelledPost = unwrap(await linkRoute.action(args(await requestAs(null, `/register/${newToken}`, { form }), { token: newToken })));
    expect(cancelledPost).toMatchObject({ status: 409, body: { error: expect.stringContaining("cancelled") } });
    expect(await counts()).toEqual(before);
  });
});

describe("the organiser's register page", () => {
  it("is a 404 for a member of another organisation, and their posts write nothing", async () => {
    const s = await scene();
    const otherOrg = await createOrganisation({ kind: "provider" });
    const outsider = await createUser();
    await addMember(otherOrg.id, outsider.id, "owner");
    const page = await caught(organiserRoute.loader(args(await requestAs(outsider.id, `/sessions/${s.session.id}/register`), { id: s.session.id })));
    expect(page.status).toBe(404);
    const malformed = await caught(organiserRoute.loader(args(await requestAs(s.organiser.id, `/sessions/nope/register`), { id: "nope" })));
    expect(malformed.status).toBe(404);
    const before = await counts();
    const post = unwrap(
      await organiserRoute.action(
        args(await requestAs(outsider.id, `/sessions/${s.session.id}/register`, { form: { intent: "mark", bookingId: s.booking.id, attendance: "attended" } }), { id: s.session.id }),
      ),
    );
    expect(post.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("refuses a session not yet started with a clear message", async () => {
    const s = await scene();
    const future = await createSession(s.activity.id, { startsAt: new Date(Date.now() + 3 * HOUR_MS) });
    const booking = await createBooking(s.referral.id, future.id);
    const before = await counts();
    const post = unwrap(
      await organiserRoute.action(
        args(await requestAs(s.organiser.id, `/sessions/${future.id}/register`, { form: { intent: "mark", bookingId: booking.id, attendance: "attended" } }), { id: future.id }),
      ),
    );
    expect(post).toMatchObject({ status: 409, body: { ok: false, error: expect.stringContaining("has not started yet") } });
    expect(await counts()).toEqual(before);
  });

  it("needs consent for a walk-in: refused next to the box, nothing written", async () => {
    const s = await scene();
    const before = await counts();
    const refused = unwrap(
      await organiserRoute.action(
        args(await requestAs(s.organiser.id, `/sessions/${s.session.id}/register`, { form: { intent: "walk_in", firstName: "Joan", lastName: "S", email: "not-an-email" } }), { id: s.session.id }),
      ),
    );
    expect(refused.status).toBe(400);
    const reply = refused.body.reply as { error: Record<string, string[]> };
    expect(reply.error.consent?.[0]).toContain("agreed to share");
    expect(reply.error.email?.[0]).toContain("right format");
    expect(await counts()).toEqual(before);

    const added = unwrap(
      await organiserRoute.action(
        args(await requestAs(s.organiser.id, `/sessions/${s.session.id}/register`, { form: { intent: "walk_in", firstName: "Joan", lastName: "S", consent: "on" } }), { id: s.session.id }),
      ),
    );
    expect(added).toMatchObject({ status: 200, body: { ok: true, added: { name: "Joan S." } } });
  });

  it("lets a member ask for a new one-tap link once the session has ended", async () => {
    const s = await scene();
    const result = unwrap(
      await organiserRoute.action(args(await requestAs(s.organiser.id, `/sessions/${s.session.id}/register`, { form: { intent: "resend_link" } }), { id: s.session.id })),
    );
    expect(result).toMatchObject({ status: 200, body: { ok: true, message: expect.stringContaining(s.contactEmail!) } });
    expect(await emailsTo(s.contactEmail!)).toHaveLength(1);
  });
});
