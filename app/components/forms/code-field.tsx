import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { Field } from "./field";

/**
 * A one-time code from an authenticator app. `digitsOnly` when a recovery
 * code cannot be given instead (setting up), so phones show a number pad.
 */
export function CodeField({
  meta,
  label = "Code",
  hint,
  digitsOnly = false,
}: {
  meta: FieldMetadata<string | undefined>;
  label?: string;
  hint?: string;
  digitsOnly?: boolean;
}) {
  return (
    <Field label={label} hint={hint} meta={meta}>
      {(props) => (
        <input
          {...getInputProps(meta, { type: "text" })}
          {...props}
          autoComplete="one-time-code"
          inputMode={digitsOnly ? "numeric" : "text"}
          spellCheck={false}
          className="code-input"
        />
      )}
    </Field>
  );
}
