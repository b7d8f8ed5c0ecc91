import { describe, expect, it } from "vitest";
import { describeReferralEvent, type TimelineEvent } from "./timeline";

const at = new Date("2026-06-02T09:30:00Z");
const startsAt = "2026-06-09T09:00:00Z";
const base: TimelineEvent = { at, kind: "status", fromStatus: null, toStatus: null, actorType: "system", actorName: null, note: null, data: null };
const tz = "Europe/London";

describe("timeline wording", () => {
  it.each([
    [{ kind: "status", fromStatus: null, toStatus: "sent", actorType: "user", actorName: "Jo Bennett" }, "Referral sent", "Jo Bennett"],
    [{ kind: "status", fromStatus: "sent", toStatus: "accepted" }, "Sent → Accepted", "Linkway"],
    [{ kind: "booking", actorType: "person", data: { action: "booked", startsAt } }, "Booked a session", "The person"],
    [{ kind: "booking", data: { action: "offered", startsAt } }, "Offered a place from the waitlist", "Linkway"],
    [{ kind: "attendance", actorType: "register_link", data: { attendance: "no_show", startsAt } }, "Did not attend", "Organiser (register link)"],
    [{ kind: "attendance", data: { attendance: "attended", startsAt } }, "Attended", "Linkway"],
    [{ kind: "self_report", actorType: "person", data: { selfReported: "went", startsAt } }, "Said they went", "The person"],
    [{ kind: "outcome", data: { instrument: "ucla3", phase: "baseline", score: 7 } }, "Loneliness (UCLA-3) answered, before starting", "Linkway"],
    [{ kind: "stalled", data: { reason: "Two missed sessions in a row" } }, "Flagged as stalled", "Linkway"],
    [{ kind: "note", note: "Called, will try the choir" }, "Note", "Linkway"],
    [{ kind: "something_new" }, "something_new", "Linkway"],
  ] as [Partial<TimelineEvent>, string, string][])("describes %o", (event, title, by) => {
    const entry = describeReferralEvent({ ...base, ...event }, tz);
    expect(entry.title).toBe(title);
    expect(entry.by).toBe(by);
    expect(entry.at).toBe("Tuesday 2 June, 10:30");
  });

  it("names the session in the activity's time zone and quotes notes", () => {
    const entry = describeReferralEvent({ ...base, kind: "booking", note: "Changed plans", data: { action: "cancelled", startsAt } }, tz);
    expect(entry.detail).toBe("Session on Tuesday 9 June, 10:00. “Changed plans”");
    expect(describeReferralEvent({ ...base, kind: "outcome", data: { instrument: "ucla3", phase: "follow_up", score: 5 } }, tz).detail).toBe("score 5");
  });
});
