// The wellbeing measures the impact report compares; the page's measure picker needs them in the browser.
export const impactMeasures = [
  { key: "life_satisfaction", label: "Life satisfaction (0 to 10)", higherIsBetter: true },
  { key: "worthwhile", label: "Things done are worthwhile (0 to 10)", higherIsBetter: true },
  { key: "happiness", label: "Happiness yesterday (0 to 10)", higherIsBetter: true },
  { key: "anxiety", label: "Anxiety yesterday (0 to 10, lower is better)", higherIsBetter: false },
  { key: "ucla3", label: "Loneliness, UCLA-3 (3 to 9, lower is better)", higherIsBetter: false },
] as const;

export type ImpactMeasure = (typeof impactMeasures)[number]["key"];
