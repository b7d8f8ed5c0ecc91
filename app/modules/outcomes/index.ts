// The outcomes module's public face for code that also runs in the browser.
export { compareMeasures, type MeasureComparison, type OutcomeComparison } from "./comparison";
export { type Ons4Answers, ons4AnswersSchema, ons4Questions, type Ucla3Answers, ucla3AnswersSchema, ucla3Options, ucla3Questions, ucla3Score } from "./instruments";
export { type WellbeingCheckAnswers, wellbeingCheckSchema } from "./schemas";
