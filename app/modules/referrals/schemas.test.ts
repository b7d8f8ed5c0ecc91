import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { referralFormSchema, selfReferralFormSchema } from "./schemas";

const activity = "7d9f0d2c-0000-4000-8000-000000000001";
const requestId = "7d9f0d2c-0000-4000-8000-0000000000aa";

function form(values: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) data.append(k, item);
  return data;
}

const valid = { requestId, activity, firstName: "Margaret", lastName: "T", email: "Margaret@Example.org", consent: "on", baselineChoice: "by_link" };

describe("referral form", () => {
  it("accepts a minimal referral and fills in the preferred contact", () => {
    const result = parseWithZod(form(valid), { schema: referralFormSchema });
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value).toMatchObject({ email: "margaret@example.org", preferredContact: "email", reasons: [], activity: [activity] });
    expect(result.value.baseline).toEqual({ choice: "by_link", reason: null, ons4: null, ucla3: null });
  });

  it("requires consent", () => {
    const { consent: _c, ...rest } = valid;
    const result = parseWithZod(form(rest), { schema: referralFormSchema });
    expect(result.status).toBe("error");
    expect(result.reply().error?.consent?.[0]).toMatch(/Tick the box/);
  });

  it("requires at least one way to reach the person", () => {
    const { email: _e, ...rest } = valid;
    const result = parseWithZod(form(rest), { schema: referralFormSchema });
    expect(result.reply().error?.email?.[0]).toMatch(/email address or a UK mobile/);
  });

  it("refuses a malformed email and a non-UK or landline number", () => {
    const result = parseWithZod(form({ ...valid, email: "margaret@", phone: "0113 496 0000" }), { schema: referralFormSchema });
    const errors = result.reply().error!;
    expect(errors.email?.[0]).toMatch(/right format/);
    expect(errors.phone?.[0]).toMatch(/UK mobile/);
  });

  it("normalises a mobile and checks the preferred contact exists", () => {
    const ok = parseWithZod(form({ ...valid, email: "", phone: "07700 900123", preferredContact: "sms" }), { schema: referralFormSchema });
    expect(ok.status === "success" && ok.value.phone).toBe("+447700900123");
    const bad = parseWithZod(form({ ...valid, preferredContact: "sms" }), { schema: referralFormSchema });
    expect(bad.reply().error?.preferredContact?.[0]).toMatch(/mobile number/);
  });

  it("takes several activities and reason tags", () => {
    const second = "7d9f0d2c-0000-4000-8000-000000000002";
    const result = parseWithZod(form({ ...valid, activity: [activity, second, activity], reasons: ["loneliness", "low_mood"] }), { schema: referralFormSchema });
    expect(result.status === "success" && result.value.activity).toEqual([activity, second]);
    expect(result.status === "success" && result.value.reasons).toEqual(["loneliness", "low_mood"]);
    const bad = parseWithZod(form({ ...valid, reasons: ["astrology"] }), { schema: referralFormSchema });
    expect(bad.status).toBe("error");
  });

  it("asks how the wellbeing check is done: all questions now, by link, or a reason why not", () => {
    const ons4 = { "ons4.life_satisfaction": "4", "ons4.worthwhile": "5", "ons4.happiness": "3", "ons4.anxiety": "7" };
    const ucla3 = { "ucla3.lack_companionship": "3", "ucla3.left_out": "2", "ucla3.isolated": "3" };
    const { baselineChoice: _b, ...unchosen } = valid;
    expect(parseWithZod(form(unchosen), { schema: referralFormSchema }).reply().error?.baselineChoice?.[0]).toMatch(/Choose how the wellbeing questions/);

    const full = parseWithZod(form({ ...valid, baselineChoice: "now", ...ons4, ...ucla3 }), { schema: referralFormSchema });
    expect(full.status === "success" && full.value.baseline).toEqual({
      choice: "now",
      reason: null,
      ons4: { life_satisfaction: 4, worthwhile: 5, happiness: 3, anxiety: 7 },
      ucla3: { lack_companionship: 3, left_out: 2, isolated: 3 },
    });
    // "Ask now" with nothing answered is a check silently lost: every question is pointed at.
    const none = parseWithZod(form({ ...valid, baselineChoice: "now" }), { schema: referralFormSchema });
    expect(Object.keys(none.reply().error ?? {})).toEqual(expect.arrayContaining(["ons4.life_satisfaction", "ons4.anxiety", "ucla3.isolated"]));
    const outOfRange = parseWithZod(form({ ...valid, baselineChoice: "now", ...ons4, ...ucla3, "ons4.anxiety": "11" }), { schema: referralFormSchema });
    expect(outOfRange.reply().error?.["ons4.anxiety"]?.[0]).toMatch(/0 to 10/);

    const noReason = parseWithZod(form({ ...valid, baselineChoice: "not_appropriate" }), { schema: referralFormSchema });
    expect(noReason.reply().error?.baselineReason?.[0]).toMatch(/why/);
    const reason = parseWithZod(form({ ...valid, baselineChoice: "not_appropriate", baselineReason: "In crisis today", ...ons4 }), { schema: referralFormSchema });
    expect(reason.status === "success" && reason.value.baseline).toEqual({ choice: "not_appropriate", reason: "In crisis today", ons4: null, ucla3: null });
  });
});

describe("self-referral form", () => {
  it("asks for the person's own consent and contact", () => {
    const result = parseWithZod(form({ requestId, firstName: "Ade", lastName: "O" }), { schema: selfReferralFormSchema });
    const errors = result.reply().error!;
    expect(errors.consent?.[0]).toMatch(/agree/);
    expect(errors.email?.[0]).toMatch(/send you your link/);
  });
});
