/**
 * The session page's forms (cancel one, reinstate one, change one, add an extra date): one
 * schema, told apart by `intent`, shared by the browser and the server.
 */
import { z } from "zod";

const date = z
  .string({ error: "Enter a date" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter a date, like 2026-12-05" });
const time = z.string({ error: "Enter a time" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Enter a time, like 10:00" });
const capacity = z
  .number({ error: "Enter how many people can come" })
  .int({ error: "Enter a whole number" })
  .min(1, { error: "At least 1 person must be able to come" })
  .max(500, { error: "No more than 500 people per session" });

const endAfterStart = (v: { startTime: string; endTime: string }) => v.endTime > v.startTime;
const endAfterStartMessage = { path: ["endTime"], error: "The end time must be after the start time" };

export const sessionActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("cancel"),
    sessionId: z.uuid({ error: "Choose a session" }),
    reason: z
      .string({ error: "Say why, so people who booked understand" })
      .trim()
      .min(3, { error: "Say why, so people who booked understand" })
      .max(300, { error: "Keep the reason under 300 characters" }),
  }),
  z.object({ intent: z.literal("reinstate"), sessionId: z.uuid({ error: "Choose a session" }) }),
  z
    .object({ intent: z.literal("change"), sessionId: z.uuid({ error: "Choose a session" }), date, startTime: time, endTime: time, capacity })
    .refine(endAfterStart, endAfterStartMessage),
  z.object({ intent: z.literal("add"), date, startTime: time, endTime: time, capacity }).refine(endAfterStart, endAfterStartMessage),
]);

export type SessionAction = z.infer<typeof sessionActionSchema>;
