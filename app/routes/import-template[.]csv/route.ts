import { csvTemplate } from "~/modules/interop";

/** The CSV import template: the headings and one example row. Public: it holds nothing but column names. */
export function loader() {
  return new Response(csvTemplate(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="linkway-activities-template.csv"',
      "Cache-Control": "public, max-age=3600",
    },
  });
}
