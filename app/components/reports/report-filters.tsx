import { Form } from "@remix-run/react";
import { periodPresets, type ReportQuery } from "~/modules/reports";

/**
 * The period (and, for the area, town and kind) picker: a plain GET form, so
 * the choice lives in the URL and works without JavaScript.
 */
export function ReportFilters({
  query,
  raw,
  errors,
  towns,
  categories,
  hidden = {},
}: {
  query: ReportQuery;
  raw: Record<string, string>;
  errors: Record<string, string[]>;
  towns?: string[];
  categories?: { slug: string; name: string }[];
  hidden?: Record<string, string | undefined>;
}) {
  const period = raw.period && raw.period in periodPresets ? raw.period : query.period;
  const fieldError = (name: string) =>
    errors[name]?.length ? (
      <p className="field-error" id={`report-${name}-error`}>
        {errors[name].join(". ")}
      </p>
    ) : null;
  const describedBy = (name: string) => (errors[name]?.length ? `report-${name}-error` : undefined);
  return (
    <Form method="get" className="report-filters" aria-label="Choose the figures">
      {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <fieldset className="field choice-group">
        <legend>Period</legend>
        <div className="choice-row">
          {Object.entries(periodPresets).map(([value, label]) => (
            <label className="choice" key={value}>
              <input type="radio" name="period" value={value} defaultChecked={period === value} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="filter-row">
        <div className={`field${errors.from ? " has-error" : ""}`}>
          <label htmlFor="report-from">From</label>
          <span className="hint" id="report-from-hint">
            With “Choose dates”
          </span>
          <input id="report-from" name="from" type="date" defaultValue={raw.from ?? ""} aria-describedby={["report-from-hint", describedBy("from")].filter(Boolean).join(" ")} aria-invalid={errors.from ? true : undefined} />
          {fieldError("from")}
        </div>
        <div className={`field${errors.to ? " has-error" : ""}`}>
          <label htmlFor="report-to">To</label>
          <span className="hint" id="report-to-hint">
            With “Choose dates”
          </span>
          <input id="report-to" name="to" type="date" defaultValue={raw.to ?? ""} aria-describedby={["report-to-hint", describedBy("to")].filter(Boolean).join(" ")} aria-invalid={errors.to ? true : undefined} />
          {fieldError("to")}
        </div>
        {towns && (
          <div className="field">
            <label htmlFor="report-town">Town</label>
            <select id="report-town" name="town" defaultValue={query.town ?? ""}>
              <option value="">All towns</option>
              {towns.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
        )}
        {categories && (
          <div className="field">
            <label htmlFor="report-category">Kind of activity</label>
            <select id="report-category" name="category" defaultValue={query.category ?? ""}>
              <option value="">All kinds</option>
              {categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <button type="submit">Show figures</button>
    </Form>
  );
}
