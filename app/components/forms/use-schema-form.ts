import { useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useActionData } from "@remix-run/react";
import type { z } from "zod";

type Timing = "onSubmit" | "onBlur" | "onInput";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FormSchema = z.ZodType<any, Record<string, any>>;

export interface SchemaFormOptions<Schema extends FormSchema> {
  id?: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: DefaultValue<z.input<Schema>>;
  shouldValidate?: Timing;
  shouldRevalidate?: Timing;
  onSubmit?: Parameters<typeof useForm<z.input<Schema>, z.output<Schema>>>[0]["onSubmit"];
}

/**
 * A Conform form checked in the browser by the same Zod schema the action uses.
 * Unless a form sets its own timing, errors first show when a field is left
 * and then clear as the person types.
 */
export function useSchemaForm<Schema extends FormSchema>(schema: Schema, options: SchemaFormOptions<Schema> = {}) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    ...(options.shouldValidate ? {} : { shouldValidate: "onBlur", shouldRevalidate: "onInput" }),
    ...options,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

/** What an action returns for one of several forms on a page: the form's id with its reply. */
interface IntentFormReply {
  formId: string;
  result: SubmissionResult<string[]>;
}

/** Reads which form a POST came from (its hidden `formId`), so the reply goes back to that form alone. */
export function submittedFormId(formData: FormData): string {
  return String(formData.get("formId") ?? "");
}

/**
 * One of several forms on a page that post to the same action (one per row,
 * told apart by a hidden `formId` input): only the form that was sent shows
 * the action's errors.
 */
export function useIntentForm<Schema extends FormSchema>(schema: Schema, formId: string, defaultValue?: DefaultValue<z.input<Schema>>) {
  const actionData = useActionData() as Partial<IntentFormReply> | undefined;
  const lastResult = actionData?.formId === formId ? actionData.result : undefined;
  return useSchemaForm(schema, { id: formId, lastResult, defaultValue });
}
