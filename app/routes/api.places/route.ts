import { readQuery } from "~/utils/read-form.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { resolvePlace } from "~/modules/places/index.server";
import { isInBounds, placeLookupSchema, type PlaceLookupResult } from "~/modules/places";
import { env } from "~/utils/env.server";
import { jsonError } from "~/utils/http.server";

/** GET /api/places?q=LS6 3AB → the point the editor's map centres on. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = placeLookupSchema.safeParse(Object.fromEntries(readQuery(request)));
  if (!parsed.success) return jsonError(400, parsed.error.issues[0].message, "q");
  const place = await resolvePlace(parsed.data.q);
  if (!place) return jsonError(404, "We could not find that postcode or town. Check it, or move the pin yourself.", "q");
  const body: PlaceLookupResult = { place, inArea: isInBounds(place.lat, place.lng, env().GEO_BOUNDS) };
  return Response.json(body, { headers: { "Cache-Control": "public, max-age=86400" } });
}
