import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { useSchemaForm } from "~/components/forms/use-schema-form";
import { csvColumns, importUploadSchema, outcomeLabels, type PreviewRow, type RowOutcome } from "~/modules/interop";

export interface ImportPreviewView {
  id: string;
  fileName: string | null;
  applied: boolean;
  rows: PreviewRow[];
  counts: Record<RowOutcome, number>;
}

/**
 * The import page for an organisation (and, with `organisationChoices`, for
 * an admin): upload, then a preview of every row, then one confirm button.
 * Both steps are plain posts, so it works without JavaScript.
 */
export function ImportPage({
  heading,
  forWhom,
  action,
  templateHref,
  lastResult,
  preview,
  problem,
  backHref,
  organisationChoices,
}: {
  heading: string;
  forWhom: string;
  action: string;
  templateHref: string;
  lastResult?: SubmissionResult<string[]> | null;
  preview: ImportPreviewView | null;
  /** Why a confirm did not go through (nothing was written). */
  problem?: string | null;
  backHref: string;
  organisationChoices?: { id: string; name: string }[];
}) {
  const [form, fields] = useSchemaForm(importUploadSchema, { id: "import-upload", lastResult, shouldValidate: "onSubmit", shouldRevalidate: "onSubmit" });
  // A preview that has been applied is reported, not offered again.
  const done = preview?.applied
    ? `Imported: ${preview.counts.create} added, ${preview.counts.update} updated, ${preview.counts.unchanged} unchanged.`
    : null;
  const formatError = fields.format.errors?.length ? fields.format.errorId : undefined;
  return (
    <div className="container">
      <p>
        <Link to={backHref}>Back</Link>
      </p>
      <h1>{heading}</h1>
      <p className="lead">{forWhom}</p>
      {done && (
        <div className="notice" role="status">
          <p>{done}</p>
        </div>
      )}

      {problem && (
        <p className="notice" role="alert">
          {problem}
        </p>
      )}
      {preview && !preview.applied && <Preview preview={preview} action={action} />}

      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">{preview && !preview.applied ? "Upload a different file" : "Choose a file"}</h2>
        <p>
          Nothing changes until you have checked the preview and pressed the import button. Importing the same file again
          updates the activities it added, by each row&rsquo;s <code>source_id</code> (or each service&rsquo;s id), instead of
          adding them twice. Files can be up to 2 MB and 500 activities.
        </p>
        <Form method="post" encType="multipart/form-data" action={action} {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <input type="hidden" name="intent" value="preview" />
          {organisationChoices && (
            <div className="field">
              <label htmlFor="import-organisation">Import into</label>
              <select id="import-organisation" name="organisation" defaultValue="feed">
                <option value="feed">The organisations named in an HSDS feed (created when new)</option>
                {organisationChoices.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <fieldset className={`field${formatError ? " has-error" : ""}`} aria-describedby={formatError}>
            <legend>What kind of file is it?</legend>
            <div className="choice">
              <input type="radio" id="format-csv" name="format" value="csv" defaultChecked />
              <label htmlFor="format-csv">
                A spreadsheet saved as CSV, in Linkway&rsquo;s template (<a href={templateHref} download>download the template</a>)
              </label>
            </div>
            <div className="choice">
              <input type="radio" id="format-hsds" name="format" value="hsds" />
              <label htmlFor="format-hsds">Open Referral (HSDS 3 or Open Referral UK) services, as a JSON file or a feed address</label>
            </div>
            {formatError && (
              <p className="field-error" id={formatError}>
                {fields.format.errors!.join(". ")}
              </p>
            )}
          </fieldset>
          <Field label="The file" hint="A .csv or .json file" meta={fields.file}>
            {(aria) => <input {...getInputProps(fields.file, { type: "file" })} accept=".csv,.json,text/csv,application/json" {...aria} />}
          </Field>
          <Field label="Or, for Open Referral, the feed's web address" hint="Like https://example.org/api/hsds — we read every page of its services" meta={fields.url}>
            {(aria) => <input {...getInputProps(fields.url, { type: "url" })} autoComplete="off" {...aria} />}
          </Field>
          <button type="submit" className="button">
            Check the file
          </button>
        </Form>
      </section>

      <section aria-labelledby="columns-heading">
        <h2 id="columns-heading">The CSV template&rsquo;s columns</h2>
        <p>One activity on each line, with one schedule. Leave a column empty when it does not apply. Lists use a semicolon (;).</p>
        <div className="table-wrap" role="region" aria-labelledby="columns-heading" tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">What to put in it</th>
              </tr>
            </thead>
            <tbody>
              {csvColumns.map((c) => (
                <tr key={c.name}>
                  <th scope="row">
                    <code>{c.name}</code>
                  </th>
                  <td>{c.help}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

function Preview({ preview, action }: { preview: ImportPreviewView; action: string }) {
  const { counts } = preview;
  const changes = counts.create + counts.update;
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">Check what will happen</h2>
      <p>
        {preview.fileName ? <>From {preview.fileName}: </> : null}
        {counts.create} to add, {counts.update} to update, {counts.unchanged} with no change
        {counts.rejected ? <>, {counts.rejected} that cannot be imported</> : null}.
      </p>
      <div className="table-wrap" role="region" aria-labelledby="preview-heading" tabIndex={0}>
        <table className="data-table">
          <caption>Each row of the file</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Activity</th>
              <th scope="col">What will happen</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={`${r.row}-${r.sourceId}`} className={r.outcome === "rejected" ? "row-problem" : undefined}>
                <td>{r.row}</td>
                <th scope="row">
                  {r.title}
                  {r.organisationName ? <span className="hint"> ({r.organisationName})</span> : null}
                </th>
                <td>{outcomeLabels[r.outcome]}</td>
                <td>{r.reasons.length ? <ul>{r.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {counts.rejected ? (
        <p className="notice" role="alert">
          Nothing has been imported. Fix the rows marked &ldquo;Cannot be imported&rdquo; in your file, then upload it again below.
        </p>
      ) : (
        <Form method="post" action={action}>
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="previewId" value={preview.id} />
          <button type="submit" className="button">
            {changes ? `Import ${changes} ${changes === 1 ? "activity" : "activities"}` : "Nothing to change: finish"}
          </button>
        </Form>
      )}
    </section>
  );
}
