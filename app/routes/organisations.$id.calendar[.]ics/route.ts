import type { LoaderFunctionArgs } from "@remix-run/node";
import { organisationCalendar, calendarFileName, calendarResponse } from "~/modules/interop/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";

/** GET /organisations/:id/calendar.ics — every published activity's upcoming sessions. */
export async function loader({ params }: LoaderFunctionArgs) {
  const calendar = await organisationCalendar(params.id ?? "", now());
  if (!calendar) throw notFound("We could not find that organisation.");
  return calendarResponse(calendar.ics, calendarFileName(calendar.name));
}
