import { useId, type ReactNode } from "react";
import type { ChartCaption } from "./chart-data";

export interface ChartTable {
  /** Column headings; the first names the rows. */
  columns: readonly string[];
  /** One array of cell texts per row, in column order; the first cell is the row's name. */
  rows: readonly (readonly string[])[];
}

/**
 * A chart as a figure: its title (a heading, so the page outline lists it), a
 * one-sentence summary, the picture, and beside it the same numbers as a
 * table. The picture is one image to a screen reader, named by the title and
 * summary; the table carries the detail, and is what a keyboard or screen
 * reader user reads.
 */
export function ChartFigure({
  title,
  summary,
  headingLevel = 3,
  note,
  table,
  legend,
  renderChart,
}: ChartCaption & {
  table: ChartTable;
  legend?: ReactNode;
  renderChart: (labelledBy: string) => ReactNode;
}) {
  const id = useId();
  const titleId = `${id}-title`;
  const summaryId = `${id}-summary`;
  const Heading = `h${headingLevel}` as const;
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <Heading id={titleId} className="chart-title">
        {title}
      </Heading>
      <p id={summaryId} className="chart-summary">
        {summary}
      </p>
      <div className="chart-body">
        <div className="chart-picture">
          {legend}
          {renderChart(`${titleId} ${summaryId}`)}
        </div>
        {/* Focusable so a keyboard can scroll a table wider than a phone (axe scrollable-region-focusable). */}
        <div className="chart-table table-wrap" role="region" aria-label={`${title}: the figures`} tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{title}: the figures</caption>
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={i} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      <th key={c} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={c} className="numeric">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {note && <p className="chart-note">{note}</p>}
        </div>
      </div>
    </figure>
  );
}

/** Said when a chart has nothing to draw, instead of an empty picture. */
export function EmptyChart({ title, headingLevel = 3, message }: { title: string; headingLevel?: 2 | 3 | 4; message: string }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <section className="chart chart-empty">
      <Heading className="chart-title">{title}</Heading>
      <p className="muted">{message}</p>
    </section>
  );
}
