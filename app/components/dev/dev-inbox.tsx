import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatInTimezone, SITE_TIMEZONE } from "~/utils/time";

/**
 * The development inboxes (mailbox, texts): what the site would have sent,
 * newest first, filtered by recipient. The pages differ only in what a
 * message shows.
 */
export function DevInbox<T extends { id: string | number }>({
  heading,
  why,
  filterLabel,
  filterType,
  to,
  items,
  empty,
  className,
  alert,
  children,
}: {
  heading: string;
  why: string;
  filterLabel: string;
  filterType: "email" | "tel";
  to: string;
  items: T[];
  empty: string;
  className: string;
  /** A problem with what was just sent from the page. */
  alert?: string | null;
  children: (item: T) => ReactNode;
}) {
  return (
    <div className="container">
      <h1>{heading}</h1>
      <p>{why}</p>
      {alert && (
        <p className="field-error" role="alert">
          {alert}
        </p>
      )}
      <Form method="get" className="field">
        <label htmlFor="to">{filterLabel}</label>
        <div className="button-row">
          <input id="to" name="to" type={filterType} defaultValue={to} />
          <button type="submit">Filter</button>
        </div>
      </Form>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ol className="card-list" reversed>
          {items.map((item) => (
            <li key={item.id} className={`card ${className}`}>
              {children(item)}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** Assembled from parts (formatInTimezone), so server and browser render it alike. */
export const londonTime = (at: string | Date) => formatInTimezone(new Date(at), SITE_TIMEZONE);
