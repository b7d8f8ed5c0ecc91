import type { CostType } from "./vocabulary";
import { formatInTimezone } from "~/utils/time";

/** "Free", "£4.50", "Pay what you can" — cost in plain words. */
export function formatCost(costType: CostType, costPence: number | null | undefined): string {
  if (costType === "free") return "Free";
  if (costType === "pay_what_you_can") return "Pay what you can";
  if (costPence == null) return "Paid";
  return formatPounds(costPence);
}

export function formatPounds(pence: number): string {
  const pounds = pence / 100;
  return Number.isInteger(pounds) ? `£${pounds}` : `£${pounds.toFixed(2)}`;
}

/** "Tuesday 24 November 2026, 10:00 to 11:30" in the activity's own time zone. */
export function formatSessionWhen(startsAt: Date | string, endsAt: Date | string, timezone: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  return `${formatInTimezone(start, timezone, "fullDate")}, ${formatInTimezone(start, timezone, "time")} to ${formatInTimezone(end, timezone, "time")}`;
}

/** "Park Gate, 1 Park Road, Leeds, LS6 3AB": the parts of an activity's place it has, in that order. */
export function activityAddressLine(place: { venueName?: string | null; address?: string | null; town?: string | null; postcode?: string | null }): string {
  return [place.venueName, place.address, place.town, place.postcode].filter(Boolean).join(", ");
}
