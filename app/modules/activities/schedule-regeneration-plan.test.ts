import { describe, expect, it } from "vitest";
import { expandSchedule, type ScheduleRule } from "./schedule";
import { planRegeneration, type ExistingSession } from "./schedule-regeneration-plan";
import { MINUTE_MS } from "~/utils/time";

const window = { from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-11-30T00:00:00Z") };
const tuesdays: ScheduleRule = {
  rrule: "FREQ=WEEKLY;BYDAY=TU",
  startsOn: "2026-10-06",
  startTime: "10:00",
  durationMinutes: 90,
  timezone: "Europe/London",
  until: null,
};

function sessionsFrom(rule: ScheduleRule, overrides: Partial<ExistingSession>[] = []): ExistingSession[] {
  return expandSchedule(rule, window).map((o, i) => ({
    id: `s${i}`,
    occurrenceAt: o.occurrenceAt,
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    status: "scheduled",
    detached: false,
    liveBookings: 0,
    ...overrides[i],
  }));
}

describe("planRegeneration", () => {
  it("changes nothing when the schedule is the same", () => {
    const existing = sessionsFrom(tuesdays);
    const plan = planRegeneration(existing, expandSchedule(tuesdays, window), "Europe/London");
    expect(plan).toEqual({ move: [], remove: [], insert: [], stranded: [] });
  });

  it("removes unbooked sessions that left the schedule and adds the new days", () => {
    const existing = sessionsFrom(tuesdays);
    const thursdays = { ...tuesdays, rrule: "FREQ=WEEKLY;BYDAY=TH", startsOn: "2026-10-08" };
    const plan = planRegeneration(existing, expandSchedule(thursdays, window), "Europe/London");
    expect(plan.remove).toHaveLength(existing.length);
    expect(plan.insert.map((o) => o.startsAt.getUTCDay())).toEqual(plan.insert.map(() => 4));
    expect(plan.stranded).toEqual([]);
  });

  it("keeps booked sessions where they are, reports them, and adds no second session that day", () => {
    const existing = sessionsFrom(tuesdays, [{ liveBookings: 2 }, {}, { liveBookings: 1 }]);
    const later = { ...tuesdays, startTime: "11:00" };
    const plan = planRegeneration(existing, expandSchedule(later, window), "Europe/London");
    expect(plan.stranded.map((s) => s.id)).toEqual(["s0", "s2"]);
    expect(plan.remove).not.toContain("s0");
    expect(plan.remove).not.toContain("s2");
    const strandedDays = plan.stranded.map((s) => s.startsAt.toISOString().slice(0, 10));
    for (const o of plan.insert) expect(strandedDays).not.toContain(o.startsAt.toISOString().slice(0, 10));
    expect(plan.insert).toHaveLength(existing.length - 2);
  });

  it("moves an unbooked session in place when only its length changes, keeping its cancellation", () => {
    const existing = sessionsFrom(tuesdays, [{ status: "cancelled" }]);
    const longer = { ...tuesdays, durationMinutes: 120 };
    const plan = planRegeneration(existing, expandSchedule(longer, window), "Europe/London");
    expect(plan.move).toHaveLength(existing.length);
    expect(plan.move[0]).toMatchObject({ id: "s0" });
    expect(plan.move[0].endsAt.getTime() - plan.move[0].startsAt.getTime()).toBe(120 * MINUTE_MS);
    expect(plan.insert).toEqual([]);
    expect(plan.remove).toEqual([]);
  });

  it("does not report a booked session that is already cancelled", () => {
    const existing = sessionsFrom(tuesdays, [{ status: "cancelled", liveBookings: 3 }]);
    const plan = planRegeneration(existing, expandSchedule({ ...tuesdays, startTime: "14:00" }, window), "Europe/London");
    expect(plan.stranded.map((s) => s.id)).not.toContain("s0");
    expect(plan.remove).not.toContain("s0");
  });

  it("leaves sessions the organiser moved by hand alone", () => {
    const existing = sessionsFrom(tuesdays, [{ detached: true, startsAt: new Date("2026-10-06T13:00:00Z") }]);
    const plan = planRegeneration(existing, expandSchedule({ ...tuesdays, rrule: "FREQ=WEEKLY;BYDAY=WE" }, window), "Europe/London");
    expect(plan.remove).not.toContain("s0");
    expect(plan.move.map((m) => m.id)).not.toContain("s0");
  });

  it("keeps wall-clock times across the October clock change when the time moves", () => {
    const existing = sessionsFrom(tuesdays);
    const plan = planRegeneration(existing, expandSchedule({ ...tuesdays, startTime: "09:00" }, window), "Europe/London");
    const hoursUtc = plan.insert.map((o) => o.startsAt.getUTCHours());
    // 09:00 BST is 08:00 UTC until 25 October; 09:00 GMT afterwards.
    expect(hoursUtc.slice(0, 3)).toEqual([8, 8, 8]);
    expect(hoursUtc.at(-1)).toBe(9);
  });

  it("handles a switch to one-off dates, keeping booked sessions", () => {
    const existing = sessionsFrom(tuesdays, [{}, { liveBookings: 1 }]);
    const once: ScheduleRule = { ...tuesdays, rrule: "RDATE=20261105,20261112", startsOn: "2026-11-05" };
    const plan = planRegeneration(existing, expandSchedule(once, window), "Europe/London");
    expect(plan.insert).toHaveLength(2);
    expect(plan.stranded.map((s) => s.id)).toEqual(["s1"]);
    expect(plan.remove).toHaveLength(existing.length - 1);
  });
});
