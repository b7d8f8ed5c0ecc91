/**
 * Small factories for integration tests: real rows in the test database,
 * with sensible defaults that each test overrides where it matters.
 */
import { getDb } from "../../db/client";
import { activities, organisations, sessions, users, memberships } from "../../db/schema";
import { addMinutes } from "~/utils/time";

let counter = 0;
const next = () => ++counter;

export async function createOrganisation(overrides: Partial<typeof organisations.$inferInsert> = {}) {
  const db = await getDb();
  const [row] = await db
    .insert(organisations)
    .values({ kind: "provider", name: `Test Organisation ${next()}`, ...overrides })
    .returning();
  return row;
}

export async function createUser(overrides: Partial<typeof users.$inferInsert> = {}) {
  const db = await getDb();
  const n = next();
  const [row] = await db
    .insert(users)
    .values({ email: `person${n}-${Date.now()}@example.test`, name: `Person ${n}`, ...overrides })
    .returning();
  return row;
}

export async function addMember(organisationId: string, userId: string, role: "owner" | "member" = "member") {
  const db = await getDb();
  await db.insert(memberships).values({ organisationId, userId, role });
}

export async function createActivity(overrides: Partial<typeof activities.$inferInsert> = {}) {
  const db = await getDb();
  const organisationId = overrides.organisationId ?? (await createOrganisation()).id;
  const [row] = await db
    .insert(activities)
    .values({
      organisationId,
      title: `Test Walk ${next()}`,
      summary: "A gentle walk round the park",
      description: "Meet at the gate. Everyone welcome.",
      category: "walking",
      status: "published",
      venueName: "Park Gate",
      address: "1 Park Road",
      town: "Leeds",
      postcode: "LS6 3AB",
      lat: 53.8198,
      lng: -1.5781,
      contactEmail: "walks@example.test",
      ...overrides,
    })
    .returning();
  return row;
}

export async function createSession(
  activityId: string,
  overrides: Partial<typeof sessions.$inferInsert> = {},
) {
  const db = await getDb();
  const startsAt = overrides.startsAt ?? new Date(Date.now() + 2 * 24 * 3600_000);
  const [row] = await db
    .insert(sessions)
    .values({
      activityId,
      startsAt,
      endsAt: addMinutes(startsAt, 90),
      capacity: 12,
      ...overrides,
    })
    .returning();
  return row;
}
