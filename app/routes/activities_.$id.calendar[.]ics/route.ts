import type { LoaderFunctionArgs } from "@remix-run/node";
import { activityCalendar, calendarFileName, calendarResponse } from "~/modules/interop/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";

/** GET /activities/:id/calendar.ics — the activity's upcoming sessions (download or webcal subscription). */
export async function loader({ params }: LoaderFunctionArgs) {
  const calendar = await activityCalendar(params.id ?? "", now());
  if (!calendar) throw notFound("We could not find that activity.");
  return calendarResponse(calendar.ics, calendarFileName(calendar.title));
}
