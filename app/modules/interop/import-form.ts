/** The import page's two forms: upload (a file, or a feed address for HSDS) and confirm. */
import { z } from "zod";

export const importUploadSchema = z
  .object({
    intent: z.literal("preview"),
    format: z.enum(["csv", "hsds"], { error: "Choose what kind of file it is" }),
    file: z.instanceof(File).optional(),
    url: z.string().trim().max(2000).optional(),
    /** Admin only: the organisation to import into, or "feed" for the organisations a feed names. */
    organisation: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    const hasFile = v.file instanceof File && v.file.size > 0;
    if (v.format === "csv" && !hasFile) ctx.addIssue({ code: "custom", path: ["file"], message: "Choose the CSV file to import" });
    if (v.format === "hsds" && !hasFile && !v.url) ctx.addIssue({ code: "custom", path: ["file"], message: "Choose a JSON file, or give the feed's web address" });
    if (v.format === "csv" && v.url) ctx.addIssue({ code: "custom", path: ["url"], message: "A web address can only be given for an HSDS feed" });
  });

export const importConfirmSchema = z.object({
  intent: z.literal("confirm"),
  previewId: z.uuid({ error: "That preview is not valid. Upload the file again." }),
});

export type ImportFormat = "csv" | "hsds";
export type RowOutcome = "create" | "update" | "unchanged" | "rejected";

export interface PreviewRow {
  /** The CSV line, or the service's position in the feed (from 1). */
  row: number;
  sourceId: string;
  title: string;
  outcome: RowOutcome;
  reasons: string[];
  /** An admin's HSDS import: the organisation the row belongs to. */
  organisationName?: string;
}

export const outcomeLabels: Record<RowOutcome, string> = {
  create: "Will be added",
  update: "Will be updated",
  unchanged: "No change",
  rejected: "Cannot be imported",
};
