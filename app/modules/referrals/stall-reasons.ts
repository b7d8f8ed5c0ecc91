/**
 * Why a referral is flagged as stalled ("needs attention"), in plain words,
 * with what the referrer could do next. The flag itself is written only by
 * stall-flag.server.ts; attendance raises it for missed sessions,
 * no-booking-stall.server.ts for a place never booked, gone-quiet.server.ts
 * for going and then stopping, and the actions module for actions not done
 * or reminders unanswered.
 */
export type StallReason = "two_no_shows" | "no_booking" | "stopped_after_attending" | "actions_behind" | "nudges_unanswered";

export const stallReasonLabels: Record<StallReason, string> = {
  two_no_shows: "Did not attend two sessions in a row",
  no_booking: "Has not booked a session",
  stopped_after_attending: "Went to sessions, then nothing booked or attended for three weeks",
  actions_behind: "Did fewer than half of their actions over the last two weeks",
  nudges_unanswered: "Has not answered the last 3 reminders about their actions",
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
  stopped_after_attending: [
    "Call the person to ask how they are, and whether anything has changed since they stopped going.",
    "Offer to book the next session with them over the phone, using their reference code.",
    "If the activity no longer suits them, talk about something else they might enjoy.",
  ],
  actions_behind: [
    "Call the person to ask how the actions are going, and whether they still suit them.",
    "Make the actions smaller or less often: once a week done is better than every day missed.",
    "Swap an action for one that matters more to them, on the referral's page.",
  ],
  nudges_unanswered: [
    "Call the person to check the reminders are reaching them and are welcome.",
    "Ask whether another time of day, or a weekly summary instead, would suit them better.",
    "Check their mobile number or email address is right.",
  ],
};
