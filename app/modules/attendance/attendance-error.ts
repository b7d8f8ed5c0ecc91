/**
 * Why a register change was refused, in words for the person at the register,
 * with the HTTP status the edge should answer with. Nothing is written when
 * one of these is thrown.
 */
import { REGISTER_EDITABLE_DAYS } from "./register-window";

export type AttendanceProblem =
  | "not_found"
  | "not_allowed"
  | "link_invalid"
  | "link_expired"
  | "link_superseded"
  | "link_other_session"
  | "cancelled"
  | "not_started"
  | "locked"
  | "not_booked";

export class AttendanceError extends Error {
  constructor(
    readonly problem: AttendanceProblem,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "AttendanceError";
  }
}

export const linkProblems = {
  invalid: () =>
    new AttendanceError(
      "link_invalid",
      "This register link does not work. Check you used the whole link from the email, or sign in to Linkway to keep the register.",
      404,
    ),
  expired: () =>
    new AttendanceError(
      "link_expired",
      `This register link has expired. Registers close ${REGISTER_EDITABLE_DAYS} days after the session. Sign in to Linkway if something still needs changing.`,
      410,
    ),
  superseded: () =>
    new AttendanceError(
      "link_superseded",
      "A newer register link was sent for this session, so this one no longer works. Please use the link in the most recent email.",
      410,
    ),
  otherSession: () => new AttendanceError("link_other_session", "This link is for a different session's register.", 403),
};
