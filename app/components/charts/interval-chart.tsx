import { AxisBottom } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear } from "@visx/scale";
import { niceMax, seriesStyles, type ChartCaption } from "./chart-data";
import { ChartFigure } from "./chart-figure";

export interface IntervalDatum {
  label: string;
  /** The estimate and its interval; null when there are too few to say. */
  estimate: number | null;
  low: number | null;
  high: number | null;
  /** The estimate and interval in words, e.g. "+1.2 (0.4 to 2.0)", or why there is none. */
  text: string;
  /** More cells for the table (the number of people, say), after the text. */
  extra?: readonly string[];
}

const WIDTH = 480;
const ROW = 50;
const FONT = 14;
const AXIS = 34;
const SIDE = 12;

/**
 * Estimates with their 95% confidence intervals (a forest plot): a square at
 * the estimate, a line across the interval, and a line at zero, so "no change"
 * sits in the middle and a reader sees which intervals cross it.
 */
export function IntervalChart({
  data,
  labelHeading,
  valueHeading,
  extraHeadings = [],
  axisLabel,
  ...caption
}: ChartCaption & {
  data: readonly IntervalDatum[];
  labelHeading: string;
  valueHeading: string;
  extraHeadings?: readonly string[];
  /** Under the axis, e.g. "Change in score (higher is better)". */
  axisLabel: string;
}) {
  const reach = Math.max(1, ...data.flatMap((d) => [d.low, d.high, d.estimate]).filter((v): v is number => v !== null).map(Math.abs));
  const edge = niceMax([reach]);
  const x = scaleLinear<number>({ domain: [-edge, edge], range: [SIDE, WIDTH - SIDE] });
  const height = data.length * ROW + AXIS + 20;
  const colour = seriesStyles[0].colour;
  return (
    <ChartFigure
      {...caption}
      table={{ columns: [labelHeading, valueHeading, ...extraHeadings], rows: data.map((d) => [d.label, d.text, ...(d.extra ?? [])]) }}
      renderChart={(labelledBy) => (
        <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={labelledBy} preserveAspectRatio="xMinYMin meet">
          <line x1={x(0)} x2={x(0)} y1={0} y2={data.length * ROW} stroke="#505a5f" strokeWidth={1.5} strokeDasharray="4 3" />
          {data.map((d, i) => (
            <Group key={i} top={i * ROW} className="chart-interval" data-value={d.estimate ?? ""} data-low={d.low ?? ""} data-high={d.high ?? ""} data-text={d.text}>
              <text x={SIDE} y={FONT} fontSize={FONT} className="chart-label">
                {d.label}: {d.text}
              </text>
              {d.estimate !== null && d.low !== null && d.high !== null && (
                <>
                  <line x1={x(d.low)} x2={x(d.high)} y1={FONT + 16} y2={FONT + 16} stroke={colour} strokeWidth={3} />
                  <line x1={x(d.low)} x2={x(d.low)} y1={FONT + 10} y2={FONT + 22} stroke={colour} strokeWidth={3} />
                  <line x1={x(d.high)} x2={x(d.high)} y1={FONT + 10} y2={FONT + 22} stroke={colour} strokeWidth={3} />
                  <rect x={x(d.estimate) - 6} y={FONT + 10} width={12} height={12} fill={colour} />
                </>
              )}
            </Group>
          ))}
          <AxisBottom
            top={data.length * ROW + 4}
            scale={x}
            tickValues={x.ticks(6)}
            tickFormat={(v) => signed(Number(v))}
            stroke="#505a5f"
            tickStroke="#505a5f"
            label={axisLabel}
            labelProps={{ fontSize: FONT, fill: "#1b1b1b", textAnchor: "middle" }}
            tickLabelProps={{ fontSize: FONT, fill: "#1b1b1b", textAnchor: "middle" }}
          />
        </svg>
      )}
    />
  );
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${Math.abs(value)}` : "0";
}
