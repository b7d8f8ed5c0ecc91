import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCurrentUser, listMemberships } from "~/modules/accounts/index.server";
import { exportReferralFhir } from "~/modules/interop/index.server";
import { now } from "~/utils/clock.server";

const headers = { "Content-Type": "application/fhir+json; charset=utf-8", "Cache-Control": "no-store" };
// One answer for "no such referral", "not yours" and "not signed in": none of them may learn it exists.
const notFound = () =>
  new Response(JSON.stringify({ resourceType: "OperationOutcome", issue: [{ severity: "error", code: "not-found", diagnostics: "No referral with that id is available to you." }] }), { status: 404, headers });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await getCurrentUser(request);
  if (!current) return notFound();
  const organisationIds = (await listMemberships(current.user.id)).map((m) => m.organisationId);
  const bundle = await exportReferralFhir({ referralId: params.id ?? "", organisationIds, now: now() });
  if (!bundle) return notFound();
  return new Response(JSON.stringify(bundle), { headers });
}
