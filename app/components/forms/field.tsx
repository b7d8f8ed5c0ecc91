import type { FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

/**
 * A labelled field with its hint and error next to it. The child gets the
 * aria attributes that tie the control to the hint and error.
 */
export function Field({
  label,
  hint,
  meta,
  children,
}: {
  label: string;
  hint?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  meta: FieldMetadata<any>;
  children: (props: { "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const errorId = meta.errors?.length ? meta.errorId : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${errorId ? " has-error" : ""}`}>
      <label htmlFor={meta.id}>{label}</label>
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      {children({ "aria-describedby": describedBy, "aria-invalid": errorId ? true : undefined })}
      {errorId && (
        <p className="field-error" id={errorId}>
          {meta.errors!.join(". ")}
        </p>
      )}
    </div>
  );
}
