import { readForm } from "~/utils/read-form.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { clockOffset, now, setClockOffset } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { jsonError } from "~/utils/http.server";
import { notFound } from "~/utils/http.server";

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
  return Response.json({ now: now().toISOString(), offsetMs: clockOffset() });
}
