import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOrgOfKind } from "~/modules/accounts/index.server";
import { listSessionPeople } from "~/modules/referrals/index.server";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Who is coming: ${data.activity.title} — Linkway` : "Who is coming — Linkway" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisationIds } = await requireOrgOfKind(request, "provider");
  const people = await listSessionPeople(params.id ?? "", organisationIds);
  if (!people) throw notFound("We could not find that session. It may belong to another organisation.");
  return people;
}

type Person = Awaited<ReturnType<typeof loader>>["coming"][number];

function PersonCard({ p }: { p: Person }) {
  return (
    <li className="card">
      <h3>
        <Link to={`/organiser/referrals/${p.referralId}`}>{p.name}</Link> <span className="muted">{p.code}</span>
      </h3>
      <p className="status">
        {p.status}
        {p.offerExpires ? ` (held until ${p.offerExpires})` : ""}
      </p>
      <p>
        {p.phone && <>Mobile: {p.phone}. </>}
        {p.email && <>Email: {p.email}. </>}
        Prefers: {p.preferredContact}.
      </p>
      {p.reasons.length > 0 && (
        <p>
          {p.reasons.map((x) => (
            <span key={x} className="tag">
              {x}
            </span>
          ))}
        </p>
      )}
      {p.notes && <p>Notes: {p.notes}</p>}
    </li>
  );
}

export default function SessionBookings() {
  const { session, activity, coming, waiting } = useLoaderData<typeof loader>();
  return (
    <div className="container narrow">
      <p>
        <Link to="/organiser/referrals">Back to referrals</Link>
      </p>
      <h1>Who is coming</h1>
      <p className="lead">
        {activity.title}: {session.when}
      </p>
      {session.cancelled && <p className="notice warn">This session is cancelled.</p>}
      <p>
        {session.bookedCount} of {session.capacity} places taken.
      </p>
      <h2>Booked ({coming.length})</h2>
      {coming.length === 0 ? <p>Nobody yet.</p> : <ul className="card-list">{coming.map((p) => <PersonCard key={p.bookingId} p={p} />)}</ul>}
      {waiting.length > 0 && (
        <>
          <h2>Waiting list ({waiting.length})</h2>
          <ol className="card-list">{waiting.map((p) => <PersonCard key={p.bookingId} p={p} />)}</ol>
        </>
      )}
    </div>
  );
}
