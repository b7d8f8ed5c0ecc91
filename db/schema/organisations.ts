import { boolean, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, id, timestamptz, updatedAt } from "./columns";

export const organisations = pgTable("organisations", {
  id: id(),
  kind: text("kind", { enum: ["provider", "referrer"] }).notNull(),
  name: text("name").notNull(),
  description: text("description"),
  website: text("website"),
  email: text("email"),
  phone: text("phone"),
  town: text("town"),
  /** The owner can require two-factor sign-in of every member. */
  requireTwoFactor: boolean("require_two_factor").notNull().default(false),
  /** The end of the window the last daily booking summary to its organisers covered (referrals/organiser-digest). */
  bookingDigestThrough: timestamptz("booking_digest_through"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "member"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ["owner", "member"] }).notNull().default("member"),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    acceptedAt: timestamptz("accepted_at"),
    revokedAt: timestamptz("revoked_at"),
    expiresAt: timestamptz("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_org_idx").on(t.organisationId)],
);
