/**
 * An organiser links an activity to the .ics calendar they already publish:
 * its events become sessions, following EXDATE, moved (RECURRENCE-ID) and
 * cancelled occurrences, at the same London wall-clock time across the clock
 * change. A refresh updates rather than duplicates; a booked session is never
 * moved or removed behind its people's backs; a feed that fails keeps the last
 * good sessions and says why; only the activity's organisation can link one.
 */
import { createServer, type Server } from "node:http";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnFreePort } from "../setup/listen";
import { getDb } from "../../db/client";
import { activityCalendarImports, calendarImportSessions, outbox, sessions } from "../../db/schema";
import { IMPORT_CANCEL_REASON } from "~/modules/activities/index.server";
import { linkCalendarImport, readCalendarImport, refreshCalendarImports } from "~/modules/interop/index.server";
import { formatInTimezone } from "~/utils/time";
import * as newRoute from "~/routes/organiser.activities.new/route";
import * as sessionsRoute from "~/routes/organiser.activities.$id.sessions/route";
import { addMember, createOrganisation, createUser } from "../factories";
import { createBooking, createReferral } from "../factories/referral-rows";
import { activityForm, bookPlace, data, multipartRequest, run } from "../factories/activities";
import { cookieFor, requestAs } from "../setup/auth";
import * as dashboard from "~/routes/organiser._index/route";
import { jobs } from "~/modules/worker/index.server";
import { setClockOffset } from "~/utils/clock.server";

let organiser: { id: string };
let outsider: { id: string };
let server: Server;
let base: string;
let close: () => Promise<void>;
/** What the fake calendar host serves: path → body, or a status / a hang. */
const served = new Map<string, string | { status: number; body: string } | "hang">();

const HOUR = 3_600_000;

beforeAll(async () => {
  const org = await createOrganisation();
  organiser = await createUser();
  await addMember(org.id, organiser.id, "owner");
  const other = await createOrganisation();
  outsider = await createUser();
  await addMember(other.id, outsider.id, "owner");
  server = createServer((req, res) => {
    const entry = served.get(req.url ?? "");
    if (entry === "hang") return; // never answers: the fetcher's timeout must end it
    if (entry === undefined) return res.writeHead(404).end("not found");
    if (typeof entry === "string") return res.writeHead(200, { "Content-Type": "text/calendar" }).end(entry);
    res.writeHead(entry.status, { "Content-Type": "text/html" }).end(entry.body);
  });
  ({ base, close } = await listenOnFreePort(server));
});

afterAll(() => close());

async function newActivity() {
  const response = (await run(newRoute.action, {
    request: await requestAs(organiser.id, "/organiser/activities/new", { form: activityForm({ capacity: "4" }) }),
  })) as Response;
  return /activities\/([0-9a-f-]{36})\/edit/.exec(response.headers.get("Location")!)![1];
}

/** The activity's sessions that came from its calendar, in order. */
async function feedSessions(activityId: string) {
  const db = await getDb();
  return db
    .select({ id: sessions.id, startsAt: sessions.startsAt, endsAt: sessions.endsAt, status: sessions.status, cancelReason: sessions.cancelReason })
    .from(sessions)
    .innerJoin(calendarImportSessions, eq(calendarImportSessions.sessionId, sessions.id))
    .where(eq(sessions.activityId, activityId))
    .orderBy(asc(sessions.startsAt));
}

const london = (d: Date) => `${formatInTimezone(d, "Europe/London", "date")} ${formatInTimezone(d, "Europe/London", "time")}`;
const times = (rows: { startsAt: Date }[]) => rows.map((r) => r.startsAt.toISOString());

function calendar(...events: string[]) {
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Organiser calendar//EN", ...events, "END:VCALENDAR", ""].join("\r\n");
}
function vevent(lines: string[]) {
  return ["BEGIN:VEVENT", "DTSTAMP:20270101T000000Z", ...lines, "END:VEVENT"].join("\r\n");
}

/** Mondays 10:00–11:00 London from 1 March 2027, six times; the clock goes forward on 28 March 2027. */
const weekly = (uid: string, extra: string[] = []) =>
  vevent([`UID:${uid}`, "SUMMARY:Chair yoga", "DTSTART;TZID=Europe/London:20270301T100000", "DTEND;TZID=Europe/London:20270301T110000", "RRULE:FREQ=WEEKLY;COUNT=6", ...extra]);

const march = new Date("2027-02-20T12:00:00Z");

async function link(activityId: string, path: string, body: string, now = march) {
  served.set(path, body);
  const result = await linkCalendarImport({ userId: organiser.id, activityId, source: { url: `${base}${path}` }, now });
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe("a calendar's events become sessions", () => {
  it("follows a weekly rule with an EXDATE, and keeps 10:00 London on both sides of the clock change", async () => {
    const id = await newActivity();
    const result = await link(id, "/exdate.ics", calendar(weekly("yoga@test", ["EXDATE;TZID=Europe/London:20270315T100000"])));
    expect(result).toMatchObject({ created: 5 });
    const rows = await feedSessions(id);
    expect(rows.map((r) => london(r.startsAt))).toEqual([
      expect.stringMatching(/ 10:00$/),
      expect.stringMatching(/ 10:00$/),
      expect.stringMatching(/ 10:00$/),
      expect.stringMatching(/ 10:00$/),
      expect.stringMatching(/ 10:00$/),
    ]);
    // 15 March is left out; before 28 March 10:00 London is 10:00 UTC, after it 09:00 UTC.
    expect(times(rows)).toEqual([
      "2027-03-01T10:00:00.000Z",
      "2027-03-08T10:00:00.000Z",
      "2027-03-22T10:00:00.000Z",
      "2027-03-29T09:00:00.000Z",
      "2027-04-05T09:00:00.000Z",
    ]);
    expect(rows[0].endsAt.toISOString()).toBe("2027-03-01T11:00:00.000Z");
  });

  it("keeps 10:00 London when the clocks go back in October too", async () => {
    const id = await newActivity();
    const event = vevent([
      "UID:autumn@test",
      "DTSTART;TZID=Europe/London:20261018T100000",
      "DTEND;TZID=Europe/London:20261018T113000",
      "RRULE:FREQ=WEEKLY;BYDAY=SU;COUNT=3",
    ]);
    await link(id, "/autumn.ics", calendar(event), new Date("2026-10-01T00:00:00Z"));
    expect(times(await feedSessions(id))).toEqual(["2026-10-18T09:00:00.000Z", "2026-10-25T10:00:00.000Z", "2026-11-01T10:00:00.000Z"]);
  });

  it("puts a moved occurrence (RECURRENCE-ID) at its new time and leaves a cancelled one out", async () => {
    const id = await newActivity();
    const moved = vevent([
      "UID:club@test",
      "RECURRENCE-ID;TZID=Europe/London:20270308T100000",
      "DTSTART;TZID=Europe/London:20270309T140000",
      "DTEND;TZID=Europe/London:20270309T150000",
    ]);
    const cancelled = vevent(["UID:club@test", "RECURRENCE-ID;TZID=Europe/London:20270322T100000", "DTSTART;TZID=Europe/London:20270322T100000", "DTEND;TZID=Europe/London:20270322T110000", "STATUS:CANCELLED"]);
    await link(id, "/moved.ics", calendar(weekly("club@test"), moved, cancelled));
    const rows = await feedSessions(id);
    expect(rows.map((r) => london(r.startsAt))).toEqual([
      "Monday 1 March 10:00",
      "Tuesday 9 March 14:00",
      "Monday 15 March 10:00",
      "Monday 29 March 10:00",
      "Monday 5 April 10:00",
    ]);
  });
});

describe("refreshing", () => {
  it("is idempotent, and a later change updates the same sessions rather than adding more", async () => {
    const id = await newActivity();
    await link(id, "/refresh.ics", calendar(weekly("refresh@test")));
    const first = await feedSessions(id);
    expect(first).toHaveLength(6);

    await refreshCalendarImports(new Date(march.getTime() + HOUR));
    await refreshCalendarImports(new Date(march.getTime() + 2 * HOUR));
    expect(await feedSessions(id)).toEqual(first);

    // The organiser moves the whole series to 10:30 in their calendar.
    served.set("/refresh.ics", calendar(weekly("refresh@test").replaceAll("T100000", "T103000").replaceAll("T110000", "T113000")));
    await refreshCalendarImports(new Date(march.getTime() + 3 * HOUR));
    const after = await feedSessions(id);
    expect(after.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(after.map((r) => formatInTimezone(r.startsAt, "Europe/London", "time"))).toEqual(Array(6).fill("10:30"));
  });

  it("never moves or removes a booked session; it flags it, and a CANCELLED event cancels it with notice", async () => {
    const id = await newActivity();
    await link(id, "/booked.ics", calendar(weekly("booked@test")));
    const [first, second, third] = await feedSessions(id);
    await bookPlace(id, first.id);
    await bookPlace(id, second.id);

    // The feed now moves the first, drops the second (EXDATE) and cancels the third.
    const changed = calendar(
      weekly("booked@test", ["EXDATE;TZID=Europe/London:20270308T100000"]),
      vevent(["UID:booked@test", "RECURRENCE-ID;TZID=Europe/London:20270301T100000", "DTSTART;TZID=Europe/London:20270302T100000", "DTEND;TZID=Europe/London:20270302T110000"]),
      vevent(["UID:booked@test", "RECURRENCE-ID;TZID=Europe/London:20270315T100000", "DTSTART;TZID=Europe/London:20270315T100000", "DTEND;TZID=Europe/London:20270315T110000", "STATUS:CANCELLED"]),
    );
    await bookPlace(id, third.id);
    served.set("/booked.ics", changed);
    await refreshCalendarImports(new Date(march.getTime() + HOUR));

    const rows = await feedSessions(id);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first.id)).toMatchObject({ startsAt: first.startsAt, status: "scheduled" });
    expect(byId.get(second.id)).toMatchObject({ startsAt: second.startsAt, status: "scheduled" });
    expect(byId.get(third.id)).toMatchObject({ status: "cancelled", cancelReason: IMPORT_CANCEL_REASON });

    const db = await getDb();
    const events = await db.select().from(outbox).where(eq(outbox.topic, "event"));
    expect(events.map((e) => e.payload)).toContainEqual({ type: "session.cancelled", sessionId: third.id, reason: IMPORT_CANCEL_REASON });
    expect(events.map((e) => e.payload)).not.toContainEqual(expect.objectContaining({ sessionId: first.id }));

    const view = await readCalendarImport(id);
    expect(view?.attention.map((a) => a.sessionId).sort()).toEqual([first.id, second.id].sort());
    expect(view?.attention.find((a) => a.sessionId === second.id)?.note).toContain("no longer in your calendar");

    // Refreshing again neither duplicates nor re-flags.
    await refreshCalendarImports(new Date(march.getTime() + 2 * HOUR));
    expect((await feedSessions(id)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it("counts someone waiting for a place as booked: a session with only a waitlist is flagged, not moved", async () => {
    const id = await newActivity();
    await link(id, "/waitlist.ics", calendar(weekly("waitlist@test")));
    const [first] = await feedSessions(id);
    const waiting = await createReferral({ activityId: id, source: "self", personFirstName: "Wyn", personEmail: null });
    await createBooking(waiting.id, first.id, { status: "waitlisted" });

    served.set(
      "/waitlist.ics",
      calendar(
        weekly("waitlist@test"),
        vevent(["UID:waitlist@test", "RECURRENCE-ID;TZID=Europe/London:20270301T100000", "DTSTART;TZID=Europe/London:20270302T100000", "DTEND;TZID=Europe/London:20270302T110000"]),
      ),
    );
    await refreshCalendarImports(new Date(march.getTime() + HOUR));

    const moved = (await feedSessions(id)).find((r) => r.id === first.id);
    expect(moved).toMatchObject({ startsAt: first.startsAt, status: "scheduled" });
    expect((await readCalendarImport(id))?.attention.map((a) => a.sessionId)).toEqual([first.id]);
  });
});

describe("a failing feed", () => {
  it("keeps the last good sessions and records why, for 404, not iCalendar and a timeout", async () => {
    const id = await newActivity();
    await link(id, "/fails.ics", calendar(weekly("fails@test")));
    const good = await feedSessions(id);
    const db = await getDb();
    const state = async () => (await db.select().from(activityCalendarImports).where(eq(activityCalendarImports.activityId, id)))[0];

    served.delete("/fails.ics");
    await refreshCalendarImports(new Date(march.getTime() + HOUR));
    expect(await state()).toMatchObject({ lastError: "The address answered 404 (not found)", lastGoodAt: march });
    expect(await feedSessions(id)).toEqual(good);

    served.set("/fails.ics", { status: 200, body: "<html><body>Sign in to see this calendar</body></html>" });
    await refreshCalendarImports(new Date(march.getTime() + 2 * HOUR));
    expect((await state()).lastError).toBe("This is not an iCalendar (.ics) file");
    expect(await feedSessions(id)).toEqual(good);

    served.set("/fails.ics", "hang");
    await refreshCalendarImports(new Date(march.getTime() + 3 * HOUR));
    expect(await state()).toMatchObject({ lastError: "The address took too long to answer", lastGoodAt: march, lastCheckedAt: new Date(march.getTime() + 3 * HOUR) });
    expect(await feedSessions(id)).toEqual(good);

    // The organiser's sessions page says so, with the time of the last good refresh.
    const page = await run(sessionsRoute.loader, { request: await requestAs(organiser.id, `/organiser/activities/${id}/sessions`), params: { id } });
    expect((page as { calendar: { lastError: string; lastGood: string } }).calendar).toMatchObject({
      lastError: "The address took too long to answer",
      lastGood: formatInTimezone(march, "Europe/London", "datetime"),
    });
    // And the organiser's dashboard, so it is never silent.
    const board = await data(dashboard.loader, { request: await requestAs(organiser.id, "/organiser") });
    expect(board.calendarProblems).toContainEqual(
      expect.objectContaining({ activityId: id, reason: "The address took too long to answer", lastGood: formatInTimezone(march, "Europe/London", "datetime") }),
    );
    served.set("/fails.ics", calendar(weekly("fails@test")));
  }, 30_000);

  it("links nothing when the first fetch fails, and says why beside the field", async () => {
    const id = await newActivity();
    const response = await run(sessionsRoute.action, {
      request: await requestAs(organiser.id, `/organiser/activities/${id}/sessions`, { form: { formId: "link-calendar", intent: "link-calendar", url: `${base}/missing.ics` } }),
      params: { id },
    });
    expect((response as { result: { error: Record<string, string[]> } }).result.error.url).toEqual(["The address answered 404 (not found)"]);
    const db = await getDb();
    expect(await db.select().from(activityCalendarImports).where(eq(activityCalendarImports.activityId, id))).toEqual([]);
  });
});

describe("who may link a calendar", () => {
  it("links through the page for a member, without JavaScript (a plain form post)", async () => {
    const id = await newActivity();
    const nextWeek = new Date(Date.now() + 7 * 24 * HOUR).toISOString().slice(0, 10).replaceAll("-", "");
    served.set("/page.ics", calendar(vevent(["UID:page@test", `DTSTART:${nextWeek}T100000Z`, `DTEND:${nextWeek}T110000Z`])));
    const response = (await run(sessionsRoute.action, {
      request: await requestAs(organiser.id, `/organiser/activities/${id}/sessions`, { form: { formId: "link-calendar", intent: "link-calendar", url: `${base}/page.ics` } }),
      params: { id },
    })) as Response;
    expect(response.status).toBe(302);
    expect(await feedSessions(id)).toHaveLength(1);
  });

  it("takes an uploaded .ics file once, and the worker's hourly job refreshes a linked address", async () => {
    const id = await newActivity();
    const day = (days: number) => new Date(Date.now() + days * 24 * HOUR).toISOString().slice(0, 10).replaceAll("-", "");
    const file = new File([calendar(vevent(["UID:file@test", `DTSTART:${day(5)}T100000Z`, `DTEND:${day(5)}T110000Z`]))], "yoga.ics", { type: "text/calendar" });
    const uploaded = (await run(sessionsRoute.action, {
      request: multipartRequest(await cookieFor(organiser.id), `/organiser/activities/${id}/sessions`, { formId: "link-calendar", intent: "link-calendar", url: "", file }),
      params: { id },
    })) as Response;
    expect(uploaded.status).toBe(302);
    expect(await feedSessions(id)).toHaveLength(1);
    expect((await readCalendarImport(id))?.url).toBeNull();

    // A linked address: the worker's job, an hour later, picks up a new event.
    const other = await newActivity();
    served.set("/hourly.ics", calendar(vevent(["UID:a@test", `DTSTART:${day(6)}T100000Z`, `DTEND:${day(6)}T110000Z`])));
    await run(sessionsRoute.action, {
      request: await requestAs(organiser.id, `/organiser/activities/${other}/sessions`, { form: { formId: "link-calendar", intent: "link-calendar", url: `${base}/hourly.ics` } }),
      params: { id: other },
    });
    served.set(
      "/hourly.ics",
      calendar(vevent(["UID:a@test", `DTSTART:${day(6)}T100000Z`, `DTEND:${day(6)}T110000Z`]), vevent(["UID:b@test", `DTSTART:${day(8)}T100000Z`, `DTEND:${day(8)}T110000Z`])),
    );
    setClockOffset(HOUR);
    try {
      await jobs.find((job) => job.name === "refresh-calendar-imports")!.run();
    } finally {
      setClockOffset(0);
    }
    expect(await feedSessions(other)).toHaveLength(2);
    expect(await feedSessions(id)).toHaveLength(1);
  });

  it("refuses someone outside the organisation (403) and an unknown activity (404), writing nothing", async () => {
    const id = await newActivity();
    served.set("/outsider.ics", calendar(weekly("outsider@test")));
    const post = async (userId: string, activityId: string) =>
      run(sessionsRoute.action, {
        request: await requestAs(userId, `/organiser/activities/${activityId}/sessions`, { form: { formId: "link-calendar", intent: "link-calendar", url: `${base}/outsider.ics` } }),
        params: { id: activityId },
      }).catch((thrown: unknown) => thrown);
    expect(((await post(outsider.id, id)) as Response).status).toBe(403);
    expect(((await post(outsider.id, "00000000-0000-4000-8000-000000000000")) as Response).status).toBe(404);
    const db = await getDb();
    expect(await db.select().from(activityCalendarImports).where(eq(activityCalendarImports.activityId, id))).toEqual([]);
    expect(await feedSessions(id)).toEqual([]);
    expect(await linkCalendarImport({ userId: outsider.id, activityId: id, source: { url: `${base}/outsider.ics` }, now: march })).toMatchObject({ ok: false });
    expect(await db.select().from(sessions).innerJoin(calendarImportSessions, eq(calendarImportSessions.sessionId, sessions.id)).where(and(eq(sessions.activityId, id)))).toEqual([]);
  });
});
