import { describe, expect, it } from "vitest";
import { effectiveAttendance } from "./effective-attendance";

describe("effective attendance", () => {
  it("lets the organiser's mark win over the person's report", () => {
    expect(effectiveAttendance({ attendance: "no_show", selfReported: "went" })).toBe("no_show");
    expect(effectiveAttendance({ attendance: "attended", selfReported: "missed" })).toBe("attended");
    expect(effectiveAttendance({ attendance: "unmarked", selfReported: "went" })).toBe("attended");
    expect(effectiveAttendance({ attendance: "unmarked", selfReported: "missed" })).toBe("no_show");
    expect(effectiveAttendance({ attendance: "unmarked", selfReported: null })).toBeNull();
  });
});
