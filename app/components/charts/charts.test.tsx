import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "./bar-chart";
import { IntervalChart } from "./interval-chart";
import { LineChart } from "./line-chart";

const decode = (s: string) => s.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

function tableRows(html: string): string[][] {
  const body = /<tbody>(.*?)<\/tbody>/s.exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) => [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => decode(c[1])));
}

function marks(html: string, className: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<g[^>]*class="[^"]*\\b${className}\\b[^"]*"[^>]*>`, "g"))].map((m) =>
    Object.fromEntries([...m[0].matchAll(/data-([a-z]+)="([^"]*)"/g)].map((a) => [a[1], decode(a[2])])),
  );
}

describe("charts draw the numbers in their tables", () => {
  it("a bar chart: each bar's figure is its row's, and bar lengths follow the values", () => {
    const html = renderToStaticMarkup(
      <BarChart
        title="Referrals by kind of activity"
        summary="Walking had the most referrals."
        labelHeading="Kind of activity"
        valueHeading="Referrals"
        extraHeadings={["Share"]}
        data={[
          { label: "Walking", value: 40, text: "40", extra: ["50%"] },
          { label: "Gardening", value: 20, text: "20", extra: ["25%"] },
          { label: "Singing", value: null, text: "< 5", extra: ["withheld"] },
          { label: "Crafts", value: 0, text: "0", extra: ["0%"] },
        ]}
      />,
    );
    const rows = tableRows(html);
    const bars = marks(html, "chart-bar");
    expect(rows.map((r) => r[0])).toEqual(["Walking", "Gardening", "Singing", "Crafts"]);
    expect(bars.map((b) => b.text)).toEqual(rows.map((r) => r[1]));
    expect(bars.map((b) => b.value)).toEqual(["40", "20", "", "0"]);
    expect(rows[2]).toEqual(["Singing", "< 5", "withheld"]);
    // The drawn lengths: Walking twice Gardening; nothing drawn for a withheld or zero figure.
    const widths = [...html.matchAll(/<rect[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]).toBeCloseTo(widths[1] * 2, 5);
    expect(html).toContain('role="img"');
    expect(html).toMatch(/<h3 id="[^"]+-title" class="chart-title">Referrals by kind of activity<\/h3>/);
    expect(html).toContain("Walking had the most referrals.");
  });

  it("a line chart: each point is its cell, series by column; a missing value breaks the line", () => {
    const html = renderToStaticMarkup(
      <LineChart
        title="Attendance per session"
        summary="Attendance rose over the quarter."
        xHeading="Session"
        points={["3 Mar", "10 Mar", "17 Mar"]}
        series={[
          { label: "Attended", values: [{ value: 6, text: "6" }, { value: null, text: "< 5" }, { value: 9, text: "9" }] },
          { label: "Did not attend", values: [{ value: 1, text: "1" }, { value: 2, text: "2" }, { value: 0, text: "0" }] },
        ]}
      />,
    );
    const rows = tableRows(html);
    expect(rows).toEqual([
      ["3 Mar", "6", "1"],
      ["10 Mar", "< 5", "2"],
      ["17 Mar", "9", "0"],
    ]);
    const points = marks(html, "chart-point");
    const series = ["Attended", "Did not attend"];
    // Points come series by series, skipping the missing one.
    const expected = series.flatMap((_, si) => rows.filter((r) => r[si + 1] !== "< 5").map((r) => ({ point: r[0], text: r[si + 1] })));
    expect(points.map((p) => ({ point: p.point, text: p.text }))).toEqual(expected);
    expect(html).toContain("Did not attend");
    // The line of the first series has two pieces (a gap where the value is missing).
    const paths = [...html.matchAll(/<path[^>]*class="visx-linepath"[^>]*d="([^"]*)"/g)].map((m) => m[1]);
    expect(paths[0].match(/M/g)).toHaveLength(2);
  });

  it("an interval chart: each estimate and interval is its row's", () => {
    const html = renderToStaticMarkup(
      <IntervalChart
        title="Change in life satisfaction by sessions attended"
        summary="People who went to more sessions improved more."
        labelHeading="Sessions attended"
        valueHeading="Mean change (95% CI)"
        extraHeadings={["People"]}
        axisLabel="Change in score"
        data={[
          { label: "0", estimate: null, low: null, high: null, text: "Too few to say", extra: ["< 5"] },
          { label: "1–2", estimate: 0.5, low: -0.4, high: 1.4, text: "+0.5 (−0.4 to +1.4)", extra: ["8"] },
          { label: "3–5", estimate: 1.8, low: 0.9, high: 2.7, text: "+1.8 (+0.9 to +2.7)", extra: ["12"] },
        ]}
      />,
    );
    const rows = tableRows(html);
    const intervals = marks(html, "chart-interval");
    expect(intervals.map((i) => i.text)).toEqual(rows.map((r) => r[1]));
    expect(intervals.map((i) => [i.value, i.low, i.high])).toEqual([
      ["", "", ""],
      ["0.5", "-0.4", "1.4"],
      ["1.8", "0.9", "2.7"],
    ]);
    expect(rows.map((r) => r[2])).toEqual(["< 5", "8", "12"]);
  });
});
