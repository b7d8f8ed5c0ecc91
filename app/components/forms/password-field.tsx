import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { Field } from "./field";

/** A password input with its label, hint and error. New passwords get the rules as a hint. */
export function PasswordField({
  label,
  meta,
  autoComplete,
  hint,
}: {
  label: string;
  meta: FieldMetadata<string>;
  autoComplete: "current-password" | "new-password";
  hint?: string;
}) {
  return (
    <Field
      label={label}
      meta={meta}
      hint={hint ?? (autoComplete === "new-password" ? "At least 12 characters. A few random words are easy to remember and hard to guess." : undefined)}
    >
      {(props) => <input {...getInputProps(meta, { type: "password" })} {...props} autoComplete={autoComplete} />}
    </Field>
  );
}
