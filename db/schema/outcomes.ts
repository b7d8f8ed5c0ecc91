import { integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { referrals } from "./referrals";

export const outcomeResponses = pgTable(
  "outcome_responses",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    instrument: text("instrument", { enum: ["ons4", "ucla3"] }).notNull(),
    phase: text("phase", { enum: ["baseline", "follow_up"] }).notNull(),
    answers: jsonb("answers").$type<Record<string, number>>().notNull(),
    score: integer("score"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("outcome_responses_key").on(t.referralId, t.instrument, t.phase),
  ],
);
