/**
 * Why a referral is flagged as stalled ("needs attention"), in plain words,
 * with what the referrer could do next. The flag itself is written only by
 * stall-flag.server.ts; attendance raises it for missed sessions,
 * no-booking-stall.server.ts for a place never booked.
 */
export type StallReason = "two_no_shows" | "no_booking";

export const stallReasonLabels: Record<StallReason, string> = {
  two_no_shows: "Did not attend two sessions in a row",
  no_booking: "Has not booked a session",
};

/** What a referrer can do next, in plain words (shown in the alert and on the referral). */
export const stallNextSteps: Record<StallReason, readonly string[]> = {
  two_no_shows: [
    "Call the person to ask how they are and whether the sessions still suit them.",
    "Check whether something is in the way: getting there, the time of day, cost, or access needs.",
    "Talk about trying a different activity, and refer them to it if they would like that.",
  ],
  no_booking: [
    "Call the person to check they received their link and can open it.",
    "Offer to book a session with them over the phone, using their reference code.",
    "Check whether something is in the way: getting there, the time of day, cost, or access needs.",
    "Talk about trying a different activity if this one no longer suits them.",
  ],
};
