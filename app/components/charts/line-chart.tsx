import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear, scalePoint } from "@visx/scale";
import { LinePath } from "@visx/shape";
import { ChartFigure } from "./chart-figure";
import { ChartLegend, Marker } from "./chart-legend";
import { niceMax, seriesStyles, type ChartCaption, type ChartValue } from "./chart-data";

export interface LineSeries {
  label: string;
  /** One value per point on the x axis, in order. */
  values: readonly ChartValue[];
}

const WIDTH = 560;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 16, bottom: 44, left: 48 };
const FONT = 14;
/** At most this many labels under the x axis; the table has every one. */
const MAX_X_LABELS = 6;

/**
 * Figures over time (weeks, months, sessions): one line per series, each
 * with its own dash and marker. A missing value (withheld, or nothing to
 * count) breaks the line rather than drawing it to zero.
 */
export function LineChart({
  points,
  series,
  xHeading,
  unit,
  max,
  ...caption
}: ChartCaption & {
  /** The x axis's labels, in order ("w/c 3 Mar", "Tue 4 Mar 10:00"). */
  points: readonly string[];
  series: readonly LineSeries[];
  xHeading: string;
  /** "%" to label the y axis as percentages. */
  unit?: "%";
  max?: number;
}) {
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scalePoint<string>({ domain: points.map((_, i) => String(i)), range: [0, innerWidth], padding: 0.3 });
  const top = max ?? niceMax(series.flatMap((s) => s.values.map((v) => v.value)), unit === "%" ? 10 : 4);
  const y = scaleLinear<number>({ domain: [0, top], range: [innerHeight, 0], nice: false });
  const step = Math.max(1, Math.ceil(points.length / MAX_X_LABELS));
  const xTicks = points.map((_, i) => String(i)).filter((_, i) => i % step === 0);
  const yTicks = y.ticks(4).filter((t) => unit === "%" || Number.isInteger(t));
  const xOf = (i: number) => x(String(i)) ?? 0;
  return (
    <ChartFigure
      {...caption}
      table={{
        columns: [xHeading, ...series.map((s) => s.label)],
        rows: points.map((p, i) => [p, ...series.map((s) => s.values[i]?.text ?? "")]),
      }}
      legend={<ChartLegend labels={series.map((s) => s.label)} />}
      renderChart={(labelledBy) => (
        <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={labelledBy} preserveAspectRatio="xMinYMin meet">
          <Group left={MARGIN.left} top={MARGIN.top}>
            {yTicks.map((t) => (
              <line key={t} x1={0} x2={innerWidth} y1={y(t)} y2={y(t)} stroke="#d8dadb" strokeWidth={1} />
            ))}
            <AxisLeft
              scale={y}
              tickValues={yTicks}
              tickFormat={(v) => `${Number(v)}${unit ?? ""}`}
              stroke="#505a5f"
              tickStroke="#505a5f"
              tickLabelProps={{ fontSize: FONT, fill: "#1b1b1b", textAnchor: "end", dx: -4, dy: 4 }}
            />
            <AxisBottom
              top={innerHeight}
              scale={x}
              tickValues={xTicks}
              tickFormat={(v) => points[Number(v)]}
              stroke="#505a5f"
              tickStroke="#505a5f"
              tickLabelProps={{ fontSize: FONT, fill: "#1b1b1b", textAnchor: "middle" }}
            />
            {series.map((s, si) => {
              const style = seriesStyles[si % seriesStyles.length];
              const present = s.values.map((v, i) => ({ i, v })).filter(({ v }) => v.value !== null);
              return (
                <Group key={s.label} className="chart-series" data-series={s.label}>
                  <LinePath
                    data={s.values.map((v, i) => ({ i, value: v.value }))}
                    defined={(d) => d.value !== null}
                    x={(d) => xOf(d.i)}
                    y={(d) => y(d.value ?? 0)}
                    stroke={style.colour}
                    strokeWidth={3}
                    strokeDasharray={style.dash}
                    fill="none"
                  />
                  {present.map(({ i, v }) => (
                    <g key={i} className="chart-point" data-point={points[i]} data-value={v.value ?? ""} data-text={v.text}>
                      <Marker shape={style.marker} x={xOf(i)} y={y(v.value ?? 0)} colour={style.colour} />
                    </g>
                  ))}
                </Group>
              );
            })}
          </Group>
        </svg>
      )}
    />
  );
}
