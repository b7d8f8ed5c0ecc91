/**
 * Form schemas for referrals, shared by the browser (Conform) and the server.
 * One schema per form.
 */
import { z } from "zod";
import { ons4AnswersSchema, ons4Questions, ucla3AnswersSchema, ucla3Questions, type Ons4Answers, type Ucla3Answers } from "~/modules/outcomes";
import { normaliseUkMobile, type PreferredContact } from "./contact";
import { declineReasonKindLabels, referralReasonKeys, type DeclineReasonKind } from "./reasons";
import { referralStatuses } from "./lifecycle";
import { baselineChoices, type BaselineChoice } from "./baseline-choice";

const firstName = z
  .string({ error: "Enter their first name" })
  .trim()
  .min(1, { error: "Enter their first name" })
  .max(80, { error: "Use 80 characters or fewer" });

const lastName = z
  .string({ error: "Enter their last name, or just its first letter" })
  .trim()
  .min(1, { error: "Enter their last name, or just its first letter" })
  .max(80, { error: "Use 80 characters or fewer" });

const email = z
  .string()
  .trim()
  .max(254, { error: "That email address is too long" })
  .pipe(z.email({ error: "Enter an email address in the right format, like name@example.com" }))
  .transform((v) => v.toLowerCase())
  .optional();

const mobile = z
  .string()
  .trim()
  .max(30, { error: "Enter a UK mobile number, like 07700 900123" })
  .transform((value, ctx) => {
    const normalised = normaliseUkMobile(value);
    if (!normalised) {
      ctx.issues.push({ code: "custom", input: value, message: "Enter a UK mobile number, like 07700 900123 or +44 7700 900123" });
      return z.NEVER;
    }
    return normalised;
  })
  .optional();

const personFields = {
  firstName,
  lastName,
  email,
  phone: mobile,
  preferredContact: z.enum(["email", "phone", "sms"], { error: "Choose how they would like to be contacted" }).optional(),
  reasons: z.array(z.enum(referralReasonKeys, { error: "Choose from the list" })).max(referralReasonKeys.length).default([]),
  notes: z.string().trim().max(2000, { error: "Use 2,000 characters or fewer" }).optional(),
};

type PersonFieldValues = {
  email?: string;
  phone?: string;
  preferredContact?: PreferredContact;
};

/** At least one way to reach the person, and a preferred way that exists. */
function checkContact(value: PersonFieldValues, ctx: z.RefinementCtx, who: "they" | "you") {
  if (!value || typeof value !== "object") return;
  if (!value.email && !value.phone) {
    ctx.addIssue({
      code: "custom",
      path: ["email"],
      message:
        who === "they"
          ? "Enter an email address or a UK mobile number (at least one), so they can get their link"
          : "Enter an email address or a UK mobile number (at least one), so we can send you your link",
    });
    return;
  }
  if (value.preferredContact === "email" && !value.email) {
    ctx.addIssue({ code: "custom", path: ["preferredContact"], message: "Add an email address, or choose another way to get in touch" });
  }
  if ((value.preferredContact === "phone" || value.preferredContact === "sms") && !value.phone) {
    ctx.addIssue({ code: "custom", path: ["preferredContact"], message: "Add a mobile number, or choose another way to get in touch" });
  }
}

function withDefaultContact<T extends PersonFieldValues>(value: T): T & { preferredContact: PreferredContact } {
  return { ...value, preferredContact: value.preferredContact ?? (value.email ? "email" : "sms") };
}

type PartialAnswers = Record<string, number | undefined> | undefined;

function complete<T>(answers: PartialAnswers, keys: readonly string[]): T | null {
  return keys.every((k) => answers?.[k] !== undefined) ? (answers as T) : null;
}

const ons4Keys = ons4Questions.map((q) => q.key);
const ucla3Keys = ucla3Questions.map((q) => q.key);

/** The referral form's fields, for a form that adds more to it (connection actions, whose context owns that form). */
export const referralFormShape = {
  /** A fresh id per form: a repeated submit of the same form makes the referrals only once. */
  requestId: z.uuid({ error: "Reload the page and try again" }),
  activity: z
    .array(z.uuid({ error: "Choose an activity" }), { error: "Choose an activity" })
    .min(1, { error: "Choose at least one activity" })
    .max(10, { error: "Refer to 10 activities or fewer at once" }),
  ...personFields,
  consent: z.literal(true, { error: "Tick the box to confirm the person has agreed to share these details" }),
  baselineChoice: z.enum(baselineChoices, { error: "Choose how the wellbeing questions are answered" }),
  baselineReason: z.string().trim().max(500, { error: "Use 500 characters or fewer" }).optional(),
  ons4: ons4AnswersSchema.partial().optional(),
  ucla3: ucla3AnswersSchema.partial().optional(),
};

type ReferralFormChecked = PersonFieldValues & { ons4?: PartialAnswers; ucla3?: PartialAnswers; baselineChoice?: BaselineChoice; baselineReason?: string };

/**
 * Every wellbeing question must be answered when they are asked now (a half
 * check cannot be compared later); a check left out needs a reason.
 */
function checkBaseline(value: ReferralFormChecked, ctx: z.RefinementCtx) {
  if (value.baselineChoice === "now") {
    for (const [prefix, keys] of [["ons4", ons4Keys], ["ucla3", ucla3Keys]] as const) {
      for (const key of keys) {
        if (value[prefix]?.[key] === undefined) {
          ctx.addIssue({ code: "custom", path: [prefix, key], message: "Answer this question, or choose “They will answer by link”" });
        }
      }
    }
  }
  if (value.baselineChoice === "not_appropriate" && !value.baselineReason) {
    ctx.addIssue({ code: "custom", path: ["baselineReason"], message: "Say briefly why the wellbeing questions are not appropriate" });
  }
}

/** The referral form's checks across fields (run even when another field failed, so every problem shows at once). */
export function checkReferralForm(value: ReferralFormChecked, ctx: z.RefinementCtx) {
  checkContact(value, ctx, "they");
  checkBaseline(value, ctx);
}

/**
 * The referral form's values as the module takes them: a default contact
 * route, activities once each, and the baseline choice with its answers (only
 * when asked now) or its reason (only when left out).
 */
export function finishReferralForm<T extends ReferralFormChecked & { activity: string[]; baselineChoice: BaselineChoice }>({ ons4, ucla3, baselineChoice, baselineReason, ...rest }: T) {
  const now = baselineChoice === "now";
  return {
    ...withDefaultContact(rest),
    activity: [...new Set(rest.activity)],
    baseline: {
      choice: baselineChoice,
      reason: baselineChoice === "not_appropriate" ? (baselineReason ?? null) : null,
      ons4: now ? complete<Ons4Answers>(ons4, ons4Keys) : null,
      ucla3: now ? complete<Ucla3Answers>(ucla3, ucla3Keys) : null,
    },
  };
}

/** A referrer refers one person to one or more activities. */
export const referralFormSchema = z
  .object(referralFormShape)
  .superRefine(checkReferralForm, { when: () => true })
  .transform(finishReferralForm);

export type ReferralFormValues = z.infer<typeof referralFormSchema>;

/** Anyone asks for a place on an activity that welcomes self-referral. */
export const selfReferralFormSchema = z
  .object({
    requestId: z.uuid({ error: "Reload the page and try again" }),
    ...personFields,
    consent: z.literal(true, { error: "Tick the box to agree, so the organiser can get in touch with you" }),
  })
  .superRefine((value, ctx) => checkContact(value, ctx, "you"), { when: () => true })
  .transform((value) => withDefaultContact(value));

export type SelfReferralFormValues = z.infer<typeof selfReferralFormSchema>;

export type PersonDetails = Pick<ReferralFormValues, "firstName" | "lastName" | "email" | "phone" | "preferredContact" | "reasons" | "notes">;

const reason = z.string().trim().max(1000, { error: "Use 1,000 characters or fewer" }).optional();

/** The organiser accepts or declines a new referral. */
export const organiserDecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept") }),
  z.object({
    intent: z.literal("decline"),
    kind: z.enum(Object.keys(declineReasonKindLabels) as [DeclineReasonKind, ...DeclineReasonKind[]], {
      error: "Choose the main reason, so the area can see where places are short",
    }),
    reason: z
      .string({ error: "Say why, so the referrer and the person can look for something else" })
      .trim()
      .min(1, { error: "Say why, so the referrer and the person can look for something else" })
      .max(1000, { error: "Use 1,000 characters or fewer" }),
  }),
]);

/** The referrer withdraws a referral. */
export const withdrawReferralSchema = z.object({
  reason: z
    .string({ error: "Say why the referral is being withdrawn" })
    .trim()
    .min(1, { error: "Say why the referral is being withdrawn" })
    .max(1000, { error: "Use 1,000 characters or fewer" }),
});

export const completeReferralSchema = z.object({
  note: z.string().trim().max(1000, { error: "Use 1,000 characters or fewer" }).optional(),
});

/** What the person can do from their private link. */
export const personActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("book"), sessionId: z.uuid({ error: "Choose a session" }) }),
  z.object({ intent: z.literal("waitlist"), sessionId: z.uuid({ error: "Choose a session" }) }),
  z.object({ intent: z.literal("cancel"), bookingId: z.uuid({ error: "Choose a booking" }) }),
  z.object({ intent: z.literal("undo-cancel"), bookingId: z.uuid({ error: "Choose a booking" }) }),
  z.object({ intent: z.literal("accept-offer"), bookingId: z.uuid({ error: "Choose a booking" }) }),
  z.object({ intent: z.literal("decline"), reason }),
  z.object({
    intent: z.literal("remove-details"),
    understood: z.literal("on", { error: "Tick the box to say you understand, if you want your details removed" }),
  }),
]);

export type PersonAction = z.infer<typeof personActionSchema>;

export const caseloadSorts = { attention: "Needs attention first", newest: "Newest first", oldest: "Oldest first", name: "First name A to Z" } as const;

/** Filters of the referrer's caseload (query string; bad values fall back to defaults). */
export const caseloadQuerySchema = z.object({
  status: z.enum(referralStatuses as [string, ...string[]]).optional().catch(undefined),
  activity: z.uuid().optional().catch(undefined),
  sort: z.enum(Object.keys(caseloadSorts) as [keyof typeof caseloadSorts, ...(keyof typeof caseloadSorts)[]]).catch("attention"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type CaseloadQuery = z.infer<typeof caseloadQuerySchema>;
