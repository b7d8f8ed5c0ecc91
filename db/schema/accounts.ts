import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea, createdAt, id, timestamptz, updatedAt } from "./columns";

export const users = pgTable(
  "users",
  {
    id: id(),
    /** Stored lower-cased; unique. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    emailVerifiedAt: timestamptz("email_verified_at"),
    isAdmin: boolean("is_admin").notNull().default(false),
    /** Sees area-wide aggregate reports (never a person); granted by an admin. */
    isCommissioner: boolean("is_commissioner").notNull().default(false),
    /** TOTP key (20 random bytes); null until two-factor sign-in is enrolled. */
    totpKey: bytea("totp_key"),
    totpEnabledAt: timestamptz("totp_enabled_at"),
    /** The last TOTP time step accepted, so a code cannot be used twice. */
    totpLastStep: integer("totp_last_step"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

/** Lucia's session recipe: id + SHA-256 of the secret; the token is `${id}.${secret}`. */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    secretHash: bytea("secret_hash").notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamptz("last_seen_at").notNull().defaultNow(),
    /** Sliding inactivity expiry. */
    expiresAt: timestamptz("expires_at").notNull(),
    /** Absolute lifetime: never refreshed. */
    absoluteExpiresAt: timestamptz("absolute_expires_at").notNull(),
    twoFactorVerified: boolean("two_factor_verified").notNull().default(false),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: bytea("code_hash").notNull(),
    usedAt: timestamptz("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/**
 * Hashed, expiring, single-purpose tokens: password reset, invitations, email
 * change, person links, one-tap register links, waitlist offers.
 * The token given out is `${id}.${secret}`; only SHA-256(secret) is kept.
 */
export const oneTimeTokens = pgTable(
  "one_time_tokens",
  {
    id: text("id").primaryKey(),
    purpose: text("purpose", {
      enum: [
        "password_reset",
        "invitation",
        "email_change",
        "person_link",
        "register_link",
        "waitlist_offer",
        "sign_up",
      ],
    }).notNull(),
    secretHash: bytea("secret_hash").notNull(),
    /** What the token is scoped to: a user, invitation, referral or session id. */
    subjectId: text("subject_id").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    expiresAt: timestamptz("expires_at").notNull(),
    usedAt: timestamptz("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("one_time_tokens_subject_idx").on(t.purpose, t.subjectId)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    at: timestamptz("at").notNull().defaultNow(),
    /** Null once the actor deleted their account (actorLabel keeps "deleted user"). */
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_actor_idx").on(t.actorUserId)],
);

/** Fixed-window counters, in the database so limits hold across processes. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamptz("window_start").notNull(),
  count: integer("count").notNull().default(0),
});
