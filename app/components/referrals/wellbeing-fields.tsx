import type { FieldMetadata } from "@conform-to/react";
import { ons4Questions, ucla3Options, ucla3Questions } from "~/modules/outcomes";
import { OptionChoices } from "~/components/forms/choice-group";

const zeroToTen = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [String(i), String(i)]));
const ucla3Choices = Object.fromEntries(ucla3Options.map((o) => [String(o.value), o.label]));

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The optional wellbeing check (ONS4 and UCLA-3), inside a <details> so it
 * stays out of the way; it opens by itself when an answer needs fixing.
 */
export function WellbeingFields({ ons4Fields, ucla3Fields }: { ons4Fields: Record<string, FieldMetadata<any>>; ucla3Fields: Record<string, FieldMetadata<any>> }) {
  const hasErrors = [...Object.values(ons4Fields), ...Object.values(ucla3Fields)].some((f) => f.errors?.length);
  return (
    <details className="wellbeing" open={hasErrors || undefined}>
      <summary>Add a wellbeing check now (optional)</summary>
      <p>
        Ask the person these questions and record their answers. Asking again later shows whether things have
        changed. Leave them all blank to skip.
      </p>
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
  );
}
/* eslint-enable @typescript-eslint/no-explicit-any */
