import { readForm } from "~/utils/read-form.server";
import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { submittedFormId, useIntentForm } from "~/components/forms/use-schema-form";
import { requireAdmin } from "~/modules/accounts/index.server";
import { categoryActionSchema } from "~/modules/activities";
import { applyCategoryAction, listCategoriesWithUse, type CategoryView } from "~/modules/activities/index.server";
import { StatusNotice } from "~/components/layout/status-notice";

export const meta: MetaFunction = () => [{ title: "Categories — Linkway admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { categories: await listCategoriesWithUse() };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request);
  const formData = await readForm(request);
  const formId = submittedFormId(formData);
  const submission = parseWithZod(formData, { schema: categoryActionSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const result = await applyCategoryAction(submission.value);
  if (!result.ok) return { formId, result: submission.reply({ fieldErrors: result.fieldErrors }) };
  return redirect(`/admin/categories?done=${submission.value.intent}`);
}

const doneMessages: Record<string, string> = {
  add: "Category added.",
  update: "Category saved.",
  move: "Order changed.",
  delete: "Category deleted.",
};

export default function AdminCategories() {
  const { categories } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="container narrow">
      <h1>Categories</h1>
      <p>
        The kinds of activity people can search by. Renaming a category keeps its activities in it. A category that any
        activity uses cannot be deleted.
      </p>
      <StatusNotice message={doneMessages[params.get("done") ?? ""]} />
      <ol className="card-list category-list">
        {categories.map((c, i) => (
          <CategoryRow key={c.slug} category={c} first={i === 0} last={i === categories.length - 1} />
        ))}
      </ol>
      <AddCategory />
    </div>
  );
}

function CategoryRow({ category: c, first, last }: { category: CategoryView; first: boolean; last: boolean }) {
  const [form, fields] = useIntentForm(categoryActionSchema, `update-${c.slug}`, { name: c.name, description: c.description ?? "" });
  const [deleteForm, deleteFields] = useIntentForm(categoryActionSchema, `delete-${c.slug}`);
  return (
    <li className="card">
      <h2>{c.name}</h2>
      <p className="muted">
        {c.activityCount} {c.activityCount === 1 ? "activity" : "activities"}
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="formId" value={form.id} />
        <input type="hidden" name="slug" value={c.slug} />
        <Field label={`Name of “${c.name}”`} meta={fields.name}>
          {(p) => <input {...getInputProps(fields.name, { type: "text" })} {...p} />}
        </Field>
        <Field label={`Description of “${c.name}”`} meta={fields.description}>
          {(p) => <textarea {...getTextareaProps(fields.description)} {...p} rows={2} />}
        </Field>
        <button type="submit">Save</button>
      </Form>
      <div className="button-row category-tools">
        {!first && <MoveButton category={c} direction="up" />}
        {!last && <MoveButton category={c} direction="down" />}
        {c.activityCount === 0 && (
          <Form method="post" {...getFormProps(deleteForm)}>
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="formId" value={deleteForm.id} />
            <input type="hidden" name="slug" value={c.slug} />
            <button type="submit" className="danger">
              Delete<span className="visually-hidden"> {c.name}</span>
            </button>
          </Form>
        )}
      </div>
      {deleteFields.slug.errors?.length ? <p className="field-error">{deleteFields.slug.errors.join(". ")}</p> : null}
    </li>
  );
}

function MoveButton({ category: c, direction }: { category: CategoryView; direction: "up" | "down" }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="slug" value={c.slug} />
      <button type="submit" name="direction" value={direction} className="secondary">
        Move {direction}
        <span className="visually-hidden"> {c.name}</span>
      </button>
    </Form>
  );
}

function AddCategory() {
  const [form, fields] = useIntentForm(categoryActionSchema, "add-category");
  return (
    <section aria-labelledby="add-heading" className="card">
      <h2 id="add-heading">Add a category</h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="formId" value={form.id} />
        <Field label="Name" meta={fields.name}>
          {(p) => <input {...getInputProps(fields.name, { type: "text" })} {...p} />}
        </Field>
        <Field label="Description (optional)" meta={fields.description}>
          {(p) => <textarea {...getTextareaProps(fields.description)} {...p} rows={2} />}
        </Field>
        <button type="submit">Add category</button>
      </Form>
    </section>
  );
}
