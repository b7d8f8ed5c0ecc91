import { describe, expect, it } from "vitest";
import { joiningMessages, joiningMode, offersAskForAPlace, showsPlacesLeft } from "./joining-mode";

describe("joining mode", () => {
  it("gives a drop-in one message: no place to ask for, no places to count, even when it also takes requests", () => {
    const mode = joiningMode({ dropIn: true, selfReferral: true });
    expect(mode).toBe("drop_in");
    expect(joiningMessages[mode]).toBe("Just turn up: there is no need to book.");
    expect(offersAskForAPlace(mode)).toBe(false);
    expect(showsPlacesLeft(mode)).toBe(false);
  });

  it("offers a place and counts places for a booked activity; referral-only says who can refer", () => {
    expect(offersAskForAPlace(joiningMode({ dropIn: false, selfReferral: true }))).toBe(true);
    expect(showsPlacesLeft(joiningMode({ dropIn: false, selfReferral: true }))).toBe(true);
    const referral = joiningMode({ dropIn: false, selfReferral: false });
    expect(offersAskForAPlace(referral)).toBe(false);
    expect(joiningMessages[referral]).toMatch(/GP, nurse or link worker can refer you/);
  });
});
