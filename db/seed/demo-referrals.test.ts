import { describe, expect, it } from "vitest";
import { generateDemoData } from "./demo-data";
import { demoReferralStories, type DemoReferralStep } from "./demo-referrals";

const data = generateDemoData();
const stories = demoReferralStories(data);
const firstProvider = data.organisations.find((o) => o.kind === "provider")!;
const firstReferrer = data.organisations.find((o) => o.kind === "referrer")!;
const activityOf = (id: string) => data.activities.find((a) => a.id === id)!;
const membersOf = (organisationId: string) =>
  data.memberships.filter((m) => m.organisationId === organisationId).map((m) => data.users.find((u) => u.id === m.userId)!.email);

describe("demoReferralStories", () => {
  it("is deterministic: the same demo data gives the same stories", () => {
    expect(demoReferralStories(generateDemoData())).toEqual(stories);
  });

  it("shows the loop in every state a referrer and an organiser meet", () => {
    const ends = stories.map((s) => s.endsAs.status);
    for (const status of ["sent", "booked", "attending", "completed", "withdrawn", "declined"]) expect(ends, status).toContain(status);
    expect(stories.filter((s) => s.endsAs.stalled)).toHaveLength(1);
    expect(stories.filter((s) => s.steps[0].do === "ask-for-a-place" && s.endsAs.status === "sent")).toHaveLength(1);
    const followedUp = stories.filter((s) => s.steps.some((step) => step.do === "answer-follow-up"));
    expect(followedUp.map((s) => s.endsAs.status).sort()).toEqual(["attending", "completed"]);
    for (const s of followedUp) expect(s.steps[0], s.key).toMatchObject({ do: "refer", baseline: expect.any(Object) });
  });

  it("uses obviously made-up people with reserved addresses and numbers", () => {
    const names = stories.map((s) => `${s.person.firstName} ${s.person.lastName}`);
    expect(new Set(names).size).toBe(names.length);
    for (const { person } of stories) {
      expect(["Example", "Sample", "Demo"]).toContain(person.lastName);
      if (person.email) expect(person.email).toMatch(/^[a-z]+\.[a-z]+@example\.test$/);
      // Ofcom's drama range: never a real subscriber.
      if (person.phone) expect(person.phone).toMatch(/^07700 900\d{3}$/);
      expect(person.email ?? person.phone).toBeTruthy();
    }
  });

  it("refers to published activities of the demo organiser's group and two other providers", () => {
    const activities = stories.map((s) => activityOf(s.activityId));
    for (const a of activities) expect(a.status).toBe("published");
    const providers = new Set(activities.map((a) => a.organisationId));
    expect(providers.has(firstProvider.id)).toBe(true);
    expect(providers.size).toBe(3);
    // Waiting referrals need an activity that screens (others are accepted at once); bookings need one that does not.
    for (const s of stories) {
      const waits = s.endsAs.status === "sent" || s.steps.some((step) => step.do === "decline");
      expect(activityOf(s.activityId).requiresScreening, s.key).toBe(waits);
    }
    const selfReferral = stories.find((s) => s.steps[0].do === "ask-for-a-place")!;
    expect(activityOf(selfReferral.activityId)).toMatchObject({ organisationId: firstProvider.id, selfReferral: true });
  });

  it("leaves alone the activities the end-to-end specs book on a clean slate", () => {
    // As chosen in tests/e2e/attendance.spec.ts and tests/e2e/referrals.spec.ts.
    const walk = data.activities.find((a) => a.organisationId === firstProvider.id && a.status === "published" && !a.requiresScreening && !a.online)!;
    const openToAll = data.activities.find((a) => a.status === "published" && a.selfReferral && !a.requiresScreening && !a.online && a.id !== walk.id)!;
    const used = new Set(stories.map((s) => activityOf(s.activityId).title));
    for (const title of ["Hyde Park Walk and Talk", "Beeston Buggy Walk", walk.title, openToAll.title]) expect(used.has(title), title).toBe(false);
  });

  it("has each step taken by someone allowed to take it", () => {
    for (const s of stories) {
      const [opening, ...rest] = s.steps;
      expect(["refer", "ask-for-a-place"]).toContain(opening.do);
      expect(rest.map((step) => step.do)).not.toContain("refer");
      expect(rest.map((step) => step.do)).not.toContain("ask-for-a-place");
      const providerPeople = membersOf(activityOf(s.activityId).organisationId);
      for (const step of s.steps as DemoReferralStep[]) {
        if (step.do === "refer") expect(membersOf(firstReferrer.id), s.key).toContain(step.by);
        if (step.do === "mark" || step.do === "decline") expect(providerPeople, s.key).toContain(step.by);
        if ("daysAgo" in step.when) expect(step.when.daysAgo, s.key).toBeGreaterThanOrEqual(1);
      }
    }
  });
});
