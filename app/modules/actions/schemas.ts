/**
 * Form schemas of connection actions, shared by the browser (Conform) and the
 * server. One schema per form.
 */
import { z } from "zod";
import { actionGroupKeys, rhythmKeys } from "./vocabulary";

const title = z
  .string({ error: "Say what the action is, in a few words" })
  .trim()
  .min(3, { error: "Say what the action is, in a few words" })
  .max(80, { error: "Use 80 characters or fewer" });

const howTo = z.string().trim().max(200, { error: "Use 200 characters or fewer: one line is enough" });

const timesPerWeek = z.coerce
  .number({ error: "Choose how many times a week" })
  .int({ error: "Choose how many times a week" })
  .min(1, { error: "Choose from 1 to 7 times a week" })
  .max(7, { error: "Choose from 1 to 7 times a week" })
  .optional();

const rhythm = z.enum(rhythmKeys, { error: "Choose how often" });

/** Weekly needs a number of times; the others must not keep a stale one. */
function rhythmFields<T extends { rhythm: (typeof rhythmKeys)[number]; timesPerWeek?: number }>(value: T, ctx: z.RefinementCtx) {
  if (value.rhythm === "weekly" && value.timesPerWeek === undefined) {
    ctx.addIssue({ code: "custom", path: ["timesPerWeek"], message: "Choose how many times a week" });
  }
}

const libraryFields = {
  group: z.enum(actionGroupKeys, { error: "Choose a group" }),
  title,
  howTo: howTo.min(3, { error: "Add a one-line how-to, so people know how to start" }),
  rhythm,
  timesPerWeek,
};

/** The admin edits the library: add, change, retire (no longer offered) or offer again. */
export const libraryActionSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("add"), ...libraryFields }),
    z.object({ intent: z.literal("update"), id: z.uuid(), ...libraryFields }),
    z.object({ intent: z.literal("retire"), id: z.uuid() }),
    z.object({ intent: z.literal("restore"), id: z.uuid() }),
  ])
  .superRefine((value, ctx) => {
    if (value && typeof value === "object" && "rhythm" in value) rhythmFields(value, ctx);
  });

export type LibraryAction = z.infer<typeof libraryActionSchema>;

const isoDay = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: message })
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error: message });

/** Longest plan a referrer can set in one go: a prescription is reviewed, not left running. */
export const MAX_PLAN_DAYS = 183;

/**
 * One action for one person: from the library (its words copied) or written
 * for them, with its rhythm and dates. Used alone on a referral's page, and
 * repeated (actions[0], actions[1] …) on the referral form.
 */
export const prescribedActionFields = z
  .object({
    libraryActionId: z.uuid({ error: "Choose an action from the list" }).optional(),
    title: title.optional(),
    howTo: howTo.optional(),
    /** Left out with a library action: its suggested rhythm. */
    rhythm: rhythm.optional(),
    timesPerWeek,
    startsOn: isoDay("Enter the start date"),
    endsOn: isoDay("Enter the end date"),
  })
  .superRefine((value, ctx) => {
    if (!value || typeof value !== "object") return;
    if (!value.libraryActionId && !value.title) {
      ctx.addIssue({ code: "custom", path: ["title"], message: "Choose an action from the list, or write one for this person" });
    }
    if (!value.libraryActionId && !value.rhythm) ctx.addIssue({ code: "custom", path: ["rhythm"], message: "Choose how often" });
    if (value.rhythm === "weekly" && value.timesPerWeek === undefined) {
      ctx.addIssue({ code: "custom", path: ["timesPerWeek"], message: "Choose how many times a week" });
    }
    if (typeof value.startsOn === "string" && typeof value.endsOn === "string" && value.endsOn < value.startsOn) {
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The end date must be on or after the start date" });
    }
  });

export type PrescribedActionValues = z.infer<typeof prescribedActionFields>;

/** The referrer adds an action on a referral's page, or takes one off the plan. */
export const referralActionFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add-action"), action: prescribedActionFields }),
  z.object({ intent: z.literal("stop-action"), actionId: z.uuid() }),
]);

/** The person answers for today from their page. */
export const logActionSchema = z.object({
  actionId: z.uuid({ error: "Choose an action" }),
  outcome: z.enum(["done", "not_this_time"], { error: "Choose “I did it” or “Not this time”" }),
  note: z.string().trim().max(500, { error: "Use 500 characters or fewer" }).optional(),
});

export type LogActionValues = z.infer<typeof logActionSchema>;
