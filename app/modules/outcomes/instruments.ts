/**
 * Wellbeing instruments asked at referral (baseline) and later (follow-up).
 * Browser-safe: the same schemas validate the form in the browser and on the server.
 *
 * ONS4: the Office for National Statistics' four personal well-being
 * questions, each 0–10. UCLA-3: the three-item loneliness scale used by the
 * ONS, each answered 1–3, total 3–9 (higher is lonelier).
 */
import { z } from "zod";

export type Instrument = "ons4" | "ucla3";
export type Phase = "baseline" | "follow_up";

export const ons4Questions = [
  { key: "life_satisfaction", text: "Overall, how satisfied are you with your life nowadays?", low: "Not at all", high: "Completely" },
  { key: "worthwhile", text: "Overall, to what extent do you feel that the things you do in your life are worthwhile?", low: "Not at all", high: "Completely" },
  { key: "happiness", text: "Overall, how happy did you feel yesterday?", low: "Not at all", high: "Completely" },
  { key: "anxiety", text: "On a scale where 0 is “not at all anxious” and 10 is “completely anxious”, overall, how anxious did you feel yesterday?", low: "Not at all anxious", high: "Completely anxious" },
] as const;

export type Ons4Key = (typeof ons4Questions)[number]["key"];

export const ucla3Questions = [
  { key: "lack_companionship", text: "How often do you feel that you lack companionship?" },
  { key: "left_out", text: "How often do you feel left out?" },
  { key: "isolated", text: "How often do you feel isolated from others?" },
] as const;

export type Ucla3Key = (typeof ucla3Questions)[number]["key"];

export const ucla3Options = [
  { value: 1, label: "Hardly ever or never" },
  { value: 2, label: "Some of the time" },
  { value: 3, label: "Often" },
] as const;

const zeroToTen = z.coerce
  .number({ error: "Choose a number from 0 to 10" })
  .int({ error: "Choose a whole number from 0 to 10" })
  .min(0, { error: "Choose a number from 0 to 10" })
  .max(10, { error: "Choose a number from 0 to 10" });

const oneToThree = z.coerce
  .number({ error: "Choose one of the answers" })
  .int({ error: "Choose one of the answers" })
  .min(1, { error: "Choose one of the answers" })
  .max(3, { error: "Choose one of the answers" });

export const ons4AnswersSchema = z.object({
  life_satisfaction: zeroToTen,
  worthwhile: zeroToTen,
  happiness: zeroToTen,
  anxiety: zeroToTen,
});

export const ucla3AnswersSchema = z.object({
  lack_companionship: oneToThree,
  left_out: oneToThree,
  isolated: oneToThree,
});

export type Ons4Answers = z.infer<typeof ons4AnswersSchema>;
export type Ucla3Answers = z.infer<typeof ucla3AnswersSchema>;

export type Band = "very_low" | "low" | "medium" | "high" | "very_high";

/**
 * ONS thresholds. Life satisfaction, worthwhile and happiness: 0–4 low,
 * 5–6 medium, 7–8 high, 9–10 very high. Anxiety (where lower is better):
 * 0–1 very low, 2–3 low, 4–5 medium, 6–10 high.
 */
export function ons4Band(key: Ons4Key, score: number): Band {
  if (key === "anxiety") {
    if (score <= 1) return "very_low";
    if (score <= 3) return "low";
    if (score <= 5) return "medium";
    return "high";
  }
  if (score <= 4) return "low";
  if (score <= 6) return "medium";
  if (score <= 8) return "high";
  return "very_high";
}

export const bandLabels: Record<Band, string> = {
  very_low: "Very low",
  low: "Low",
  medium: "Medium",
  high: "High",
  very_high: "Very high",
};

/** UCLA-3 total, 3 (least lonely) to 9 (most lonely). */
export function ucla3Score(answers: Ucla3Answers): number {
  return answers.lack_companionship + answers.left_out + answers.isolated;
}

/** Scores of 6 or more are commonly read as "lonely" on the 3-item scale. */
export function isLonely(score: number): boolean {
  return score >= 6;
}
