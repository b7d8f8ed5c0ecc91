import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarResponse, privateFeedCalendar } from "~/modules/interop/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";

/** GET /feeds/:token/calendar.ics — a private feed; a wrong, turned-off or orphaned link is simply not found. */
export async function loader({ params }: LoaderFunctionArgs) {
  const ics = await privateFeedCalendar(params.token ?? "", now());
  if (!ics) throw notFound("This calendar link does not work any more. Make a new one from your account.");
  return calendarResponse(ics, "linkway-private.ics", { private: true });
}
