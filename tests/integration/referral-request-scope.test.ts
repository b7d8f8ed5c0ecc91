import { describe, expect, it } from "vitest";
import { createReferrals } from "~/modules/referrals/index.server";
import { createActivity } from "../factories";
import { createReferrer, referralValues } from "../factories/referrals";

describe("a referral form's requestId", () => {
  it("never shows another team's referrals: a reused id from another team makes a fresh referral", async () => {
    const activity = await createActivity({ status: "published" });
    const theirs = await createReferrer();
    const ours = await createReferrer();
    const values = referralValues([activity.id]);
    const first = await createReferrals(values, { userId: theirs.user.id, organisationId: theirs.organisation.id });
    expect(first.kind).toBe("created");
    if (first.kind !== "created") return;

    const second = await createReferrals({ ...referralValues([activity.id]), requestId: values.requestId }, { userId: ours.user.id, organisationId: ours.organisation.id });
    expect(second.kind).toBe("created");
    if (second.kind === "refused") return;
    expect(second.referrals.map((r) => r.code)).not.toContain(first.referrals[0].code);
  });

  it("still finds the same team's first submit when the form is sent twice", async () => {
    const activity = await createActivity({ status: "published" });
    const team = await createReferrer();
    const values = referralValues([activity.id]);
    const first = await createReferrals(values, { userId: team.user.id, organisationId: team.organisation.id });
    const again = await createReferrals(values, { userId: team.user.id, organisationId: team.organisation.id });
    expect(again.kind).toBe("repeat");
    if (first.kind === "refused" || again.kind === "refused") return;
    expect(again.referrals.map((r) => r.code)).toEqual(first.referrals.map((r) => r.code));
  });
});
