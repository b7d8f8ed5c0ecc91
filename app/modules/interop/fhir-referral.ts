/**
 * A referral as a FHIR R4 Bundle: the Patient (only what the referral
 * shares), the ServiceRequest, and a Task in the Gravity Project's SDOH
 * Clinical Care referral pattern (the Task is how a GP system follows a
 * referral it made to a community service). Pure: facts in, JSON out.
 *
 * Lifecycle → Task.status is the table in shared/DESIGN.md; it is defined
 * here once and tested for every status.
 */
import { fhirTaskStatus, type ReferralStatus } from "~/modules/referrals";
import { derivedId } from "./hsds-ids";

export const SOCIAL_PRESCRIBING_REFERRAL = {
  system: "http://snomed.info/sct",
  code: "871731000000106",
  display: "Referral to social prescribing service",
} as const;

export type TaskStatus = "requested" | "accepted" | "rejected" | "in-progress" | "completed" | "cancelled" | "failed";

// The mapping is a fact of the referral lifecycle, kept there beside the statuses it maps.
export const taskStatusOf: Record<ReferralStatus, TaskStatus> = fhirTaskStatus;

/** The request itself: still to be acted on, done, or called off. */
const serviceRequestStatusOf: Record<ReferralStatus, "active" | "completed" | "revoked"> = {
  sent: "active",
  accepted: "active",
  booked: "active",
  attending: "active",
  completed: "completed",
  declined: "revoked",
  withdrawn: "revoked",
  expired: "revoked",
  disengaged: "revoked",
};

const NEEDS_REASON = new Set<TaskStatus>(["rejected", "cancelled", "on-hold" as TaskStatus, "failed"]);

export interface FhirReferralFacts {
  referral: {
    id: string;
    code: string;
    status: ReferralStatus;
    statusLabel: string;
    source: "referrer" | "self" | "walk_in";
    createdAt: Date;
    statusChangedAt: Date;
    reasons: string[];
  };
  /** Null once the person's details were removed: the Patient then carries only its id. */
  person: { firstName: string; lastName: string; email: string | null; phone: string | null; preferred: "email" | "phone" | "sms" } | null;
  activity: { id: string; title: string; url: string };
  provider: { id: string; name: string };
  referrer: { id: string; name: string } | null;
  /** Why it ended, for rejected, cancelled and failed referrals. */
  statusReason: string | null;
  attendance: { attended: number; missed: number } | null;
  wellbeing: { label: string; instrument: string; phase: "baseline" | "follow-up"; value: number }[];
}

const ref = (id: string, display?: string) => (display ? { reference: `urn:uuid:${id}`, display } : { reference: `urn:uuid:${id}` });

function value(n: number) {
  return Number.isInteger(n) ? { valueInteger: n } : { valueDecimal: n };
}

export function referralBundle(facts: FhirReferralFacts, options: { baseUrl: string; now: Date }) {
  const { referral, person, activity, provider, referrer } = facts;
  const patientId = derivedId("fhir-patient", referral.id);
  const taskId = derivedId("fhir-task", referral.id);
  const taskStatus = taskStatusOf[referral.status];
  const requester = referrer ? ref(referrer.id, referrer.name) : ref(patientId);

  const telecom = person
    ? [
        person.phone ? { system: "phone", value: person.phone, use: "mobile", ...(person.preferred !== "email" ? { rank: 1 } : {}) } : null,
        person.email ? { system: "email", value: person.email, ...(person.preferred === "email" ? { rank: 1 } : {}) } : null,
      ].filter((t) => t !== null)
    : [];
  const patient = {
    resourceType: "Patient",
    id: patientId,
    ...(person ? { name: [{ use: "usual", given: [person.firstName], family: person.lastName }] } : {}),
    ...(telecom.length ? { telecom } : {}),
  };

  const organisations = [provider, ...(referrer ? [referrer] : [])].map((o) => ({
    resourceType: "Organization",
    id: o.id,
    active: true,
    name: o.name,
  }));

  const healthcareService = {
    resourceType: "HealthcareService",
    id: activity.id,
    active: true,
    providedBy: ref(provider.id, provider.name),
    name: activity.title,
    telecom: [{ system: "url", value: activity.url }],
  };

  const identifier = [{ system: `${options.baseUrl}/referral-code`, value: referral.code }];
  const serviceRequest = {
    resourceType: "ServiceRequest",
    id: referral.id,
    identifier,
    status: serviceRequestStatusOf[referral.status],
    intent: "order",
    code: { coding: [SOCIAL_PRESCRIBING_REFERRAL], text: SOCIAL_PRESCRIBING_REFERRAL.display },
    subject: ref(patientId),
    authoredOn: referral.createdAt.toISOString(),
    requester,
    performer: [ref(activity.id, activity.title)],
    ...(referral.reasons.length ? { reasonCode: referral.reasons.map((text) => ({ text })) } : {}),
  };

  const output = [
    ...(facts.attendance
      ? [
          { type: { text: "Sessions attended" }, valueInteger: facts.attendance.attended },
          { type: { text: "Sessions missed" }, valueInteger: facts.attendance.missed },
        ]
      : []),
    ...facts.wellbeing.map((w) => ({ type: { text: `${w.label} (${w.instrument}, ${w.phase})` }, ...value(w.value) })),
  ];

  const task = {
    resourceType: "Task",
    id: taskId,
    identifier,
    basedOn: [ref(referral.id)],
    status: taskStatus,
    ...(NEEDS_REASON.has(taskStatus) ? { statusReason: { text: facts.statusReason ?? facts.referral.statusLabel } } : {}),
    businessStatus: { text: referral.statusLabel },
    intent: "order",
    code: { coding: [{ system: "http://hl7.org/fhir/CodeSystem/task-code", code: "fulfill", display: "Fulfill the focal request" }] },
    focus: ref(referral.id),
    for: ref(patientId),
    authoredOn: referral.createdAt.toISOString(),
    lastModified: referral.statusChangedAt.toISOString(),
    requester,
    owner: ref(provider.id, provider.name),
    ...(output.length ? { output } : {}),
  };

  return {
    resourceType: "Bundle",
    id: derivedId("fhir-bundle", referral.id, options.now.toISOString()),
    meta: { lastUpdated: options.now.toISOString() },
    type: "collection",
    timestamp: options.now.toISOString(),
    entry: [patient, serviceRequest, task, healthcareService, ...organisations].map((resource) => ({
      fullUrl: `urn:uuid:${resource.id}`,
      resource,
    })),
  };
}
