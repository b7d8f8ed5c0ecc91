/**
 * One answer to "did they go?" per booking. The organiser's mark wins; the
 * person's own report counts only while the organiser has not marked.
 */
export type Mark = "attended" | "no_show";
export type OrganiserMark = "unmarked" | Mark;
export type SelfReport = "went" | "missed";

export function effectiveAttendance(booking: { attendance: OrganiserMark; selfReported: SelfReport | null }): Mark | null {
  if (booking.attendance !== "unmarked") return booking.attendance;
  if (booking.selfReported === "went") return "attended";
  if (booking.selfReported === "missed") return "no_show";
  return null;
}

/** "Margaret H." — enough to recognise someone on a register, no more. */
export function registerName(firstName: string, lastName: string): string {
  const initial = lastName.trim().charAt(0).toUpperCase();
  return initial ? `${firstName.trim()} ${initial}.` : firstName.trim();
}
