import type { LoaderFunctionArgs } from "@remix-run/node";
import { linkProblemMessages } from "~/modules/referrals";
import { personBookingCalendar } from "~/modules/referrals/index.server";
import { isUuid } from "~/utils/ids";

/** The .ics for one booking, reached from the person's private page. */
export async function loader({ params }: LoaderFunctionArgs) {
  const headers = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
  if (!isUuid(params.bookingId)) return new Response("We could not find that booking.", { status: 404, headers });
  const result = await personBookingCalendar(params.token ?? "", params.bookingId);
  switch (result.status) {
    case "ok":
      return new Response(result.body, {
        headers: { ...headers, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": `attachment; filename="${result.filename}"` },
      });
    case "expired":
    case "ended":
      return new Response(linkProblemMessages[result.status], { status: 410, headers });
    case "invalid":
      return new Response(linkProblemMessages.invalid, { status: 404, headers });
    case "not_found":
      return new Response("We could not find that booking.", { status: 404, headers });
  }
}
