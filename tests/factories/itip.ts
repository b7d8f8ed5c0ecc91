/**
 * The checks libical's RFC 5545 / RFC 5546 (iTIP) validation makes of a
 * published calendar, written out so the tests need no C library: the
 * calendar must parse with an independent parser (ical.js), say
 * METHOD:PUBLISH, and every VEVENT must carry exactly the properties iTIP's
 * PUBLISH table requires (DTSTAMP, DTSTART, ORGANIZER, SUMMARY, UID) and none
 * it forbids (ATTENDEE, REQUEST-STATUS). Every TZID used needs a VTIMEZONE
 * with at least one observance, which is what Outlook needs to place times.
 */
import ICAL from "ical.js";

export function itipProblems(text: string): string[] {
  const problems: string[] = [];
  if (!text.includes("\r\n")) problems.push("lines must end in CRLF");
  for (const line of text.split("\r\n")) if (Buffer.byteLength(line, "utf8") > 75) problems.push(`line longer than 75 octets: ${line.slice(0, 40)}…`);
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    return [...problems, `does not parse: ${(error as Error).message}`];
  }
  const one = (c: ICAL.Component, name: string, where: string) => {
    const n = c.getAllProperties(name).length;
    if (n !== 1) problems.push(`${where}: ${name.toUpperCase()} must appear once (found ${n})`);
  };
  one(root, "version", "VCALENDAR");
  one(root, "prodid", "VCALENDAR");
  if (root.getFirstPropertyValue("version") !== "2.0") problems.push("VERSION must be 2.0");
  if (root.getFirstPropertyValue("method") !== "PUBLISH") problems.push("METHOD must be PUBLISH");

  const zones = new Map<string, ICAL.Component>();
  for (const z of root.getAllSubcomponents("vtimezone")) {
    const tzid = String(z.getFirstPropertyValue("tzid"));
    zones.set(tzid, z);
    const observances = [...z.getAllSubcomponents("standard"), ...z.getAllSubcomponents("daylight")];
    if (observances.length === 0) problems.push(`VTIMEZONE ${tzid} has no STANDARD or DAYLIGHT`);
    for (const o of observances) for (const p of ["dtstart", "tzoffsetfrom", "tzoffsetto"]) one(o, p, `VTIMEZONE ${tzid} observance`);
  }

  const events = root.getAllSubcomponents("vevent");
  for (const e of events) {
    const uid = String(e.getFirstPropertyValue("uid") ?? "?");
    for (const p of ["dtstamp", "dtstart", "organizer", "summary", "uid"]) one(e, p, `VEVENT ${uid}`);
    for (const p of ["attendee", "request-status"]) if (e.getAllProperties(p).length) problems.push(`VEVENT ${uid}: ${p.toUpperCase()} is not allowed in PUBLISH`);
    if (e.getAllProperties("dtend").length && e.getAllProperties("duration").length) problems.push(`VEVENT ${uid}: DTEND and DURATION together`);
    const organizer = String(e.getFirstPropertyValue("organizer") ?? "");
    if (organizer && !/^mailto:[^@\s]+@[^@\s]+$/i.test(organizer)) problems.push(`VEVENT ${uid}: ORGANIZER must be a mailto: address (${organizer})`);
    const stamp = e.getFirstProperty("dtstamp");
    if (stamp && !/Z$/.test(stamp.toICALString())) problems.push(`VEVENT ${uid}: DTSTAMP must be UTC`);
    for (const p of ["dtstart", "dtend"]) {
      const tzid = e.getFirstProperty(p)?.getParameter("tzid");
      if (tzid && !zones.has(String(tzid))) problems.push(`VEVENT ${uid}: no VTIMEZONE for ${tzid}`);
    }
  }
  return problems;
}
