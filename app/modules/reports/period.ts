/**
 * The reporting period: a preset (last 4 weeks, 3 months, 12 months) or two
 * ISO dates, always in the URL so a report can be bookmarked and shared.
 * Browser-safe: the picker validates with the same schema on both sides.
 */
import { z } from "zod";

export const periodPresets = {
  "4w": "Last 4 weeks",
  quarter: "Last 3 months",
  year: "Last 12 months",
  custom: "Choose dates",
} as const;

export type PeriodPreset = keyof typeof periodPresets;

const DAY_MS = 86_400_000;
/** The longest custom period: a longer one is a different question (and a slow one). */
export const MAX_PERIOD_DAYS = 3 * 366;

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter a date like 2026-03-31" })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    error: "Enter a real date, like 2026-03-31",
  });

/** The query string of every report page (bad values fall back, except custom dates, which say what is wrong). */
export const reportQuerySchema = z
  .object({
    period: z.enum(Object.keys(periodPresets) as [PeriodPreset, ...PeriodPreset[]]).default("quarter").catch("quarter"),
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Which organisation's figures, for someone in more than one. */
    org: z.uuid().optional().catch(undefined),
    /** Area filters (commissioners and admins). */
    town: z.string().trim().max(80).optional().catch(undefined),
    category: z.string().trim().max(60).optional().catch(undefined),
  })
  .superRefine((q, ctx) => {
    if (q.period !== "custom") return;
    if (!q.from) ctx.addIssue({ code: "custom", path: ["from"], message: "Enter the first day of the period" });
    if (!q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "Enter the last day of the period" });
    if (q.from && q.to) {
      const days = (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS;
      if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "The last day must be on or after the first day" });
      else if (days > MAX_PERIOD_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: "Choose a period of 3 years or less" });
    }
  });

export type ReportQuery = z.infer<typeof reportQuerySchema>;

export interface Period {
  preset: PeriodPreset;
  /** First day, ISO (inclusive). */
  fromDate: string;
  /** Last day, ISO (inclusive). */
  toDate: string;
  /** Instants: [start, end) in UTC. */
  start: Date;
  end: Date;
  /** Trends are counted by week for short periods and by month for long ones. */
  bucket: "week" | "month";
  label: string;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function periodLabel(fromDate: string, toDate: string): string {
  const f = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return `${f(fromDate)} to ${f(toDate)}`;
}

/** The period a (valid) query asks for, ending today. */
export function resolvePeriod(query: Pick<ReportQuery, "period" | "from" | "to">, now: Date): Period {
  const today = isoDay(now);
  let fromDate: string;
  let toDate = today;
  const back = (days: number) => isoDay(new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY_MS));
  switch (query.period) {
    case "4w":
      fromDate = back(27);
      break;
    case "year":
      fromDate = back(364);
      break;
    case "custom":
      if (query.from && query.to && query.from <= query.to) {
        fromDate = query.from;
        toDate = query.to;
        break;
      }
      fromDate = back(90);
      break;
    default:
      fromDate = back(90);
  }
  const start = new Date(`${fromDate}T00:00:00Z`);
  const end = new Date(Date.parse(`${toDate}T00:00:00Z`) + DAY_MS);
  const days = (end.getTime() - start.getTime()) / DAY_MS;
  return { preset: query.period, fromDate, toDate, start, end, bucket: days > 120 ? "month" : "week", label: periodLabel(fromDate, toDate) };
}

/** The query string for the same period (and filters) on another report page. */
export function periodSearch(query: Partial<ReportQuery>, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...extra })) if (v) params.set(k, String(v));
  if (params.get("period") !== "custom") {
    params.delete("from");
    params.delete("to");
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}
