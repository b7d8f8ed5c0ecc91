import { describe, expect, it } from "vitest";
import { addDaysTo, adherence, adherenceWords, dayOf, isOnTodaysList, planAdherence, rhythmLabel, weekStart, weekSummary, type PlannedAction } from "./rhythm";

const done = (...days: string[]) => days.map((day) => ({ day, outcome: "done" as const }));

describe("days in the UK, across the clock changes", () => {
  it("puts 00:30 on the morning the clocks go forward on the new day", () => {
    // 29 March 2026: clocks go forward at 01:00 GMT. 00:30 GMT is still GMT, on the 29th.
    expect(dayOf(new Date("2026-03-29T00:30:00Z"))).toBe("2026-03-29");
    expect(dayOf(new Date("2026-03-28T23:59:00Z"))).toBe("2026-03-28");
  });

  it("puts 00:30 BST on the new day although it is still the day before in UTC", () => {
    expect(dayOf(new Date("2026-10-24T23:30:00Z"))).toBe("2026-10-25");
    expect(dayOf(new Date("2026-07-01T23:30:00Z"))).toBe("2026-07-02");
  });

  it("keeps a week seven days long over the clock change", () => {
    expect(weekStart("2026-03-29")).toBe("2026-03-23");
    expect(weekStart("2026-03-30")).toBe("2026-03-30");
    expect(addDaysTo("2026-10-24", 2)).toBe("2026-10-26");
  });

  it("counts a daily action once a day through the day the clocks go back (a 25-hour day)", () => {
    const daily: PlannedAction = { rhythm: "daily", timesPerWeek: null, startsOn: "2026-10-19", endsOn: "2026-11-15" };
    // Monday to Sunday, the clocks go back on Sunday 25th; judged on Monday 26th.
    expect(adherence(daily, done("2026-10-19", "2026-10-25"), "2026-10-19", "2026-10-25", "2026-10-26")).toEqual({ done: 2, due: 7 });
  });
});

describe("rhythms", () => {
  it("says how often in plain words", () => {
    expect(rhythmLabel({ rhythm: "daily", timesPerWeek: null })).toBe("Every day");
    expect(rhythmLabel({ rhythm: "weekly", timesPerWeek: 1 })).toBe("Once a week");
    expect(rhythmLabel({ rhythm: "weekly", timesPerWeek: 3 })).toBe("3 times a week");
    expect(rhythmLabel({ rhythm: "once", timesPerWeek: null })).toBe("Once");
  });

  const twiceAWeek: PlannedAction = { rhythm: "weekly", timesPerWeek: 2, startsOn: "2026-11-02", endsOn: "2026-11-29" };

  it("keeps a weekly action on today's list until it is done as often as planned this week", () => {
    expect(isOnTodaysList(twiceAWeek, done("2026-11-02"), "2026-11-04")).toBe(true);
    expect(isOnTodaysList(twiceAWeek, done("2026-11-02", "2026-11-03"), "2026-11-04")).toBe(false);
    // Done twice, the second time today: it stays on today's list so today's answer can be changed.
    expect(isOnTodaysList(twiceAWeek, done("2026-11-02", "2026-11-04"), "2026-11-04")).toBe(true);
    // A new week starts the count again.
    expect(isOnTodaysList(twiceAWeek, done("2026-11-02", "2026-11-03"), "2026-11-09")).toBe(true);
  });

  it("takes a one-off action off the list once done on an earlier day", () => {
    const once: PlannedAction = { rhythm: "once", timesPerWeek: null, startsOn: "2026-11-02", endsOn: "2026-11-15" };
    expect(isOnTodaysList(once, [], "2026-11-05")).toBe(true);
    expect(isOnTodaysList(once, done("2026-11-05"), "2026-11-05")).toBe(true);
    expect(isOnTodaysList(once, done("2026-11-05"), "2026-11-06")).toBe(false);
  });

  it("is not on the list before it starts, after it ends, or once stopped", () => {
    expect(isOnTodaysList(twiceAWeek, [], "2026-11-01")).toBe(false);
    expect(isOnTodaysList(twiceAWeek, [], "2026-11-30")).toBe(false);
    expect(isOnTodaysList({ ...twiceAWeek, stoppedOn: "2026-11-10" }, [], "2026-11-10")).toBe(false);
    expect(isOnTodaysList({ ...twiceAWeek, stoppedOn: "2026-11-10" }, [], "2026-11-09")).toBe(true);
  });
});

describe("adherence: what was done against what can no longer be done", () => {
  const daily: PlannedAction = { rhythm: "daily", timesPerWeek: null, startsOn: "2026-11-02", endsOn: "2026-11-29" };

  it("does not count today as missed before it is over", () => {
    expect(adherence(daily, [], "2026-11-02", "2026-11-08", "2026-11-02")).toEqual({ done: 0, due: 0 });
    expect(adherence(daily, done("2026-11-02"), "2026-11-02", "2026-11-08", "2026-11-02")).toEqual({ done: 1, due: 1 });
    expect(adherence(daily, done("2026-11-02"), "2026-11-02", "2026-11-08", "2026-11-04")).toEqual({ done: 1, due: 2 });
  });

  it("misses a weekly target only when too few days are left to reach it", () => {
    const three: PlannedAction = { rhythm: "weekly", timesPerWeek: 3, startsOn: "2026-11-02", endsOn: "2026-11-29" };
    // Thursday, nothing done: three days left after today, still possible.
    expect(adherence(three, [], "2026-11-02", "2026-11-08", "2026-11-05")).toEqual({ done: 0, due: 0 });
    // Saturday, one done: one day left after today for two more, so one is already missed.
    expect(adherence(three, done("2026-11-03"), "2026-11-02", "2026-11-08", "2026-11-07")).toEqual({ done: 1, due: 2 });
    // The week over: 2 of 3.
    expect(adherence(three, done("2026-11-03", "2026-11-06"), "2026-11-02", "2026-11-08", "2026-11-10")).toEqual({ done: 2, due: 3 });
    // Four times in a 3-a-week week counts as 3 of 3, not more.
    expect(adherence(three, done("2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"), "2026-11-02", "2026-11-08", "2026-11-10")).toEqual({ done: 3, due: 3 });
  });

  it("lowers a week's target when the plan has fewer days in it", () => {
    // Starts on a Saturday: two days in the first week, so "3 times a week" asks for 2.
    const three: PlannedAction = { rhythm: "weekly", timesPerWeek: 3, startsOn: "2026-11-07", endsOn: "2026-11-29" };
    expect(adherence(three, done("2026-11-07"), "2026-11-02", "2026-11-08", "2026-11-09")).toEqual({ done: 1, due: 2 });
  });

  it("counts each week once across back-to-back windows", () => {
    const once: PlannedAction = { rhythm: "weekly", timesPerWeek: 1, startsOn: "2026-11-02", endsOn: "2026-11-29" };
    const answers = done("2026-11-04");
    const week1 = adherence(once, answers, "2026-11-02", "2026-11-08", "2026-11-20");
    const week2 = adherence(once, answers, "2026-11-09", "2026-11-15", "2026-11-20");
    expect(week1).toEqual({ done: 1, due: 1 });
    expect(week2).toEqual({ done: 0, due: 1 });
  });

  it("misses a one-off action only after its last day", () => {
    const once: PlannedAction = { rhythm: "once", timesPerWeek: null, startsOn: "2026-11-02", endsOn: "2026-11-08" };
    expect(adherence(once, [], "2026-11-02", "2026-11-15", "2026-11-08")).toEqual({ done: 0, due: 0 });
    expect(adherence(once, [], "2026-11-02", "2026-11-15", "2026-11-09")).toEqual({ done: 0, due: 1 });
    expect(adherence(once, done("2026-11-03"), "2026-11-02", "2026-11-15", "2026-11-09")).toEqual({ done: 1, due: 1 });
  });

  it("ignores answers outside the action's days and 'not this time' answers", () => {
    const answers = [...done("2026-11-01"), { day: "2026-11-02", outcome: "not_this_time" as const }];
    expect(adherence(daily, answers, "2026-11-01", "2026-11-03", "2026-11-04")).toEqual({ done: 0, due: 2 });
  });
});

describe("the week's summary is kind and never a streak", () => {
  const three: PlannedAction = { rhythm: "weekly", timesPerWeek: 3, startsOn: "2026-11-02", endsOn: "2026-11-29" };
  it("counts this week only", () => {
    expect(weekSummary(three, done("2026-11-01", "2026-11-03"), "2026-11-04")).toBe("You did this once this week.");
    expect(weekSummary(three, done("2026-11-02", "2026-11-03", "2026-11-04"), "2026-11-04")).toBe("You did this 3 times this week. That is what you planned. Well done.");
    expect(weekSummary(three, [], "2026-11-04")).toBe("Not yet this week. Every small step counts.");
  });
});

describe("a whole plan's adherence, as the GP summary and the export report it", () => {
  it("adds every action over its whole span, counts missed as due and not done, and gives no share while nothing is due", () => {
    const daily = { rhythm: "daily" as const, timesPerWeek: null, startsOn: "2026-11-02", endsOn: "2026-11-08", answers: done("2026-11-02", "2026-11-03") };
    const twice = { rhythm: "weekly" as const, timesPerWeek: 2, startsOn: "2026-11-02", endsOn: "2026-11-15", answers: done("2026-11-04", "2026-11-05", "2026-11-06") };
    // Judged after both have ended: daily 2 of 7; twice a week 2 of 2 (the third does not count) then 0 of 2.
    expect(planAdherence([daily, twice], "2026-11-20")).toEqual({ done: 4, due: 11, missed: 7, share: 36 });
    // A plan stopped on its first day owes nothing.
    expect(planAdherence([{ ...daily, stoppedOn: "2026-11-02", answers: [] }], "2026-11-20")).toEqual({ done: 0, due: 0, missed: 0, share: null });
    expect(adherenceWords({ done: 0, due: 0 })).toBe("Nothing due yet");
    expect(adherenceWords({ done: 4, due: 11 })).toBe("4 of 11 done (36%)");
  });
});
