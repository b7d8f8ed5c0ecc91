import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/accounts/index.server";
import { calendarFeedActionSchema } from "~/modules/interop";
import { issueCalendarFeed, listCalendarFeeds, revokeCalendarFeed } from "~/modules/interop/index.server";
import { AccountPage } from "~/components/account/account-page";
import { StatusNotice } from "~/components/layout/status-notice";
import { now } from "~/utils/clock.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Calendar feeds — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const feeds = await listCalendarFeeds(user.id);
  return { feeds: feeds.map((f) => ({ ...f, activeSince: f.activeSince?.toISOString() ?? null })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const parsed = calendarFeedActionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ done: "That change could not be understood. Nothing was changed.", link: null }, { status: 400 });
  const { intent, organisationId } = parsed.data;
  if (intent === "off") {
    await revokeCalendarFeed({ userId: user.id, organisationId });
    return { done: "That calendar link no longer works. Calendars using it will stop updating.", link: null };
  }
  const link = await issueCalendarFeed({ userId: user.id, organisationId, now: now() });
  if (!link) return { done: "Nothing was changed.", link: null };
  return { done: "Your new calendar link is below. Any older link for this organisation no longer works.", link: { ...link, organisationId } };
}

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });

export default function CalendarFeeds() {
  const { feeds } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <AccountPage title="Calendar feeds">
      <StatusNotice message={data?.done} />
      <p>
        Add your sessions to the calendar on your phone or computer. The calendar updates itself. People are shown by
        first name and initial only.
      </p>
      <p>
        The link is private: anyone who has it can see the calendar. Do not share it. If you think someone else has it,
        make a new one (the old one stops working) or turn it off.
      </p>
      {feeds.length === 0 ? <p>Calendar feeds are for members of an organisation. You are not a member of one.</p> : null}
      <ul className="card-list">
        {feeds.map((f) => {
          const fresh = data?.link && data.link.organisationId === f.organisationId ? data.link : null;
          const label = f.kind === "caseload" ? "Upcoming sessions of the people you referred" : "All our upcoming sessions";
          return (
            <li key={f.organisationId} className="card">
              <h2 className="card-title">
                {f.organisationName}: {label}
              </h2>
              <p>{f.activeSince ? `A link is on (made ${when(f.activeSince)}).` : "No link yet."}</p>
              {fresh ? (
                <div>
                  <p>
                    <a href={fresh.webcal}>Add to my calendar</a>
                  </p>
                  <label htmlFor={`feed-${f.organisationId}`}>Or copy this link into your calendar app (shown once)</label>
                  <input id={`feed-${f.organisationId}`} type="text" readOnly value={fresh.url} />
                </div>
              ) : null}
              <Form method="post">
                <input type="hidden" name="organisationId" value={f.organisationId} />
                <button type="submit" name="intent" value="make">
                  {f.activeSince ? "Make a new link" : "Make a link"}
                  <span className="visually-hidden"> for {f.organisationName}</span>
                </button>{" "}
                {f.activeSince ? (
                  <button type="submit" name="intent" value="off" className="secondary">
                    Turn off the link<span className="visually-hidden"> for {f.organisationName}</span>
                  </button>
                ) : null}
              </Form>
            </li>
          );
        })}
      </ul>
    </AccountPage>
  );
}
