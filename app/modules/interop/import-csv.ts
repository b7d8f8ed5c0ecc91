/**
 * The CSV import template: one activity per row, one schedule per activity.
 * Each column is a field of the activity editor, so a row is checked by the
 * editor's own schema exactly as if an organiser had typed it (see
 * import.server.ts). Browser-safe: the page lists these columns.
 */
export interface CsvColumn {
  /** The header in the file. */
  name: string;
  /** The editor's field ("schedules[0].x" for the schedule). */
  field: string;
  /** Several values separated by ";" (checkbox lists). */
  list?: boolean;
  /** yes/no in the file, a ticked box in the editor. */
  yesNo?: boolean;
  help: string;
  example: string;
}

export const csvColumns: CsvColumn[] = [
  { name: "source_id", field: "sourceId", help: "Your own reference for this activity, never reused. Importing the file again updates the activity with this reference.", example: "walk-tue" },
  { name: "title", field: "title", help: "Name of the activity (required).", example: "Tuesday Walk" },
  { name: "summary", field: "summary", help: "One line about it (required, up to 200 characters).", example: "A gentle walk round the park" },
  { name: "description", field: "description", help: "More detail.", example: "Meet at the gates. Walks last about an hour." },
  { name: "category", field: "category", help: "One category code from Linkway's list (see the API's taxonomy terms), like walking.", example: "walking" },
  { name: "tags", field: "tags", help: "Words people might search for, separated by commas.", example: "outdoors, gentle" },
  { name: "suitable_for", field: "suitableFor", list: true, help: "Who it suits, codes separated by ;", example: "older_people;no_experience_needed" },
  { name: "cost_type", field: "costType", help: "free, paid or pay_what_you_can.", example: "free" },
  { name: "price", field: "price", help: "Price per session in pounds when paid, like 4.50.", example: "" },
  { name: "cost_details", field: "costDetails", help: "Anything else about cost.", example: "" },
  { name: "referral_offer", field: "referralOffer", help: "An offer for people referred, like first month free.", example: "" },
  { name: "accessibility", field: "accessibility", list: true, help: "Access features, codes separated by ;", example: "step_free;seating" },
  { name: "self_referral", field: "selfReferral", yesNo: true, help: "yes if people can ask for a place themselves.", example: "yes" },
  { name: "drop_in", field: "dropIn", yesNo: true, help: "yes if people can come without booking.", example: "no" },
  { name: "requires_screening", field: "requiresScreening", help: "yes if you check each referral before accepting it, otherwise no.", example: "no" },
  { name: "capacity", field: "capacity", help: "Places in each session (required).", example: "12" },
  { name: "contact_name", field: "contactName", help: "Who to ask.", example: "Sam" },
  { name: "contact_email", field: "contactEmail", help: "Email for questions (this or a phone number).", example: "walks@example.org" },
  { name: "contact_phone", field: "contactPhone", help: "Phone number for questions.", example: "0113 496 0000" },
  { name: "mode", field: "mode", help: "in_person or online.", example: "in_person" },
  { name: "venue_name", field: "venueName", help: "Venue or meeting point (in person).", example: "Park gates" },
  { name: "address", field: "address", help: "Street address.", example: "Clarendon Road" },
  { name: "town", field: "town", help: "Town or city (in person).", example: "Leeds" },
  { name: "postcode", field: "postcode", help: "Postcode (in person); places it on the map.", example: "LS6 3AB" },
  { name: "lat", field: "lat", help: "Latitude, if you want the pin somewhere exact.", example: "" },
  { name: "lng", field: "lng", help: "Longitude, with latitude.", example: "" },
  { name: "online_url", field: "onlineUrl", help: "Joining link starting https:// (online).", example: "" },
  { name: "repeat", field: "schedules[0].repeat", help: "weekly, monthly or once.", example: "weekly" },
  { name: "days", field: "schedules[0].days", list: true, help: "Weekly: days as MO;TU;WE;TH;FR;SA;SU.", example: "TU" },
  { name: "interval", field: "schedules[0].interval", help: "Weekly: weeks apart (1 for every week).", example: "1" },
  { name: "nth", field: "schedules[0].nth", help: "Monthly: which week, 1 to 4, or -1 for the last.", example: "" },
  { name: "day", field: "schedules[0].day", help: "Monthly: the day, like MO.", example: "" },
  { name: "dates", field: "schedules[0].dates", list: true, help: "Once: dates as 2026-12-05;2026-12-12.", example: "" },
  { name: "starts_on", field: "schedules[0].startsOn", help: "Weekly or monthly: the first date, like 2026-12-01.", example: "2026-12-01" },
  { name: "until", field: "schedules[0].until", help: "The last date, if it ends.", example: "" },
  { name: "start_time", field: "schedules[0].startTime", help: "Start time, 24-hour, like 10:00.", example: "10:00" },
  { name: "end_time", field: "schedules[0].endTime", help: "End time, like 11:30.", example: "11:30" },
  { name: "timezone", field: "schedules[0].timezone", help: "Leave empty for UK time.", example: "" },
  { name: "status", field: "status", help: "published to list it now, draft to keep it hidden. Empty means published.", example: "published" },
];

/** The column a form field's error belongs to, for the preview's reasons. */
export function columnOfField(path: string): string {
  const normal = path.replace(/^schedules\.(\d+)\./, "schedules[$1].").replace(/(\.\d+|\[\d+\])$/, "");
  return csvColumns.find((c) => c.field === normal || c.field === path)?.name ?? path;
}



/** The template file: the headings and one example row. */
export function csvTemplate(): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [csvColumns.map((c) => c.name).join(","), csvColumns.map((c) => quote(c.example)).join(",")].join("\r\n") + "\r\n";
}
