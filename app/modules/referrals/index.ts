// The referrals module's public face for code that also runs in the browser.
export { CANCEL_UNDO_MINUTES } from "./cancel-undo";
export { formatUkMobile, normaliseUkMobile, type PersonRoute, personRoute, preferredContactOptions } from "./contact";
export { canTransition, fhirTaskStatus, IllegalTransitionError, isFinal, type ReferralStatus, referralStatuses, statusLabels } from "./lifecycle";
export { linkProblemMessages } from "./link-problems";
export { type DeclineReasonKind, declineReasonKindLabels, reasonLabel, referralReasons } from "./reasons";
export { stallNextSteps, type StallReason, stallReasonLabels } from "./stall-reasons";
export { baselineChoiceLabels, baselineChoices, type BaselineChoice } from "./baseline-choice";
export { caseloadQuerySchema, checkReferralForm, completeReferralSchema, finishReferralForm, referralFormShape, caseloadSorts, organiserDecisionSchema, personActionSchema, referralFormSchema, type ReferralFormValues, selfReferralFormSchema, withdrawReferralSchema } from "./schemas";
export { eventKindLabels } from "./timeline";
export { type ActivityBrief, type OrganiserMessageBase, type PersonMessageBase, type ReferrerMessageBase } from "./referral-messages";
