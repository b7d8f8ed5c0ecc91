import { seriesStyles, type MarkerShape } from "./chart-data";

/** A small drawing of a series' marker, for the legend and the chart alike. */
export function Marker({ shape, x, y, colour, size = 5 }: { shape: MarkerShape; x: number; y: number; colour: string; size?: number }) {
  switch (shape) {
    case "circle":
      return <circle cx={x} cy={y} r={size} fill={colour} />;
    case "square":
      return <rect x={x - size} y={y - size} width={size * 2} height={size * 2} fill={colour} />;
    case "triangle":
      return <path d={`M${x},${y - size * 1.2} L${x + size * 1.2},${y + size} L${x - size * 1.2},${y + size} Z`} fill={colour} />;
    case "diamond":
      return <path d={`M${x},${y - size * 1.3} L${x + size * 1.3},${y} L${x},${y + size * 1.3} L${x - size * 1.3},${y} Z`} fill={colour} />;
  }
}

/**
 * Which line is which, in words beside each line's look. Hidden from screen
 * readers: the table's column headings say the same.
 */
export function ChartLegend({ labels }: { labels: readonly string[] }) {
  if (labels.length < 2) return null;
  return (
    <ul className="chart-legend" aria-hidden="true">
      {labels.map((label, i) => {
        const style = seriesStyles[i % seriesStyles.length];
        return (
          <li key={label}>
            <svg width="36" height="14" viewBox="0 0 36 14">
              <line x1={2} x2={34} y1={7} y2={7} stroke={style.colour} strokeWidth={3} strokeDasharray={style.dash} />
              <Marker shape={style.marker} x={18} y={7} colour={style.colour} size={4} />
            </svg>
            {label}
          </li>
        );
      })}
    </ul>
  );
}
