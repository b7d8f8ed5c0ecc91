/** The activity editor form on the server: what it shows besides the activity, and what it posts. */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { env } from "~/utils/env.server";
import { listCategoryChoices, saveActivity } from "./save-activity.server";
import { createActivityFormSchema, localDate } from "./activity-form-schema";
import { savedLocation } from "./organiser-urls";

/**
 * What the editor form needs besides the activity's own values: the category
 * choices, the area a meeting point must be in, and the server's "now" and
 * today (in the activity's time zone) so the browser checks dates the same way.
 */
export async function activityEditorSettings(now: Date, timezone?: string) {
  return { categories: await listCategoryChoices(), bounds: env().GEO_BOUNDS, nowIso: now.toISOString(), today: localDate(now, timezone) };
}

export type ActivityFormSubmission = { ok: true; location: string } | { ok: false; reply: SubmissionResult<string[]> };

/**
 * The activity editor as posted, for a new activity (`activityId` null) or
 * an existing one: checked with the schema the browser uses, saved, and
 * published when the "publish" button sent it. A chosen photo is never sent
 * back to the form (a file input cannot be refilled). An archived activity
 * throws ActivityArchivedError.
 */
export async function submitActivityForm(
  formData: FormData,
  input: { activityId: string | null; organisationId: string; userId: string; now: Date },
): Promise<ActivityFormSubmission> {
  const bounds = env().GEO_BOUNDS;
  const submission = parseWithZod(formData, { schema: createActivityFormSchema({ bounds, now: input.now }) });
  if (submission.status !== "success") return { ok: false, reply: submission.reply({ hideFields: ["photo"] }) };
  const result = await saveActivity({ ...input, values: submission.value, publish: formData.get("intent") === "publish", bounds });
  if (!result.ok) return { ok: false, reply: submission.reply({ fieldErrors: result.fieldErrors, hideFields: ["photo"] }) };
  return { ok: true, location: savedLocation(result) };
}
