import { describe, expect, it } from "vitest";
import { attendanceStallChange, hasTwoNoShowsInARow } from "./no-show-stall-rules";

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
