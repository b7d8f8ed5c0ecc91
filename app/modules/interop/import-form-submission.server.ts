/** The import page's posts, for the organisation page and the admin page alike: upload → preview, confirm → apply. */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { importConfirmSchema, importUploadSchema } from "./import-form";
import { confirmImport, IMPORT_MAX_BYTES, type ImportActor, previewImport, readImportPreview } from "./import.server";

export type ImportSubmission =
  | { kind: "redirect"; location: string }
  | { kind: "reply"; reply: SubmissionResult<string[]> }
  | { kind: "problem"; problem: string };

/**
 * `organisationId` is the page's organisation; on the admin page (null) the
 * form's own `organisation` field chooses one, or "feed" for the organisations
 * an HSDS feed names. Each verb checks the actor's permission itself.
 */
export async function submitImportForm(
  formData: FormData,
  input: { actor: ImportActor; organisationId: string | null; pagePath: string; now: Date; ip?: string | null },
): Promise<ImportSubmission> {
  if (formData.get("intent") === "confirm") {
    const parsed = importConfirmSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { kind: "problem", problem: "That preview is not valid. Upload the file again." };
    const organisationId = input.organisationId ?? (await readImportPreview({ ...input, previewId: parsed.data.previewId, organisationId: null, now: input.now, anyOrganisation: true }))?.organisationId ?? null;
    const result = await confirmImport({ actor: input.actor, previewId: parsed.data.previewId, organisationId, now: input.now, ip: input.ip });
    if (!result.ok) return { kind: "problem", problem: result.message };
    return { kind: "redirect", location: `${input.pagePath}?done=${parsed.data.previewId}` };
  }
  const submission = parseWithZod(formData, { schema: importUploadSchema });
  if (submission.status !== "success") return { kind: "reply", reply: submission.reply({ hideFields: ["file"] }) };
  const { format, file, url, organisation } = submission.value;
  const hasFile = file instanceof File && file.size > 0;
  if (hasFile && file.size > IMPORT_MAX_BYTES)
    return { kind: "reply", reply: submission.reply({ fieldErrors: { file: [`The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`] }, hideFields: ["file"] }) };
  const organisationId = input.organisationId ?? (organisation && organisation !== "feed" ? organisation : null);
  const result = await previewImport({
    actor: input.actor,
    organisationId,
    format,
    ...(hasFile ? { file: { name: file.name, text: await file.text() } } : { url }),
    now: input.now,
  });
  if (!result.ok) return { kind: "reply", reply: submission.reply({ fieldErrors: { [result.field]: [result.message] }, hideFields: ["file"] }) };
  return { kind: "redirect", location: `${input.pagePath}?preview=${result.previewId}` };
}
