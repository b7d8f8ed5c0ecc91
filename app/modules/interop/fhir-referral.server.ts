/**
 * GET /api/fhir/referrals/:id — for the referrer's organisation or the
 * provider's, nobody else. Anyone else (signed in or not) learns nothing,
 * not even that the referral exists: null, which the route answers with 404.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "#db/client";
import { activities, organisations, referralEvents, referrals } from "#db/schema";
import { effectiveAttendance, listReferralBookings } from "~/modules/bookings/index.server";
import { getOutcomeComparison } from "~/modules/outcomes/index.server";
import { statusLabels } from "~/modules/referrals";
import { publicUrl } from "~/utils/env.server";
import { isUuid } from "~/utils/ids";
import { referralBundle, type FhirReferralFacts } from "./fhir-referral";

export async function exportReferralFhir(input: { referralId: string; organisationIds: string[]; now: Date }) {
  const { referralId, organisationIds, now } = input;
  if (!isUuid(referralId) || organisationIds.length === 0) return null;
  const db = await getDb();
  const [row] = await db
    .select({ referral: referrals, activity: { id: activities.id, title: activities.title, organisationId: activities.organisationId } })
    .from(referrals)
    .innerJoin(activities, eq(activities.id, referrals.activityId))
    .where(eq(referrals.id, referralId));
  if (!row) return null;
  const { referral, activity } = row;
  const isProvider = organisationIds.includes(activity.organisationId);
  const isReferrer = referral.referrerOrganisationId !== null && organisationIds.includes(referral.referrerOrganisationId);
  if (!isProvider && !isReferrer) return null;

  const orgIds = [activity.organisationId, ...(referral.referrerOrganisationId ? [referral.referrerOrganisationId] : [])];
  const orgs = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds));
  const provider = orgs.find((o) => o.id === activity.organisationId)!;
  const referrer = orgs.find((o) => o.id === referral.referrerOrganisationId) ?? null;

  const [ending] = await db
    .select({ note: referralEvents.note })
    .from(referralEvents)
    .where(and(eq(referralEvents.referralId, referral.id), eq(referralEvents.toStatus, referral.status)))
    .orderBy(desc(referralEvents.at), desc(referralEvents.id))
    .limit(1);

  const marks = (await listReferralBookings(db, referral.id))
    .filter(({ booking }) => booking.status === "booked")
    .map(({ booking }) => effectiveAttendance(booking))
    .filter((m) => m !== null);
  const comparison = await getOutcomeComparison(referral.id, { now });
  const wellbeing: FhirReferralFacts["wellbeing"] = [];
  for (const m of comparison?.measures ?? []) {
    const instrument = m.instrument.toUpperCase().replace("_", "-");
    if (m.baseline) wellbeing.push({ label: m.label, instrument, phase: "baseline", value: m.baseline.value });
    if (m.followUp) wellbeing.push({ label: m.label, instrument, phase: "follow-up", value: m.followUp.value });
  }

  const removed = referral.detailsRemovedAt !== null;
  const facts: FhirReferralFacts = {
    referral: {
      id: referral.id,
      code: referral.code,
      status: referral.status,
      statusLabel: statusLabels[referral.status],
      source: referral.source,
      createdAt: referral.createdAt,
      statusChangedAt: referral.statusChangedAt,
      reasons: removed ? [] : referral.reasons,
    },
    person: removed
      ? null
      : {
          firstName: referral.personFirstName,
          lastName: referral.personLastName,
          email: referral.personEmail,
          phone: referral.personPhone,
          preferred: referral.preferredContact,
        },
    activity: { id: activity.id, title: activity.title, url: `${publicUrl()}/activities/${activity.id}` },
    provider,
    referrer,
    statusReason: statusReason(referral.status, referral.declineReason, referral.stalledReason, ending?.note ?? null),
    attendance: marks.length ? { attended: marks.filter((m) => m === "attended").length, missed: marks.filter((m) => m === "no_show").length } : null,
    wellbeing,
  };
  return referralBundle(facts, { baseUrl: publicUrl(), now });
}

function statusReason(status: string, declineReason: string | null, stalledReason: string | null, note: string | null): string | null {
  switch (status) {
    case "declined":
      return declineReason || note || "Declined by the organiser";
    case "withdrawn":
      return note || "Withdrawn";
    case "expired":
      return "Nobody answered the referral in time";
    case "disengaged":
      return stalledReason || note || "Stopped going";
    default:
      return null;
  }
}
