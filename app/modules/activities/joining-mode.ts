/**
 * How someone joins an activity, decided once from its flags, with the one
 * message each page shows for it (issue 15: a drop-in said "Just turn up"
 * beside "Ask for a place" and "8 places left").
 */
export type JoiningMode = "drop_in" | "ask_for_a_place" | "referral_only";

export function joiningMode(activity: { dropIn: boolean; selfReferral: boolean }): JoiningMode {
  if (activity.dropIn) return "drop_in";
  return activity.selfReferral ? "ask_for_a_place" : "referral_only";
}

export const joiningMessages: Record<JoiningMode, string> = {
  drop_in: "Just turn up: there is no need to book.",
  ask_for_a_place: "Ask for a place yourself, or be referred by your GP, nurse or link worker.",
  referral_only: "By referral: your GP, nurse or link worker can refer you.",
};

/** Places are counted for booked activities; at a drop-in nobody needs one, so counts would only confuse. */
export function showsPlacesLeft(mode: JoiningMode): boolean {
  return mode !== "drop_in";
}

/** Whether the public "Ask for a place" form is offered. */
export function offersAskForAPlace(mode: JoiningMode): boolean {
  return mode === "ask_for_a_place";
}
