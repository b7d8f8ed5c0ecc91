import { getCollectionProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

/**
 * A fieldset of checkboxes or radios with its legend, hint and error. The
 * fieldset carries aria-describedby so screen readers announce the error
 * when someone enters the group.
 */
export function ChoiceGroup({
  legend,
  hint,
  meta,
  children,
  className,
}: {
  legend: string;
  hint?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  meta: FieldMetadata<any>;
  children: ReactNode;
  className?: string;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const errorId = meta.errors?.length ? meta.errorId : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={`field choice-group${errorId ? " has-error" : ""}${className ? ` ${className}` : ""}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      {children}
      {errorId && (
        <p className="field-error" id={errorId}>
          {meta.errors!.join(". ")}
        </p>
      )}
    </fieldset>
  );
}

/** A ChoiceGroup of radios or checkboxes, one for each entry of `options` (value → label). */
export function OptionChoices({
  legend,
  hint,
  meta,
  type,
  options,
  inline,
}: {
  legend: string;
  hint?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  meta: FieldMetadata<any>;
  type: "radio" | "checkbox";
  options: Record<string, string>;
  inline?: boolean;
}) {
  return (
    <ChoiceGroup legend={legend} hint={hint} meta={meta}>
      <div className={inline ? "choice-row" : undefined}>
        {getCollectionProps(meta, { type, options: Object.keys(options) }).map(({ key, ...props }) => (
          <label className="choice" key={key} htmlFor={props.id}>
            <input {...props} key={key} />
            {options[props.value]}
          </label>
        ))}
      </div>
    </ChoiceGroup>
  );
}
