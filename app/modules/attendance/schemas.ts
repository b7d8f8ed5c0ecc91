/** Register forms: one schema each, used in the browser and on the server. */
import { z } from "zod";

export const markIntentSchema = z.object({
  intent: z.literal("mark"),
  bookingId: z.string().max(64),
  attendance: z.enum(["attended", "no_show", "unmarked"], { error: "Choose attended, did not attend or undo" }),
});

const optionalText = (max: number, message: string) =>
  z.string().trim().max(max, { error: message }).optional();

export const walkInSchema = z
  .object({
    intent: z.literal("walk_in"),
    firstName: z
      .string({ error: "Enter their first name" })
      .trim()
      .min(1, { error: "Enter their first name" })
      .max(80, { error: "Use 80 characters or fewer" }),
    lastName: z
      .string({ error: "Enter their last name, or its first letter" })
      .trim()
      .min(1, { error: "Enter their last name, or its first letter" })
      .max(80, { error: "Use 80 characters or fewer" }),
    email: optionalText(254, "That email address is too long").pipe(
      z.email({ error: "Enter an email address in the right format, like name@example.com" }).optional(),
    ),
    phone: optionalText(20, "That phone number is too long").pipe(
      z
        .string()
        .regex(/^(\+44\s?|0)[\d\s]{9,13}$/, { error: "Enter a UK phone number, like 07700 900123" })
        .optional(),
    ),
    consent: z.literal("on", {
      error: "Tick the box to confirm they agreed to share these details with your organisation",
    }),
  })
  .transform((v) => ({ ...v, email: v.email?.toLowerCase() }));

export type WalkInInput = z.infer<typeof walkInSchema>;

export const selfReportSchema = z.object({
  report: z.enum(["went", "missed"], { error: "Choose I went or I could not go" }),
});
