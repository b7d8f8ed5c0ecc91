import { Link } from "@remix-run/react";

/** Previous / next links that keep the other query parameters (filters) of the page. */
export function Pager({ page, pages, search }: { page: number; pages: number; search: string }) {
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(p));
    return `?${params.toString()}`;
  };
  return (
    <nav aria-label="Pages">
      <ul className="pagination">
        {page > 1 ? (
          <li>
            <Link to={href(page - 1)}>Previous page</Link>
          </li>
        ) : null}
        <li aria-current="page">
          Page {page} of {pages}
        </li>
        {page < pages ? (
          <li>
            <Link to={href(page + 1)}>Next page</Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
