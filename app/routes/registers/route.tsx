/** /registers — an organiser's registers still open (REGISTER_EDITABLE_DAYS) and today's. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOrgOfKind } from "~/modules/accounts/index.server";
import { listRecentRegisters } from "~/modules/attendance/index.server";
import { REGISTER_EDITABLE_DAYS } from "~/modules/attendance";

export const meta: MetaFunction = () => [{ title: "Registers — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireOrgOfKind(request, "provider");
  return { registers: await listRecentRegisters(user.id) };
}

const stateWords = {
  not_started: "Not started yet",
  open: "Open",
  locked: "Closed",
  cancelled: "Cancelled",
} as const;

export default function Registers() {
  const { registers } = useLoaderData<typeof loader>();
  return (
    <div className="container narrow">
      <h1>Registers</h1>
      <p>
        Sessions from the last {REGISTER_EDITABLE_DAYS} days and today. Registers close {REGISTER_EDITABLE_DAYS} days after each session.
      </p>
      {registers.length ? (
        <ul className="card-list">
          {registers.map((r) => (
            <li key={r.sessionId} className="card">
              <h2 className="register-card-title">
                <Link to={`/sessions/${r.sessionId}/register`}>
                  {r.activityTitle}
                  <span className="visually-hidden">, {r.when}</span>
                </Link>
              </h2>
              <p>{r.when}</p>
              <p className="meta-row">
                <span className="status">{stateWords[r.state]}</span>
                <span>{r.booked} booked</span>
                {r.state !== "not_started" && r.state !== "cancelled" && r.booked > 0 && <span>{r.unmarked} not marked</span>}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>There are no sessions in the last {REGISTER_EDITABLE_DAYS} days.</p>
      )}
    </div>
  );
}
