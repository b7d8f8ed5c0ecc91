import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ImportPage } from "~/components/interop/import-page";
import { clientContext, requireAdmin } from "~/modules/accounts/index.server";
import { IMPORT_MAX_BYTES, readImportPreview, submitImportForm } from "~/modules/interop/index.server";
import { readFormData } from "~/modules/media/index.server";
import { listProviderOrganisations } from "~/modules/organisations/index.server";
import { now } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { readQuery } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Import activities and organisations — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAdmin(request);
  const query = readQuery(request);
  const previewId = query.get("preview") ?? query.get("done");
  const actor = { userId: user.id };
  const preview = isUuid(previewId) ? await readImportPreview({ actor, previewId, organisationId: null, now: now(), anyOrganisation: true }) : null;
  return {
    organisations: await listProviderOrganisations(),
    preview: preview && { id: preview.id, fileName: preview.fileName, applied: Boolean(preview.appliedAt), rows: preview.rows, counts: preview.counts },
  };
}

type ActionData = { reply?: SubmissionResult<string[]>; problem?: string };

export async function action({ request }: ActionFunctionArgs): Promise<ActionData | Response> {
  const { user } = await requireAdmin(request);
  const formData = await readFormData(request, { maxFileBytes: IMPORT_MAX_BYTES });
  const outcome = await submitImportForm(formData, { actor: { userId: user.id }, organisationId: null, pagePath: "/admin/import", now: now(), ip: clientContext(request).ip });
  if (outcome.kind === "redirect") return redirect(outcome.location);
  return outcome.kind === "reply" ? { reply: outcome.reply } : { problem: outcome.problem };
}

export default function AdminImport() {
  const { organisations, preview } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <ImportPage
      heading="Import activities and organisations"
      forWhom="Into any organisation, or, from an Open Referral feed, into the organisations the feed names."
      action="/admin/import"
      templateHref="/import-template.csv"
      lastResult={data?.reply}
      preview={preview}
      problem={data?.problem}
      backHref="/admin"
      organisationChoices={organisations}
    />
  );
}
