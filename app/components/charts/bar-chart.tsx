import { Group } from "@visx/group";
import { scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { ChartFigure } from "./chart-figure";
import { niceMax, seriesStyles, type ChartCaption, type ChartValue } from "./chart-data";

export interface BarDatum extends ChartValue {
  label: string;
  /** More cells for the table only (a share, a rate), after the value. */
  extra?: readonly string[];
}

const WIDTH = 480;
const ROW = 46;
const LABEL_SIZE = 14;
const BAR_HEIGHT = 18;
/** Room after the longest bar for its figure. */
const VALUE_ROOM = 84;
const MAX_LABEL = 58;

function clip(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/**
 * Horizontal bars, one a row, each named above the bar and its figure at the
 * end: a phone's width is enough because nothing sits beside the bars.
 */
export function BarChart({
  data,
  labelHeading,
  valueHeading,
  extraHeadings = [],
  max,
  ...caption
}: ChartCaption & {
  data: readonly BarDatum[];
  labelHeading: string;
  valueHeading: string;
  extraHeadings?: readonly string[];
  /** The end of the scale (100 for percentages); otherwise a round number above the largest value. */
  max?: number;
}) {
  const height = data.length * ROW + 4;
  const x = scaleLinear<number>({ domain: [0, max ?? niceMax(data.map((d) => d.value))], range: [0, WIDTH - VALUE_ROOM], clamp: true });
  const colour = seriesStyles[0].colour;
  return (
    <ChartFigure
      {...caption}
      table={{ columns: [labelHeading, valueHeading, ...extraHeadings], rows: data.map((d) => [d.label, d.text, ...(d.extra ?? [])]) }}
      renderChart={(labelledBy) => (
        <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={labelledBy} preserveAspectRatio="xMinYMin meet">
          {data.map((d, i) => {
            const width = d.value === null ? 0 : Math.max(d.value > 0 ? 2 : 0, x(d.value));
            return (
              <Group key={i} top={i * ROW} className="chart-bar" data-value={d.value ?? ""} data-text={d.text}>
                <text x={0} y={LABEL_SIZE} className="chart-label" fontSize={LABEL_SIZE}>
                  {clip(d.label)}
                </text>
                <line x1={0} x2={0} y1={LABEL_SIZE + 4} y2={LABEL_SIZE + 6 + BAR_HEIGHT} stroke="#505a5f" strokeWidth={1} />
                {width > 0 && <Bar x={0} y={LABEL_SIZE + 5} width={width} height={BAR_HEIGHT} fill={colour} />}
                <text x={width + 6} y={LABEL_SIZE + 5 + BAR_HEIGHT - 4} className="chart-value" fontSize={LABEL_SIZE} fontWeight={700}>
                  {d.text}
                </text>
              </Group>
            );
          })}
        </svg>
      )}
    />
  );
}
