/**
 * What a register action answers, shared by the server and the page.
 * `offline: true` is made in the browser when a save never reached the
 * server: the page keeps the mark on screen and offers to try again.
 */
import type { SubmissionResult } from "@conform-to/react";
import type { OrganiserMark } from "~/modules/bookings";

export type RegisterActionResult =
  | { intent: "mark"; ok: true; bookingId: string; attendance: OrganiserMark }
  | { intent: "mark"; ok: false; bookingId: string; attendance: OrganiserMark; error: string; offline?: boolean }
  | { intent: "everyone"; ok: true; marked: number }
  | { intent: "everyone"; ok: false; error: string; offline?: boolean }
  | { intent: "walk_in"; ok: boolean; reply: SubmissionResult<string[]>; added?: { name: string; code: string }; offline?: boolean }
  | { intent: "reopen" | "resend_link" | "unknown"; ok: boolean; message: string; offline?: boolean };

export const offlineMessage = "Not saved: we could not reach Linkway. Check you have signal, then try again.";

/** The answer to show when the request failed on the way (no connection, server unreachable). */
export function offlineResult(form: FormData): RegisterActionResult {
  const intent = String(form.get("intent") ?? "");
  if (intent === "mark") {
    const attendance = String(form.get("attendance") ?? "unmarked") as OrganiserMark;
    return { intent, ok: false, offline: true, bookingId: String(form.get("bookingId") ?? ""), attendance, error: offlineMessage };
  }
  if (intent === "everyone") return { intent, ok: false, offline: true, error: offlineMessage };
  if (intent === "walk_in") {
    return { intent, ok: false, offline: true, reply: { status: "error", error: { "": [offlineMessage] } } };
  }
  return { intent: "unknown", ok: false, offline: true, message: offlineMessage };
}
