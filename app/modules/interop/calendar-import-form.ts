/** The sessions page's calendar link form: link a published .ics address (or upload a file once), or unlink. */
import { z } from "zod";

export const CALENDAR_IMPORT_INTENTS = ["link-calendar", "unlink-calendar"] as const;

export const calendarImportSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("link-calendar"),
      url: z.string().trim().max(2000, "That web address is too long").optional(),
      file: z.instanceof(File).optional(),
    })
    .superRefine((v, ctx) => {
      const hasFile = v.file instanceof File && v.file.size > 0;
      if (!v.url && !hasFile) ctx.addIssue({ code: "custom", path: ["url"], message: "Give your calendar’s web address, or choose an .ics file" });
    }),
  z.object({ intent: z.literal("unlink-calendar") }),
]);
