import { describe, expect, it } from "vitest";
import { isNoBookingStall } from "./no-booking-stall-rules";

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
