/**
 * /admin/actions — the library of connection actions referrers choose from:
 * add, reword, retire (no longer offered; already prescribed ones carry on)
 * and offer again.
 */
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { OptionChoices } from "~/components/forms/choice-group";
import { Field } from "~/components/forms/field";
import { submittedFormId, useIntentForm } from "~/components/forms/use-schema-form";
import { StatusNotice } from "~/components/layout/status-notice";
import { requireAdmin } from "~/modules/accounts/index.server";
import { actionGroupLabels, libraryActionSchema, rhythmLabel, rhythmLabels } from "~/modules/actions";
import { changeLibrary, type LibraryEntry, listLibrary } from "~/modules/actions/index.server";

export const meta: MetaFunction = () => [{ title: "Connection actions — Linkway admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { library: await listLibrary({ includeRetired: true }) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request);
  const formData = await request.formData();
  const formId = submittedFormId(formData);
  const submission = parseWithZod(formData, { schema: libraryActionSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const result = await changeLibrary(submission.value);
  if (!result.ok) return { formId, result: submission.reply({ fieldErrors: result.fieldErrors }) };
  return redirect(`/admin/actions?done=${submission.value.intent}`);
}

const doneMessages: Record<string, string> = {
  add: "Action added.",
  update: "Action saved.",
  retire: "Action retired: it is no longer offered. People already doing it carry on.",
  restore: "Action offered again.",
};

export default function AdminActions() {
  const { library } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="container narrow">
      <h1>Connection actions</h1>
      <p>
        Small things a referrer can suggest between sessions, grouped Connect, Move, Reflect, Give and Learn. Rewording an action does not change it
        for people already doing it.
      </p>
      <StatusNotice message={doneMessages[params.get("done") ?? ""]} />
      {Object.entries(actionGroupLabels).map(([group, label]) => {
        const entries = library.filter((l) => l.group === group);
        return (
          <section key={group} aria-labelledby={`group-${group}`}>
            <h2 id={`group-${group}`}>{label}</h2>
            {entries.length === 0 ? (
              <p>None yet.</p>
            ) : (
              <ul className="card-list">
                {entries.map((e) => (
                  <LibraryRow key={e.id} entry={e} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <AddAction />
    </div>
  );
}

type Entry = Omit<LibraryEntry, "createdAt" | "updatedAt" | "retiredAt"> & { retiredAt: string | Date | null };

function EditFields({ fields }: { fields: ReturnType<typeof useIntentForm<typeof libraryActionSchema>>[1] }) {
  return (
    <>
      <Field label="Group" meta={fields.group}>
        {(p) => (
          <select {...getSelectProps(fields.group)} {...p}>
            {Object.entries(actionGroupLabels).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Title" meta={fields.title}>
        {(p) => <input {...getInputProps(fields.title, { type: "text" })} {...p} maxLength={80} />}
      </Field>
      <Field label="How to start" hint="One line, in plain words." meta={fields.howTo}>
        {(p) => <input {...getInputProps(fields.howTo, { type: "text" })} {...p} maxLength={200} />}
      </Field>
      <OptionChoices legend="Suggested rhythm" meta={fields.rhythm} type="radio" options={rhythmLabels} inline />
      <Field label="Times a week (for some days each week)" meta={fields.timesPerWeek}>
        {(p) => <input {...getInputProps(fields.timesPerWeek, { type: "number" })} {...p} min={1} max={7} inputMode="numeric" />}
      </Field>
    </>
  );
}

function LibraryRow({ entry: e }: { entry: Entry }) {
  const [form, fields] = useIntentForm(libraryActionSchema, `update-${e.id}`, {
    intent: "update",
    group: e.group,
    title: e.title,
    howTo: e.howTo,
    rhythm: e.rhythm,
    timesPerWeek: e.timesPerWeek === null ? undefined : String(e.timesPerWeek),
  });
  return (
    <li className="card">
      <h3>
        {e.title}
        {e.retiredAt ? " (retired)" : ""}
      </h3>
      <p className="muted">
        {rhythmLabel(e)}. {e.howTo}
      </p>
      <details>
        <summary>Change “{e.title}”</summary>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="formId" value={form.id} />
          <input type="hidden" name="id" value={e.id} />
          <EditFields fields={fields} />
          <button type="submit">Save</button>
        </Form>
      </details>
      <Form method="post">
        <input type="hidden" name="intent" value={e.retiredAt ? "restore" : "retire"} />
        <input type="hidden" name="formId" value={`${e.retiredAt ? "restore" : "retire"}-${e.id}`} />
        <input type="hidden" name="id" value={e.id} />
        <button type="submit" className="secondary">
          {e.retiredAt ? "Offer again" : "Retire"}
          <span className="visually-hidden"> {e.title}</span>
        </button>
      </Form>
    </li>
  );
}

function AddAction() {
  const [form, fields] = useIntentForm(libraryActionSchema, "add-action", { intent: "add", group: "connect", rhythm: "weekly", timesPerWeek: "1" });
  return (
    <section aria-labelledby="add-heading" className="card">
      <h2 id="add-heading">Add an action</h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="formId" value={form.id} />
        <EditFields fields={fields} />
        <button type="submit">Add the action</button>
      </Form>
    </section>
  );
}
