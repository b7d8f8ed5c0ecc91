/** The follow-up wellbeing form: ONS4 and UCLA-3 together, one schema for browser and server. */
import { z } from "zod";
import { ons4AnswersSchema, ucla3AnswersSchema } from "./instruments";

export const wellbeingCheckSchema = z.object({ ...ons4AnswersSchema.shape, ...ucla3AnswersSchema.shape });

export type WellbeingCheckAnswers = z.infer<typeof wellbeingCheckSchema>;
