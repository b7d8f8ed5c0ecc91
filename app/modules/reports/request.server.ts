/** What a report route reads from its request: the viewer and the query (with errors for the picker). */
import type { CurrentUser } from "~/modules/accounts/index.server";
import { readQuery } from "~/utils/read-form.server";
import { reportQuerySchema, type ReportQuery } from "./period";
import type { ReportViewer } from "./scope.server";

export const viewerOf = (current: CurrentUser): ReportViewer => ({ id: current.user.id, isAdmin: current.user.isAdmin, isCommissioner: current.user.isCommissioner });

/**
 * The query in the URL. Custom dates that do not make sense come back as
 * field errors, and the figures fall back to the last 3 months meanwhile.
 */
export function reportQueryFrom(request: Request): { query: ReportQuery; raw: Record<string, string>; errors: Record<string, string[]> } {
  const raw = Object.fromEntries(readQuery(request));
  const parsed = reportQuerySchema.safeParse(raw);
  if (parsed.success) return { query: parsed.data, raw, errors: {} };
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  const fallback = reportQuerySchema.parse({ ...raw, period: "quarter", from: undefined, to: undefined });
  return { query: fallback, raw, errors };
}
