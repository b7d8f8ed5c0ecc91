import { describe, expect, it } from "vitest";
import { attendanceStallChange, hasTwoNoShowsInARow, isDisengaged, isNoBookingStall } from "./stall-rules";

describe("two no-shows in a row", () => {
  it("needs the last two answered sessions both missed", () => {
    expect(hasTwoNoShowsInARow([])).toBe(false);
    expect(hasTwoNoShowsInARow(["no_show"])).toBe(false);
    expect(hasTwoNoShowsInARow(["no_show", "no_show"])).toBe(true);
    expect(hasTwoNoShowsInARow(["attended", "no_show", "no_show"])).toBe(true);
    expect(hasTwoNoShowsInARow(["no_show", "attended", "no_show"])).toBe(false);
    expect(hasTwoNoShowsInARow(["no_show", "no_show", "attended"])).toBe(false);
  });
});

describe("stall flag after an attendance change", () => {
  it("flags a second no-show in a row once", () => {
    expect(attendanceStallChange({ stalledReason: null, marks: ["no_show", "no_show"] })).toEqual({ flag: "two_no_shows" });
    expect(attendanceStallChange({ stalledReason: "two_no_shows", marks: ["no_show", "no_show"] })).toBeNull();
  });
  it("leaves a single no-show alone", () => {
    expect(attendanceStallChange({ stalledReason: null, marks: ["attended", "no_show"] })).toBeNull();
  });
  it("clears any flag when the person goes again", () => {
    expect(attendanceStallChange({ stalledReason: "two_no_shows", marks: ["no_show", "no_show", "attended"] })).toEqual({ clear: true });
    expect(attendanceStallChange({ stalledReason: "no_booking", marks: ["attended"] })).toEqual({ clear: true });
    expect(attendanceStallChange({ stalledReason: null, marks: ["attended"] })).toBeNull();
  });
  it("clears a two-no-shows flag when the mark that caused it is undone", () => {
    expect(attendanceStallChange({ stalledReason: "two_no_shows", marks: ["no_show"] })).toEqual({ clear: true });
    expect(attendanceStallChange({ stalledReason: "no_booking", marks: ["no_show"] })).toBeNull();
  });
});

describe("no booking within N days of acceptance", () => {
  const accepted = new Date("2026-11-01T10:00:00Z");
  const base = { status: "accepted" as const, statusChangedAt: accepted, hasLiveBooking: false, stalledAt: null };
  it("stalls exactly N days after acceptance, not before", () => {
    expect(isNoBookingStall(base, new Date("2026-11-15T09:59:59Z"), 14)).toBe(false);
    expect(isNoBookingStall(base, new Date("2026-11-15T10:00:00Z"), 14)).toBe(true);
    expect(isNoBookingStall(base, new Date("2026-11-08T10:00:00Z"), 7)).toBe(true);
  });
  it("does not stall with a booking, in another status, or twice", () => {
    const late = new Date("2026-12-30T00:00:00Z");
    expect(isNoBookingStall({ ...base, hasLiveBooking: true }, late, 14)).toBe(false);
    expect(isNoBookingStall({ ...base, status: "sent" }, late, 14)).toBe(false);
    expect(isNoBookingStall({ ...base, status: "booked" }, late, 14)).toBe(false);
    expect(isNoBookingStall({ ...base, stalledAt: late }, late, 14)).toBe(false);
  });
});

describe("disengaged after a stall", () => {
  const DAY = 86_400_000;
  const now = new Date("2027-03-01T12:00:00Z");
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const base = { status: "attending" as const, stalledAt: ago(28), lastBookingActivityAt: ago(40), hasUpcomingBooking: false };

  it("ends a referral stalled for the whole period with nothing booked or attended since", () => {
    expect(isDisengaged(base, now, 28)).toBe(true);
    expect(isDisengaged({ ...base, status: "booked" }, now, 28)).toBe(true);
    expect(isDisengaged({ ...base, stalledAt: ago(27) }, now, 28)).toBe(false);
  });
  it("counts the period from the person's last booking activity when that came after the stall", () => {
    expect(isDisengaged({ ...base, lastBookingActivityAt: ago(10) }, now, 28)).toBe(false);
    expect(isDisengaged({ ...base, stalledAt: ago(60), lastBookingActivityAt: ago(28) }, now, 28)).toBe(true);
  });
  it("never ends one with a place booked or waited for ahead, one not stalled, or one not under way", () => {
    expect(isDisengaged({ ...base, hasUpcomingBooking: true }, now, 28)).toBe(false);
    expect(isDisengaged({ ...base, stalledAt: null }, now, 28)).toBe(false);
    for (const status of ["sent", "accepted", "completed", "withdrawn", "expired", "declined", "disengaged"] as const) {
      expect(isDisengaged({ ...base, status }, now, 28)).toBe(false);
    }
  });
});
