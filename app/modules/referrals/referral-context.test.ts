import { describe, expect, it } from "vitest";
import { activityWhere, shortName } from "./referral-context.server";

describe("what pages and messages show", () => {
  it("shows first name and last initial only", () => {
    expect(shortName({ personFirstName: "Margaret", personLastName: "hughes" })).toBe("Margaret H.");
    expect(shortName({ personFirstName: " Ali ", personLastName: "" })).toBe("Ali");
  });
  it("says where an activity is, or that it is online", () => {
    expect(activityWhere({ online: true, venueName: "Hall", address: null, town: null, postcode: null })).toBe("Online");
    expect(activityWhere({ online: false, venueName: "Park Gate", address: "1 Park Road", town: "Leeds", postcode: null })).toBe("Park Gate, 1 Park Road, Leeds");
  });
});
