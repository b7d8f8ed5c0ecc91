import type { ReactNode } from "react";

/**
 * A table of rows with a caption for screen readers and column headers
 * (`th scope="col"`), inside a box that scrolls sideways on a narrow screen
 * rather than squashing the columns. Rows are the children (`<tr>`s).
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
  return (
    <div className={wrapClassName}>
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
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
