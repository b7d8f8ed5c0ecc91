/** The organiser dashboard's filter, sort and page (from the query string). Browser-safe. */
import { z } from "zod";

export const dashboardQuerySchema = z.object({
  status: z.enum(["all", "draft", "published", "archived"]).catch("all"),
  sort: z.enum(["next_session", "title", "updated"]).catch("next_session"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;
export const DASHBOARD_PAGE_SIZE = 20;
