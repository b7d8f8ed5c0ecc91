import { BarChart } from "~/components/charts/bar-chart";
import { LineChart } from "~/components/charts/line-chart";
import { EmptyChart } from "~/components/charts/chart-figure";
import type { ReportTable } from "~/modules/reports";

/** The link under every table: the same figures as a spreadsheet. */
export function CsvLink({ href, title }: { href: string; title: string }) {
  return (
    <p className="csv-link">
      <a href={href} download>
        Download “{title}” as a spreadsheet (CSV)
      </a>
    </p>
  );
}

/** A report table on its own (no chart), with its CSV link. */
export function ReportTableView({ table, csvHref, empty, note, headingLevel = 3 }: { table: ReportTable; csvHref: string; empty: string; note?: string; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <section className="report-table" aria-labelledby={`table-${table.id}`}>
      <Heading id={`table-${table.id}`}>{table.title}</Heading>
      {table.rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          {/* Focusable so a keyboard can scroll a table wider than a phone (axe scrollable-region-focusable). */}
          <div className="table-wrap" role="region" aria-labelledby={`table-${table.id}`} tabIndex={0}>
            <table className="data-table">
              <caption className="visually-hidden">{table.title}</caption>
              <thead>
                <tr>
                  {table.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{r.label}</th>
                    {r.cells.map((c, j) => (
                      <td key={j} className="numeric">
                        {c.text}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {note && <p className="chart-note">{note}</p>}
          <CsvLink href={csvHref} title={table.title} />
        </>
      )}
    </section>
  );
}

/**
 * A table drawn as bars: the chosen column is the bar, the others ride along
 * in the chart's table. The chart, its table and the CSV read the same cells.
 */
export function ReportBarChart({
  table,
  column = 0,
  summary,
  csvHref,
  empty,
  max,
  note,
}: {
  table: ReportTable;
  column?: number;
  summary: string;
  csvHref: string;
  empty: string;
  max?: number;
  note?: string;
}) {
  if (table.rows.length === 0) return <EmptyChart title={table.title} message={empty} />;
  const [labelHeading, ...cellHeadings] = table.columns;
  return (
    <div className="report-chart">
      <BarChart
        title={table.title}
        summary={summary}
        note={note}
        labelHeading={labelHeading}
        valueHeading={cellHeadings[column]}
        extraHeadings={cellHeadings.filter((_, i) => i !== column)}
        max={max}
        data={table.rows.map((r) => ({ label: r.label, value: r.cells[column].value, text: r.cells[column].text, extra: r.cells.filter((_, i) => i !== column).map((c) => c.text) }))}
      />
      <CsvLink href={csvHref} title={table.title} />
    </div>
  );
}

/** A table over time drawn as lines: one line per chosen column. */
export function ReportLineChart({ table, columns, summary, csvHref, empty, unit }: { table: ReportTable; columns: number[]; summary: string; csvHref: string; empty: string; unit?: "%" }) {
  if (table.rows.length === 0) return <EmptyChart title={table.title} message={empty} />;
  return (
    <div className="report-chart">
      <LineChart
        title={table.title}
        summary={summary}
        xHeading={table.columns[0]}
        points={table.rows.map((r) => r.label)}
        unit={unit}
        series={columns.map((c) => ({ label: table.columns[c + 1], values: table.rows.map((r) => r.cells[c]) }))}
      />
      <CsvLink href={csvHref} title={table.title} />
    </div>
  );
}
