import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { Field } from "~/components/forms/field";
import { OptionChoices } from "~/components/forms/choice-group";
import { actionGroupLabels, rhythmLabels } from "~/modules/actions";

export interface LibraryOption {
  id: string;
  group: string;
  title: string;
  rhythm: string;
}

const rhythmChoices = { "": "As the library suggests", ...rhythmLabels };

/**
 * One prescribed action: from the library or written for this person, how
 * often, and from when to when. `fields` is the action's fieldset (of a single
 * `action`, or of one of `actions[n]`).
 */
type ActionFieldName = "libraryActionId" | "title" | "howTo" | "rhythm" | "timesPerWeek" | "startsOn" | "endsOn";

export function ActionFields({
  fields: f,
  library,
  legend,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fields: Record<ActionFieldName, FieldMetadata<any>>;
  library: LibraryOption[];
  legend: string;
}) {
  const groups = Object.entries(actionGroupLabels).map(([key, label]) => ({ label, items: library.filter((l) => l.group === key) }));
  return (
    <fieldset className="card action-fields">
      <legend>{legend}</legend>
      <Field label="Choose from the library" hint="Each one shows how often it is usually done." meta={f.libraryActionId}>
        {(p) => (
          <select {...getSelectProps(f.libraryActionId)} {...p}>
            <option value="">None: I will write one below</option>
            {groups.map((g) =>
              g.items.length ? (
                <optgroup key={g.label} label={g.label}>
                  {g.items.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.title} ({l.rhythm.toLowerCase()})
                    </option>
                  ))}
                </optgroup>
              ) : null,
            )}
          </select>
        )}
      </Field>
      <Field label="Or write one for this person" hint="In their words, like “Ring my sister on Sunday”." meta={f.title}>
        {(p) => <input {...getInputProps(f.title, { type: "text" })} {...p} maxLength={80} />}
      </Field>
      <Field label="How to start (optional)" hint="One line." meta={f.howTo}>
        {(p) => <input {...getInputProps(f.howTo, { type: "text" })} {...p} maxLength={200} />}
      </Field>
      <OptionChoices legend="How often" meta={f.rhythm} type="radio" options={rhythmChoices} />
      <Field label="Times a week (when it is some days each week)" meta={f.timesPerWeek}>
        {(p) => <input {...getInputProps(f.timesPerWeek, { type: "number" })} {...p} min={1} max={7} inputMode="numeric" className="narrow-input" />}
      </Field>
      <div className="field-row">
        <Field label="Start" meta={f.startsOn}>
          {(p) => <input {...getInputProps(f.startsOn, { type: "date" })} {...p} />}
        </Field>
        <Field label="End" meta={f.endsOn}>
          {(p) => <input {...getInputProps(f.endsOn, { type: "date" })} {...p} />}
        </Field>
      </div>
    </fieldset>
  );
}
