import { useId, type ReactNode } from "react";

/**
 * A table of rows with a caption for screen readers and column headers
 * (`th scope="col"`), inside a box that scrolls sideways on a narrow screen
 * rather than squashing the columns. Rows are the children (`<tr>`s).
 * The box is a named region in the tab order, so someone using a keyboard can
 * scroll it too (axe: scrollable-region-focusable).
 */
export function DataTable({
  caption,
  columns,
  className,
  wrapClassName = "table-scroll",
  children,
}: {
  caption: ReactNode;
  columns: readonly string[];
  className?: string;
  wrapClassName?: string;
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <div className={wrapClassName} role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={className}>
        <caption className="visually-hidden" id={captionId}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
