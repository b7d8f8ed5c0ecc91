import { getInputProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

/**
 * One checkbox that must be ticked or may be (consent, "I understand…"), its
 * label the children, with its error beneath. Conform's props tie the box to
 * the error for screen readers.
 */
export function CheckboxField({
  meta,
  className,
  children,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  meta: FieldMetadata<any>;
  className?: string;
  children: ReactNode;
}) {
  const errorId = meta.errors?.length ? meta.errorId : undefined;
  return (
    <div className={`field${className ? ` ${className}` : ""}${errorId ? " has-error" : ""}`}>
      <label className="choice" htmlFor={meta.id}>
        <input {...getInputProps(meta, { type: "checkbox" })} />
        {children}
      </label>
      {errorId && (
        <p className="field-error" id={errorId}>
          {meta.errors!.join(". ")}
        </p>
      )}
    </div>
  );
}
