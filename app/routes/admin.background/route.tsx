import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/modules/accounts/index.server";
import { loadBackgroundStatus } from "~/modules/system/index.server";
import { DataTable } from "~/components/layout/data-table";
import { formatInTimezone } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Background work — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const status = await loadBackgroundStatus();
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
}

const LONDON = "Europe/London";
const when = (iso: string | null) => (iso ? formatInTimezone(new Date(iso), LONDON) : "Never");

function age(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} seconds`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} minutes`;
  return `${Math.round(seconds / 3600)} hours`;
}

type Status = {
  jobs: { name: string; nextRunAt: string; lastSucceededAt: string | null; running: boolean; runs: number; failures: number; lastError: string | null }[];
  workers: { live: number; freshestAgeS: number | null };
  outbox: { topic: string; waiting: number; oldestDueAgeS: number; parked: number }[];
};

const topicNames: Record<string, string> = { email: "Emails", sms: "Text messages", search: "Search index changes", event: "Session changes" };

export default function BackgroundWork() {
  const { jobs, workers, outbox } = useLoaderData<typeof loader>() as unknown as Status;
  const failing = jobs.filter((j) => j.failures > 0);
  return (
    <div className="container">
      <h1>Background work</h1>
      <p role="status" className={workers.live > 0 ? undefined : "field-error"}>
        {workers.live > 0
          ? `${workers.live} worker${workers.live === 1 ? " is" : "s are"} running.`
          : workers.freshestAgeS === null
            ? "No worker has ever run: emails and reminders are not being sent. Start one with npm run worker (or RUN_WORKER=true)."
            : `No worker is running: the last one was seen ${age(workers.freshestAgeS)} ago. Emails and reminders are not being sent.`}
      </p>
      {failing.length > 0 ? (
        <p className="field-error">
          {failing.length} job{failing.length === 1 ? " is" : "s are"} failing and will be tried again later: see the table below.
        </p>
      ) : null}

      <h2>Messages waiting</h2>
      <DataTable caption="Messages waiting to be sent" columns={["Kind", "Waiting", "Oldest overdue", "Given up"]} className="data-table">
        {outbox.map((o) => (
          <tr key={o.topic}>
            <td>{topicNames[o.topic] ?? o.topic}</td>
            <td>{o.waiting}</td>
            <td>{o.oldestDueAgeS > 0 ? age(o.oldestDueAgeS) : "None"}</td>
            <td>{o.parked}</td>
          </tr>
        ))}
      </DataTable>
      <p className="muted">
        A message is given up on after 8 failed tries; it stays on record (address and subject only) for the retention period.
      </p>

      <h2>Jobs</h2>
      <DataTable caption="Background jobs, failing first" columns={["Job", "Last worked", "Next due", "Runs", "Failures in a row", "Last error"]} className="data-table">
        {jobs.map((j) => (
          <tr key={j.name}>
            <td>
              {j.name}
              {j.running ? " (running)" : ""}
            </td>
            <td>{when(j.lastSucceededAt)}</td>
            <td>{when(j.nextRunAt)}</td>
            <td>{j.runs}</td>
            <td>{j.failures}</td>
            <td>{j.lastError ?? ""}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
