import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatCost } from "~/modules/activities/format";
import { listPublishedActivities } from "~/modules/activities/public-activities.server";

export const meta: MetaFunction = () => [{ title: "Find an activity — Linkway" }];

const pageSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  per_page: z.coerce.number().int().min(1).max(50).catch(20),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { page, per_page } = pageSchema.parse(params);
  return listPublishedActivities({ page, perPage: per_page });
}

export default function SearchPage() {
  const { total, page, perPage, results } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <div className="container">
      <h1>Find an activity</h1>
      <p>
        {total} activities. Page {page} of {pages}.
      </p>
      <ul className="card-list">
        {results.map((a) => (
          <li key={a.id} className="card">
            <h2>
              <Link to={`/activities/${a.id}`}>{a.title}</Link>
            </h2>
            <p className="meta-row">
              <span>{a.categoryName}</span>
              <span>{a.online ? "Online" : a.town}</span>
              <span>{formatCost(a.costType, a.costPence)}</span>
            </p>
            <p>{a.summary}</p>
            <p className="muted">Run by {a.organisationName}</p>
          </li>
        ))}
      </ul>
      <nav aria-label="Pages of results">
        <ul className="pagination">
          {page > 1 && (
            <li>
              <Link className="button secondary" to={`?page=${page - 1}`}>
                Previous page
              </Link>
            </li>
          )}
          {page < pages && (
            <li>
              <Link className="button secondary" to={`?page=${page + 1}`}>
                Next page
              </Link>
            </li>
          )}
        </ul>
      </nav>
    </div>
  );
}
