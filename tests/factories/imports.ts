/** CSV files in the import template, for the import tests. */
import { csvColumns } from "~/modules/interop";
import { londonDate } from "./activities";

/** One valid template row (a weekly Tuesday walk in Leeds); override any column. */
export function csvRow(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    source_id: "walk-1",
    title: "Tuesday Walk",
    summary: "A gentle walk round the park",
    description: "Meet at the gates.",
    category: "walking",
    tags: "outdoors, gentle",
    suitable_for: "older_people",
    cost_type: "free",
    accessibility: "step_free;seating",
    self_referral: "yes",
    drop_in: "no",
    requires_screening: "no",
    capacity: "12",
    contact_name: "Sam",
    contact_email: "walks@example.test",
    mode: "in_person",
    venue_name: "Park gates",
    address: "Clarendon Road",
    town: "Leeds",
    postcode: "LS6 3AB",
    lat: "53.8104",
    lng: "-1.5567",
    repeat: "weekly",
    days: "TU",
    interval: "1",
    starts_on: londonDate(-7),
    start_time: "10:00",
    end_time: "11:30",
    status: "published",
    ...overrides,
  };
}

export function csvFile(rows: Record<string, string>[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const names = csvColumns.map((c) => c.name);
  return [names.join(","), ...rows.map((r) => names.map((n) => quote(r[n] ?? "")).join(","))].join("\n") + "\n";
}
