import { readQuery } from "~/utils/read-form.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ActivityStatusTag } from "~/components/activities/activity-status-tag";
import { DataTable } from "~/components/layout/data-table";
import { Pager } from "~/components/layout/pager";
import { requireProviderOrganisation, listOrganisationActivities, listSessionsThisWeek } from "~/modules/activities/index.server";
import { editorUrl, registerUrl, sessionsUrl, DASHBOARD_PAGE_SIZE, dashboardQuerySchema } from "~/modules/activities";
import { now } from "~/utils/clock.server";
import { formatInTimezone } from "~/utils/time";
import { listFailingCalendarImports } from "~/modules/interop/index.server";

export const meta: MetaFunction = () => [{ title: "Your activities — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisation, providerOrganisations } = await requireProviderOrganisation(request);
  const query = dashboardQuerySchema.parse(Object.fromEntries(readQuery(request)));
  const current = now();
  const [listing, week, failing] = await Promise.all([
    listOrganisationActivities(organisation.organisationId, query, current),
    listSessionsThisWeek(organisation.organisationId, current),
    listFailingCalendarImports(organisation.organisationId),
  ]);
  const calendarProblems = failing.map((f) => ({
    activityId: f.activityId,
    title: f.title,
    reason: f.lastError,
    lastGood: f.lastGoodAt && formatInTimezone(f.lastGoodAt, "Europe/London", "datetime"),
  }));
  return { organisation, providerOrganisations, query, listing, week, calendarProblems };
}

const sortLabels = { next_session: "Next session", title: "Title (A to Z)", updated: "Recently changed" };

export default function OrganiserDashboard() {
  const { organisation, providerOrganisations, query, listing, week, calendarProblems } = useLoaderData<typeof loader>();
  const several = providerOrganisations.length > 1;
  const orgParam: Record<string, string> = several ? { org: organisation.organisationId } : {};
  const pages = Math.max(1, Math.ceil(listing.total / DASHBOARD_PAGE_SIZE));
  const filters = new URLSearchParams({ ...orgParam, status: query.status, sort: query.sort }).toString();
  const allCount = listing.counts.draft + listing.counts.published + listing.counts.archived;
  return (
    <div className="container">
      <h1>Your activities</h1>
      <p className="lead">{organisation.organisationName}</p>
      {several && (
        <Form method="get" className="org-switcher inline-form">
          <div className="field">
            <label htmlFor="org">Organisation</label>
            <select id="org" name="org" defaultValue={organisation.organisationId}>
              {providerOrganisations.map((o) => (
                <option key={o.organisationId} value={o.organisationId}>
                  {o.organisationName}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            Switch organisation
          </button>
        </Form>
      )}
      <p>
        <Link className="button" to={`/organiser/activities/new${several ? `?org=${organisation.organisationId}` : ""}`}>
          Add an activity
        </Link>{" "}
        <Link className="button secondary" to={`/organisations/${organisation.organisationId}/import`}>
          Import activities
        </Link>
      </p>

      {calendarProblems.length > 0 && (
        <section className="notice warn" role="alert" aria-labelledby="calendar-problems-heading">
          <h2 id="calendar-problems-heading">Calendars we could not read</h2>
          <ul>
            {calendarProblems.map((p) => (
              <li key={p.activityId}>
                <Link to={`${sessionsUrl(p.activityId)}#calendar`}>{p.title}</Link>: {p.reason}.{" "}
                {p.lastGood ? `Its sessions are as they were at the last good check, ${p.lastGood}.` : "It has never been read."}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="week-heading">
        <h2 id="week-heading">Sessions in the next 7 days</h2>
        {week.length === 0 ? (
          <p>No sessions in the next 7 days.</p>
        ) : (
          <DataTable caption="Sessions in the next 7 days" columns={["When", "Activity", "Places", "Register"]}>
            {week.map((s) => (
              <tr key={s.id}>
                <td>
                  {formatInTimezone(new Date(s.startsAt), s.timezone, "date")}, {formatInTimezone(new Date(s.startsAt), s.timezone, "time")}
                </td>
                <td>
                  <Link to={sessionsUrl(s.activityId)}>{s.activityTitle}</Link>
                </td>
                <td>
                  {s.status === "cancelled" ? (
                    <span className="status">Cancelled</span>
                  ) : (
                    `${s.bookedCount} of ${s.capacity} booked`
                  )}
                </td>
                <td>{s.status === "cancelled" ? "—" : <Link to={registerUrl(s.id)}>Open register</Link>}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="activities-heading">
        <h2 id="activities-heading">Activities</h2>
        <Form method="get" className="inline-form filter-form">
          {several && <input type="hidden" name="org" value={organisation.organisationId} />}
          <div className="field">
            <label htmlFor="status">Show</label>
            <select id="status" name="status" defaultValue={query.status}>
              <option value="all">All ({allCount})</option>
              <option value="published">Published ({listing.counts.published})</option>
              <option value="draft">Drafts ({listing.counts.draft})</option>
              <option value="archived">Archived ({listing.counts.archived})</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="sort">Sort by</label>
            <select id="sort" name="sort" defaultValue={query.sort}>
              {Object.entries(sortLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            Show
          </button>
        </Form>
        {listing.activities.length === 0 ? (
          <p>{allCount === 0 ? "You have not added any activities yet." : "No activities match."}</p>
        ) : (
          <DataTable
            caption={`Activities, page ${query.page} of ${pages}`}
            columns={["Activity", "Status", "Next session", "Places left", "Sessions"]}
          >
            {listing.activities.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={editorUrl(a.id)}>{a.title}</Link>
                  <br />
                  <span className="muted">{a.categoryName}</span>
                </td>
                <td>
                  <ActivityStatusTag status={a.status} />
                </td>
                <td>
                  {a.nextSession
                    ? `${formatInTimezone(new Date(a.nextSession.startsAt), a.timezone, "date")}, ${formatInTimezone(new Date(a.nextSession.startsAt), a.timezone, "time")}`
                    : "None planned"}
                </td>
                <td>{a.nextSession ? (a.nextSession.placesLeft === 0 ? "Full" : a.nextSession.placesLeft) : "—"}</td>
                <td>
                  <Link to={sessionsUrl(a.id)}>
                    Manage<span className="visually-hidden"> sessions of {a.title}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pager page={query.page} pages={pages} search={filters} label="Pages of activities" />
      </section>
    </div>
  );
}
