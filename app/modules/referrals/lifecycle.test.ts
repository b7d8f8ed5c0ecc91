import { describe, expect, it } from "vitest";
import { referralStatuses as schemaStatuses } from "../../../db/schema/referrals";
import { bookableStatuses, canTransition, fhirTaskStatus, IllegalTransitionError, isFinal, referralStatuses, statusLabels, transitions } from "./lifecycle";

// The lifecycle from shared/DESIGN.md, written out independently of the table under test.
const expected = new Set([
  "sent→accepted",
  "sent→declined",
  "sent→withdrawn",
  "sent→expired",
  "accepted→booked",
  "accepted→withdrawn",
  "accepted→expired",
  "accepted→disengaged",
  "accepted→completed",
  "booked→accepted",
  "booked→attending",
  "booked→withdrawn",
  "booked→disengaged",
  "attending→booked",
  "attending→completed",
  "attending→disengaged",
  "attending→withdrawn",
]);

const pairs = referralStatuses.flatMap((from) => referralStatuses.map((to) => ({ from, to, legal: expected.has(`${from}→${to}`) })));

describe("referral lifecycle", () => {
  it("covers exactly the statuses the database allows", () => {
    expect([...referralStatuses].sort()).toEqual([...schemaStatuses].sort());
  });

  it.each(pairs.filter((p) => p.legal))("allows $from → $to", ({ from, to }) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(pairs.filter((p) => !p.legal))("refuses $from → $to", ({ from, to }) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it("has no move to the same status and nothing out of a final status", () => {
    for (const s of referralStatuses) expect(canTransition(s, s)).toBe(false);
    for (const s of ["declined", "withdrawn", "expired", "completed", "disengaged"] as const) {
      expect(isFinal(s)).toBe(true);
      expect(transitions[s]).toEqual([]);
    }
  });

  it("lets people book only while the referral is open and accepted", () => {
    expect([...bookableStatuses].sort()).toEqual(["accepted", "attending", "booked"]);
  });

  it("names every status in plain words and maps each to a FHIR Task status", () => {
    for (const s of referralStatuses) {
      expect(statusLabels[s]).toMatch(/^[A-Z]/);
      expect(["requested", "accepted", "rejected", "in-progress", "completed", "cancelled", "failed"]).toContain(fhirTaskStatus[s]);
    }
  });

  it("explains an illegal move in plain words", () => {
    expect(new IllegalTransitionError("declined", "booked").message).toBe("This referral is declined, so it cannot be marked booked.");
  });
});
