import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActivityEditorForm } from "~/components/activities/activity-editor-form";
import { requireProviderOrganisation, activityEditorSettings, submitActivityForm } from "~/modules/activities/index.server";
import { newActivityDefaults, PHOTO_MAX_BYTES } from "~/modules/activities";
import { readFormData } from "~/modules/media/index.server";
import { now } from "~/utils/clock.server";

export const meta: MetaFunction = () => [{ title: "Add an activity — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisation, providerOrganisations, user } = await requireProviderOrganisation(request);
  const editor = await activityEditorSettings(now());
  return {
    organisation,
    several: providerOrganisations.length > 1,
    editor,
    defaultValue: newActivityDefaults(editor.today, { name: user.name, email: user.email }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { organisation, user } = await requireProviderOrganisation(request);
  const formData = await readFormData(request, { maxFileBytes: PHOTO_MAX_BYTES });
  const saved = await submitActivityForm(formData, {
    activityId: null,
    organisationId: organisation.organisationId,
    userId: user.id,
    now: now(),
  });
  return saved.ok ? redirect(saved.location) : saved.reply;
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
        {...data.editor}
        defaultValue={data.defaultValue}
        lastResult={lastResult}
        action={`/organiser/activities/new${data.several ? `?org=${data.organisation.organisationId}` : ""}`}
      />
    </div>
  );
}
