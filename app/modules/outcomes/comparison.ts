/**
 * Baseline against follow-up, per measure, with the change and whether it is
 * better or worse (for anxiety and loneliness, lower is better). Browser-safe:
 * the referral page renders this data.
 */
import {
  bandLabels,
  isLonely,
  ons4Band,
  ons4Questions,
  ucla3Score,
  type Instrument,
  type Ons4Key,
  type Ucla3Answers,
} from "./instruments";

export interface MeasureReading {
  value: number;
  band: string;
}

export interface MeasureComparison {
  key: string;
  instrument: Instrument;
  label: string;
  /** The range people answered in, e.g. "0 to 10". */
  scale: string;
  higherIsBetter: boolean;
  baseline: MeasureReading | null;
  followUp: MeasureReading | null;
  /** followUp − baseline, when both exist. */
  change: number | null;
  direction: "better" | "worse" | "same" | null;
}

export interface OutcomeComparison {
  referralId: string;
  baselineAt: string | null;
  followUpAt: string | null;
  followUpSentAt: string | null;
  /** Sessions attended after the baseline and up to the follow-up (or now, without one). */
  sessionsAttendedBetween: number;
  measures: MeasureComparison[];
}

export interface StoredResponse {
  instrument: Instrument;
  answers: Record<string, number>;
}

const ons4Labels: Record<Ons4Key, string> = {
  life_satisfaction: "Life satisfaction",
  worthwhile: "Feeling that life is worthwhile",
  happiness: "Happiness yesterday",
  anxiety: "Anxiety yesterday",
};

function loneliness(score: number): MeasureReading {
  return { value: score, band: isLonely(score) ? "Lonely" : "Not lonely" };
}

function direction(change: number | null, higherIsBetter: boolean): MeasureComparison["direction"] {
  if (change === null) return null;
  if (change === 0) return "same";
  return change > 0 === higherIsBetter ? "better" : "worse";
}

function isCompleteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

export function compareMeasures(baseline: StoredResponse[], followUp: StoredResponse[]): MeasureComparison[] {
  const find = (list: StoredResponse[], instrument: Instrument) => list.find((r) => r.instrument === instrument)?.answers;
  const measures: MeasureComparison[] = [];
  for (const q of ons4Questions) {
    const higherIsBetter = q.key !== "anxiety";
    const read = (answers: Record<string, number> | undefined): MeasureReading | null => {
      const value = answers?.[q.key];
      return isCompleteNumber(value) ? { value, band: bandLabels[ons4Band(q.key, value)] } : null;
    };
    const before = read(find(baseline, "ons4"));
    const after = read(find(followUp, "ons4"));
    const change = before && after ? after.value - before.value : null;
    measures.push({
      key: q.key,
      instrument: "ons4",
      label: ons4Labels[q.key],
      scale: "0 to 10",
      higherIsBetter,
      baseline: before,
      followUp: after,
      change,
      direction: direction(change, higherIsBetter),
    });
  }
  const readUcla = (answers: Record<string, number> | undefined): MeasureReading | null => {
    if (!answers) return null;
    const { lack_companionship, left_out, isolated } = answers;
    if (![lack_companionship, left_out, isolated].every(isCompleteNumber)) return null;
    return loneliness(ucla3Score({ lack_companionship, left_out, isolated } as Ucla3Answers));
  };
  const before = readUcla(find(baseline, "ucla3"));
  const after = readUcla(find(followUp, "ucla3"));
  const change = before && after ? after.value - before.value : null;
  measures.push({
    key: "loneliness",
    instrument: "ucla3",
    label: "Loneliness (UCLA 3-item)",
    scale: "3 to 9, lower is less lonely",
    higherIsBetter: false,
    baseline: before,
    followUp: after,
    change,
    direction: direction(change, false),
  });
  return measures;
}
