// The referrals module's public face for code that also runs in the browser.
export { formatUkMobile, type PersonRoute, preferredContactOptions } from "./contact";
export { canTransition, IllegalTransitionError, isFinal, type ReferralStatus, referralStatuses, statusLabels } from "./lifecycle";
export { linkProblemMessages } from "./link-problems";
export { type DeclineReasonKind, declineReasonKindLabels, reasonLabel, referralReasons } from "./reasons";
export { stallNextSteps, type StallReason, stallReasonLabels } from "./stall-reasons";
export { caseloadQuerySchema, completeReferralSchema, caseloadSorts, organiserDecisionSchema, personActionSchema, referralFormSchema, type ReferralFormValues, selfReferralFormSchema, withdrawReferralSchema } from "./schemas";
export { eventKindLabels } from "./timeline";
export { type ActivityBrief, type OrganiserMessageBase, type PersonMessageBase, type ReferrerMessageBase } from "./referral-messages";
