import { describe, expect, it } from "vitest";
import { DAY_MS } from "~/utils/time";
import { isDisengaged } from "./disengage-rules";

describe("disengaged after a stall", () => {
  const now = new Date("2027-03-01T12:00:00Z");
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
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
