import type { FormMetadata } from "@conform-to/react";

/**
 * After a submit that failed, every problem listed at the top of the form,
 * each a link to the message beside its field. Without JavaScript this is the
 * only way to learn about an error inside a part of the form that was closed.
 */
export function ErrorSummary({
  form,
  labels = {},
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: FormMetadata<any, string[]>;
  /** Words naming a field whose own message would be unclear out of place (a question's text). */
  labels?: Record<string, string>;
}) {
  if (form.status !== "error") return null;
  const fieldErrors = Object.entries(form.allErrors).filter(([name, errors]) => name !== "" && name !== form.id && errors.length);
  if (!fieldErrors.length && !form.errors?.length) return null;
  return (
    <div className="error-summary" role="alert" id={form.errorId} aria-labelledby={`${form.id}-summary-title`} tabIndex={-1}>
      <h2 id={`${form.id}-summary-title`}>There is a problem</h2>
      {form.errors?.map((e) => (
        <p key={e}>{e}</p>
      ))}
      {fieldErrors.length > 0 && (
        <ul>
          {fieldErrors.map(([name, errors]) => (
            <li key={name}>
              <a href={`#${form.id}-${name}-error`}>{labels[name] ? `${labels[name]}: ${errors.join(". ")}` : errors.join(". ")}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
