import type { FieldMetadata } from "@conform-to/react";
import { baselineChoiceLabels, baselineChoices } from "~/modules/referrals";
import { ons4Questions, ucla3Options, ucla3Questions } from "~/modules/outcomes";
import { OptionChoices } from "~/components/forms/choice-group";
import { Field } from "~/components/forms/field";

const zeroToTen = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [String(i), String(i)]));
const ucla3Choices = Object.fromEntries(ucla3Options.map((o) => [String(o.value), o.label]));
const choiceOptions = Object.fromEntries(baselineChoices.map((c) => [c, baselineChoiceLabels[c]]));

/** Field names of the wellbeing questions with their words, so the error summary can say which question needs an answer. */
export const wellbeingQuestionLabels: Record<string, string> = Object.fromEntries([
  ...ons4Questions.map((q) => [`ons4.${q.key}`, q.text]),
  ...ucla3Questions.map((q) => [`ucla3.${q.key}`, q.text]),
]);

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The "before" wellbeing check (ONS4 and UCLA-3): the referrer says how it is
 * done, so a missing baseline is a choice with a reason. The questions sit in
 * a <details> that is open when "ask now" is chosen or when an answer needs
 * fixing (without JavaScript an error in a closed section would be invisible).
 */
export function WellbeingFields({
  choice,
  reason,
  ons4Fields,
  ucla3Fields,
}: {
  choice: FieldMetadata<any>;
  reason: FieldMetadata<any>;
  ons4Fields: Record<string, FieldMetadata<any>>;
  ucla3Fields: Record<string, FieldMetadata<any>>;
}) {
  const hasErrors = [...Object.values(ons4Fields), ...Object.values(ucla3Fields)].some((f) => f.errors?.length);
  return (
    <section className="wellbeing" aria-labelledby="wellbeing-heading">
      <h2 id="wellbeing-heading">Wellbeing before they start</h2>
      <p>Seven short questions now, and again after a few weeks, show whether things have changed for the person.</p>
      <OptionChoices legend="How will the person answer the wellbeing questions?" meta={choice} type="radio" options={choiceOptions} />
      <Field label="If not appropriate, why not?" hint="A few words, for example “in crisis today”. Only you and your team see this." meta={reason}>
        {(aria) => <input type="text" id={reason.id} name={reason.name} defaultValue={reason.initialValue as string | undefined} maxLength={500} {...aria} />}
      </Field>
      <details open={choice.value === "now" || hasErrors || undefined}>
        <summary>The questions, to ask now</summary>
        <p>Ask the person these questions and record their answers.</p>
        <h3>Personal wellbeing (ONS4)</h3>
        <p className="hint">0 means “not at all” and 10 means “completely”.</p>
        {ons4Questions.map((q) => (
          <OptionChoices key={q.key} legend={q.text} hint={`0 = ${q.low}, 10 = ${q.high}`} meta={ons4Fields[q.key]} type="radio" options={zeroToTen} inline />
        ))}
        <h3>Loneliness (UCLA 3-item scale)</h3>
        {ucla3Questions.map((q) => (
          <OptionChoices key={q.key} legend={q.text} meta={ucla3Fields[q.key]} type="radio" options={ucla3Choices} inline />
        ))}
      </details>
    </section>
  );
}
/* eslint-enable @typescript-eslint/no-explicit-any */
