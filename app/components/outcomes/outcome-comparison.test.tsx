import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { compareMeasures } from "~/modules/outcomes";
import { OutcomeComparison } from "./outcome-comparison";

describe("OutcomeComparison", () => {
  it("says the change in words, not colour alone", () => {
    const html = renderToStaticMarkup(
      <OutcomeComparison
        data={{
          referralId: "r1",
          baselineAt: "2026-10-01T10:00:00.000Z",
          followUpAt: "2026-11-20T10:00:00.000Z",
          followUpSentAt: "2026-11-19T10:00:00.000Z",
          sessionsAttendedBetween: 5,
          measures: compareMeasures(
            [{ instrument: "ons4", answers: { life_satisfaction: 4, worthwhile: 5, happiness: 5, anxiety: 8 } }],
            [{ instrument: "ons4", answers: { life_satisfaction: 7, worthwhile: 5, happiness: 4, anxiety: 3 } }],
          ),
        }}
      />,
    );
    expect(html).toContain("Sessions attended in between: <strong>5</strong>");
    expect(html).toContain("+3 <span class=\"outcome-direction\">Better</span>");
    expect(html).toContain("No change");
    expect(html).toContain("Worse");
    expect(html).toContain("Not answered");
  });

  it("says when there is nothing yet", () => {
    const html = renderToStaticMarkup(
      <OutcomeComparison data={{ referralId: "r2", baselineAt: null, followUpAt: null, followUpSentAt: null, sessionsAttendedBetween: 0, measures: [] }} />,
    );
    expect(html).toContain("No wellbeing answers yet.");
  });
});
