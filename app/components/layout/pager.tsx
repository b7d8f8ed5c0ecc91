import { Link } from "@remix-run/react";

/**
 * Previous / next links that keep the other query parameters (filters) of the
 * page. `search` is the query string the links start from; `position` says
 * "Page 2 of 5" between them, for pages that do not say it elsewhere.
 */
export function Pager({
  page,
  pages,
  search,
  label = "Pages",
  position = true,
}: {
  page: number;
  pages: number;
  search: string;
  label?: string;
  position?: boolean;
}) {
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(p));
    return `?${params.toString()}`;
  };
  return (
    <nav aria-label={label}>
      <ul className="pagination">
        {page > 1 ? (
          <li>
            <Link className="button secondary" to={href(page - 1)}>
              Previous page
            </Link>
          </li>
        ) : null}
        {position ? (
          <li aria-current="page">
            Page {page} of {pages}
          </li>
        ) : null}
        {page < pages ? (
          <li>
            <Link className="button secondary" to={href(page + 1)}>
              Next page
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
