import { readForm } from "~/utils/read-form.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { clockOffset, now, setClockOffset } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { jsonError } from "~/utils/http.server";
import { notFound } from "~/utils/http.server";
import { makeEveryJobDue } from "~/modules/worker/index.server";

function assertAvailable() {
  const e = env();
  if (e.NODE_ENV === "production") throw notFound();
}

export async function loader() {
  assertAvailable();
  return Response.json({ now: now().toISOString(), offsetMs: clockOffset() });
}

const clockSchema = z.object({ offsetMs: z.coerce.number().int() });

/** Test-only: move the server's clock (POST offsetMs=…). Not available in production. */
export async function action({ request }: ActionFunctionArgs) {
  assertAvailable();
  const parsed = clockSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return jsonError(400, "offsetMs must be a whole number of milliseconds", "offsetMs");
  setClockOffset(parsed.data.offsetMs);
  // What fell due in the time skipped goes now, not when each job's timer next comes round.
  await makeEveryJobDue();
  return Response.json({ now: now().toISOString(), offsetMs: clockOffset() });
}
