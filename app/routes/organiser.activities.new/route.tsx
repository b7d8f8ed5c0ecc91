import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css?url";
import { ActivityEditorForm } from "~/components/activities/activity-editor-form";
import { requireProviderOrganisation } from "~/modules/activities/activity-access.server";
import { listCategoryChoices, saveActivity } from "~/modules/activities/activity-editor.server";
import { createActivityFormSchema, localDate, newActivityDefaults, PHOTO_MAX_BYTES } from "~/modules/activities/activity-form";
import { readFormData } from "~/modules/media/multipart.server";
import { now } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { savedLocation } from "~/modules/activities/organiser-urls";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];
export const meta: MetaFunction = () => [{ title: "Add an activity — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisation, providerOrganisations, user } = await requireProviderOrganisation(request);
  const current = now();
  const today = localDate(current);
  return {
    organisation,
    several: providerOrganisations.length > 1,
    categories: await listCategoryChoices(),
    bounds: env().GEO_BOUNDS,
    nowIso: current.toISOString(),
    today,
    defaultValue: newActivityDefaults(today, { name: user.name, email: user.email }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { organisation, user } = await requireProviderOrganisation(request);
  const current = now();
  const bounds = env().GEO_BOUNDS;
  const formData = await readFormData(request, { maxFileBytes: PHOTO_MAX_BYTES });
  const submission = parseWithZod(formData, { schema: createActivityFormSchema({ bounds, now: current }) });
  if (submission.status !== "success") return submission.reply({ hideFields: ["photo"] });
  const result = await saveActivity({
    activityId: null,
    organisationId: organisation.organisationId,
    userId: user.id,
    values: submission.value,
    publish: formData.get("intent") === "publish",
    now: current,
    bounds,
  });
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors, hideFields: ["photo"] });
  return redirect(savedLocation(result));
}

export default function NewActivity() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="container narrow">
      <p>
        <Link to={`/organiser${data.several ? `?org=${data.organisation.organisationId}` : ""}`}>Back to your activities</Link>
      </p>
      <h1>Add an activity</h1>
      <p className="lead">
        For {data.organisation.organisationName}. Fill in what you can now; you can change anything later.
      </p>
      <ActivityEditorForm
        mode="new"
        status="draft"
        categories={data.categories}
        bounds={data.bounds}
        nowIso={data.nowIso}
        today={data.today}
        defaultValue={data.defaultValue}
        lastResult={lastResult}
        action={`/organiser/activities/new${data.several ? `?org=${data.organisation.organisationId}` : ""}`}
      />
    </div>
  );
}
