import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ImportPage } from "~/components/interop/import-page";
import { clientContext, requireOrgMember } from "~/modules/accounts/index.server";
import { IMPORT_MAX_BYTES, readImportPreview, submitImportForm } from "~/modules/interop/index.server";
import { readFormData } from "~/modules/media/index.server";
import { getOrganisation } from "~/modules/organisations/index.server";
import { now } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { notFound } from "~/utils/http.server";
import { readQuery } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Import activities — Linkway" }];

async function requireImporter(request: Request, id: string | undefined) {
  const { user, membership } = await requireOrgMember(request, id);
  if (membership.kind !== "provider") throw notFound();
  return { actor: { userId: user.id }, organisationId: membership.organisationId };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, organisationId } = await requireImporter(request, params.id);
  const organisation = await getOrganisation(organisationId);
  if (!organisation) throw notFound();
  const query = readQuery(request);
  const previewId = query.get("preview") ?? query.get("done");
  const preview = isUuid(previewId) ? await readImportPreview({ actor, previewId, organisationId, now: now() }) : null;
  return {
    organisation: { id: organisation.id, name: organisation.name },
    preview: preview && { id: preview.id, fileName: preview.fileName, applied: Boolean(preview.appliedAt), rows: preview.rows, counts: preview.counts },
  };
}

type ActionData = { reply?: SubmissionResult<string[]>; problem?: string };

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionData | Response> {
  const { actor, organisationId } = await requireImporter(request, params.id);
  const formData = await readFormData(request, { maxFileBytes: IMPORT_MAX_BYTES });
  const outcome = await submitImportForm(formData, { actor, organisationId, pagePath: `/organisations/${organisationId}/import`, now: now(), ip: clientContext(request).ip });
  if (outcome.kind === "redirect") return redirect(outcome.location);
  return outcome.kind === "reply" ? { reply: outcome.reply } : { problem: outcome.problem };
}

export default function ImportActivities() {
  const { organisation, preview } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <ImportPage
      heading="Import activities"
      forWhom={`Add or update ${organisation.name}'s activities from a spreadsheet or an Open Referral feed.`}
      action={`/organisations/${organisation.id}/import`}
      templateHref="/import-template.csv"
      lastResult={data?.reply}
      preview={preview}
      problem={data?.problem}
      backHref={`/organiser?org=${organisation.id}`}
    />
  );
}
