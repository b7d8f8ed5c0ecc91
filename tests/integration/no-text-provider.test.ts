/**
 * A public production site with no text provider: texts wait in the outbox
 * and reach nobody, so a mobile-only "ask for a place" shows the person their
 * own link once on the page, and a repeat only that they asked before.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

// Before anything reads the settings (they are read once per process).
vi.hoisted(() => {
  process.env.NODE_ENV = "production";
  process.env.PUBLIC_URL = "https://linkway.example.org";
  delete process.env.NOTIFY_API_KEY;
  delete process.env.SMS_HTTP_URL;
});

import { getDb } from "../../db/client";
import { outbox, referrals } from "../../db/schema";
import { CLIENT_IP_HEADER } from "~/modules/accounts/index.server";
import { textsAreDelivered } from "~/modules/notifications/index.server";
import { loadPersonPage } from "~/modules/referrals/index.server";
import { action as requestAction } from "~/routes/activities.$id_.request-a-place/route";
import { createActivity } from "../factories";
import { tokenOf } from "../factories/referrals";
import { requestAs } from "../setup/auth";
import { callRoute } from "../setup/routes";

async function ask(activityId: string, phone: string, ip: string) {
  const form = { requestId: crypto.randomUUID(), firstName: "Ade", lastName: "Okoro", email: "", phone, consent: "on" };
  return callRoute(requestAction, await requestAs(null, `/activities/${activityId}/request-a-place`, { form, headers: { [CLIENT_IP_HEADER]: ip } }), { id: activityId });
}

describe("asking for a place by mobile on a public site without a text provider", () => {
  it("shows a new request its own link once, and a repeat only that they asked before", async () => {
    expect(textsAreDelivered()).toBe(false);
    const activity = await createActivity({ selfReferral: true });
    const first = await ask(activity.id, "07700 900123", "198.51.100.10");
    expect(first.status).toBe(200);
    const shown = (first.body as { shown: { link: string; code: string } }).shown;
    const db = await getDb();
    const [referral] = await db.select().from(referrals).where(eq(referrals.activityId, activity.id));
    expect(shown.code).toBe(referral.code);
    expect(shown.link.startsWith("https://linkway.example.org/r/")).toBe(true);
    const page = await loadPersonPage(tokenOf(shown.link));
    expect(page.status === "ok" && page.page.referral.code).toBe(referral.code);

    const repeat = await ask(activity.id, "+44 7700 900123", "198.51.100.11");
    expect(repeat.body).toMatchObject({ kind: "done", alreadyAsked: true });
    expect((repeat.body as { shown?: unknown }).shown).toBeUndefined();
    // The texts still wait for a provider.
    expect(await db.select().from(outbox).where(eq(outbox.topic, "sms"))).toHaveLength(2);
  });
});
