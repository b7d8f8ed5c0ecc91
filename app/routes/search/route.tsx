import { readQuery } from "~/utils/read-form.server";
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { Field } from "~/components/forms/field";
import { SearchResultItem } from "~/components/activity-search/search-result-item";
import { SearchMap } from "~/components/activity-search/search-map";
import { ClientOnly } from "~/components/map/client-only";
import { useMediaQuery } from "~/utils/use-media-query";
import { canRefer, useViewer } from "~/utils/viewer";
import { UseMyLocation } from "~/components/activity-search/use-my-location";
import { dayKeys, dayLabels, defaultPerPage, effectiveSort, joinKeys, joinLabels, onlineLabels, onlineOptions, radiusOptionsKm, searchHref, searchParamsSchema, sortKeys, sortLabels, timeKeys, timeLabels, type SearchParams, accessibilityFeatures, accessibilityKeys } from "~/modules/activities";
import { listCategoryOptions, searchActivities } from "~/modules/activities/index.server";
import { SHARED_PAGE_CACHE_CONTROL } from "~/utils/private-caching.server";

/** The same for every signed-out visitor: a shared cache may keep it a few seconds (decision 106). */
export const headers: HeadersFunction = () => ({ "Cache-Control": SHARED_PAGE_CACHE_CONTROL });

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const q = data?.params?.q;
  return [{ title: q ? `“${q}” — Find an activity — Linkway` : "Find an activity — Linkway" }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const submission = parseWithZod(readQuery(request), { schema: searchParamsSchema });
  if (submission.status !== "success") {
    return { lastResult: submission.reply(), params: null, results: null, categories: await listCategoryOptions() };
  }
  const results = await searchActivities(submission.value);
  if (!results.ok) {
    return {
      lastResult: submission.reply({ fieldErrors: { [results.field]: [results.error] } }),
      params: submission.value,
      results: null,
      categories: results.categories,
    };
  }
  return { lastResult: null, params: submission.value, results, categories: results.categories };
}

const activeFilterCount = (p: Partial<SearchParams> | null) =>
  p
    ? (p.category?.length ?? 0) +
      (p.day?.length ?? 0) +
      (p.time ? 1 : 0) +
      (p.free ? 1 : 0) +
      (p.accessibility?.length ?? 0) +
      (p.join?.length ?? 0) +
      (p.has_space ? 1 : 0) +
      (p.online && p.online !== "include" ? 1 : 0)
    : 0;

export default function SearchPage() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  // A new search starts afresh: its form defaults, the chosen result and the view.
  return <SearchView key={location.search} {...data} />;
}

function SearchView({ lastResult, params, results, categories }: ReturnType<typeof useLoaderData<typeof loader>>) {
  const navigation = useNavigation();
  const viewerCanRefer = canRefer(useViewer());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [view, setView] = useState<"list" | "map">("list");
  // Side by side on wide screens; on a phone the map loads the first time it is asked for, then stays.
  const wide = useMediaQuery("(min-width: 60rem)");
  const [mapAskedFor, setMapAskedFor] = useState(false);
  const showView = (next: "list" | "map") => {
    if (next === "map") setMapAskedFor(true);
    setView(next);
  };
  const [form, fields] = useForm({
    id: "search",
    lastResult: lastResult as SubmissionResult<string[]> | null,
    defaultValue: params ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: searchParamsSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const p: Partial<SearchParams> = params ?? {};
  const filterCount = activeFilterCount(params);
  const facets = results?.facets;
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/search";
  const usingCoordinates = !p.near && p.lat !== undefined && p.lng !== undefined;

  const showOnMap = (id: string) => {
    setSelectedId(id);
    showView("map");
  };

  return (
    <div className="container search-page">
      <h1>Find an activity</h1>
      <Form method="get" action="/search" role="search" aria-label="Search activities" {...getFormProps(form)} noValidate>
        <div className="search-main">
          <Field label="What are you looking for?" hint="For example: walking, choir, debt advice" meta={fields.q}>
            {(props) => <input {...getInputProps(fields.q, { type: "search" })} {...props} />}
          </Field>
          <Field label="Near" hint="A town or postcode, for example LS6 3AB" meta={fields.near}>
            {(props) => <input {...getInputProps(fields.near, { type: "text" })} {...props} autoComplete="postal-code" />}
          </Field>
          {usingCoordinates && (
            <>
              <input type="hidden" name="lat" value={String(p.lat)} />
              <input type="hidden" name="lng" value={String(p.lng)} />
            </>
          )}
          {fields.lat.errors?.length ? (
            <p className="field-error" id={fields.lat.errorId}>
              {fields.lat.errors.join(". ")}
            </p>
          ) : null}
          <UseMyLocation formId={form.id} nearInputId={fields.near.id} />
          <Field label="Distance" meta={fields.radius_km}>
            {(props) => (
              <select {...getSelectProps(fields.radius_km)} {...props}>
                {radiusOptionsKm.map((r) => (
                  <option key={r} value={r}>
                    Within {r} km ({Math.round(r * 0.621 * 10) / 10} miles)
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="button-row">
            <button type="submit">Search</button>
          </div>
        </div>

        <details className="search-filters" open={filterCount > 0 || undefined}>
          <summary>
            Filters{filterCount > 0 ? ` (${filterCount} on)` : ""}: kind of activity, day, cost, access
          </summary>
          <div className="filter-grid">
            <fieldset>
              <legend>Kind of activity</legend>
              {categories.map((c) => (
                <label className="choice" key={c.slug}>
                  <input type="checkbox" name="category" value={c.slug} defaultChecked={p.category?.includes(c.slug)} />
                  <span>
                    {c.name} <FacetCount n={facets?.category[c.slug]} />
                  </span>
                </label>
              ))}
              <FieldError id={fields.category.errorId} errors={fields.category.errors} />
            </fieldset>
            <fieldset>
              <legend>Day</legend>
              {dayKeys.map((d) => (
                <label className="choice" key={d}>
                  <input type="checkbox" name="day" value={d} defaultChecked={p.day?.includes(d)} />
                  <span>
                    {dayLabels[d]} <FacetCount n={facets?.day[d]} />
                  </span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Time of day</legend>
              <label className="choice">
                <input type="radio" name="time" value="" defaultChecked={!p.time} />
                <span>Any time</span>
              </label>
              {timeKeys.map((t) => (
                <label className="choice" key={t}>
                  <input type="radio" name="time" value={t} defaultChecked={p.time === t} />
                  <span>{timeLabels[t]}</span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Cost and places</legend>
              <label className="choice">
                <input type="checkbox" name="free" value="1" defaultChecked={p.free} />
                <span>Free only</span>
              </label>
              <label className="choice">
                <input type="checkbox" name="has_space" value="1" defaultChecked={p.has_space} />
                <span>Has a place in the next 2 weeks</span>
              </label>
            </fieldset>
            <fieldset>
              <legend>Access</legend>
              <span className="hint">Show only places with all of these</span>
              {accessibilityKeys.map((a) => (
                <label className="choice" key={a}>
                  <input type="checkbox" name="accessibility" value={a} defaultChecked={p.accessibility?.includes(a)} />
                  <span>{accessibilityFeatures[a]}</span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>How to join</legend>
              {joinKeys.map((j) => (
                <label className="choice" key={j}>
                  <input type="checkbox" name="join" value={j} defaultChecked={p.join?.includes(j)} />
                  <span>{joinLabels[j]}</span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>In person or online</legend>
              {onlineOptions.map((o) => (
                <label className="choice" key={o}>
                  <input type="radio" name="online" value={o} defaultChecked={(p.online ?? "include") === o} />
                  <span>{onlineLabels[o]}</span>
                </label>
              ))}
            </fieldset>
            <div>
              <Field label="Order" meta={fields.sort}>
                {(props) => (
                  <select {...getSelectProps(fields.sort)} {...props}>
                    <option value="">Best order for this search</option>
                    {sortKeys.map((s) => (
                      <option key={s} value={s}>
                        {sortLabels[s]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {p.per_page && p.per_page !== defaultPerPage ? <input type="hidden" name="per_page" value={p.per_page} /> : null}
              <button type="submit">Apply filters</button>
            </div>
          </div>
        </details>
      </Form>

      <div aria-live="polite" aria-busy={searching} className="results-status">
        {results ? <ResultsSummary results={results} /> : <p>Fix the search above to see activities.</p>}
      </div>

      {results && results.total === 0 && (
        <div className="notice no-results">
          <h2>No activities match this search</h2>
          {results.suggestions.length ? (
            <>
              <p>You could try:</p>
              <ul>
                {results.suggestions.map((s) => (
                  <li key={s.label}>
                    <Link to={searchHref(p, s.params)}>{s.label}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>Try other words, a bigger distance or fewer filters.</p>
          )}
        </div>
      )}

      {results && results.total > 0 && (
        <div className={`search-results view-${view}`}>
          {/* The map needs JavaScript: without it there is no toggle that would do nothing, and the list is the page. */}
          <ClientOnly fallback={null}>
            {() => (
              <div className="view-toggle" role="group" aria-label="Show results as">
                <button type="button" className={view === "list" ? "" : "secondary"} aria-pressed={view === "list"} onClick={() => showView("list")}>
                  List
                </button>
                <button type="button" className={view === "map" ? "" : "secondary"} aria-pressed={view === "map"} onClick={() => showView("map")}>
                  Map
                </button>
              </div>
            )}
          </ClientOnly>
          <section className="results-list" aria-labelledby="results-heading">
            <h2 id="results-heading" className="visually-hidden">
              Results
            </h2>
            <ol className="result-list" start={(results.page - 1) * results.perPage + 1}>
              {results.hits.map((hit) => (
                <SearchResultItem
                  key={hit.id}
                  hit={hit}
                  categoryName={categories.find((c) => c.slug === hit.category)?.name ?? hit.category}
                  selected={selectedId === hit.id}
                  canRefer={viewerCanRefer}
                  distanceOrigin={results.place?.origin}
                  approximate={results.place?.approximate}
                  onShowOnMap={hit.lat != null && hit.lng != null ? () => showOnMap(hit.id) : undefined}
                />
              ))}
            </ol>
            <Pagination params={p} page={results.page} perPage={results.perPage} total={results.total} />
          </section>
          <SearchMap
            hits={results.hits}
            place={results.place}
            radiusKm={results.place ? (p.radius_km ?? 5) : null}
            selectedId={selectedId}
            onSelect={setSelectedId}
            load={wide || mapAskedFor}
          />
        </div>
      )}
    </div>
  );
}

function FacetCount({ n }: { n: number | undefined }) {
  if (n === undefined) return null;
  return <span className="facet-count">({n})</span>;
}

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={id}>
      {errors.join(". ")}
    </p>
  );
}

function ResultsSummary({ results }: { results: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["results"]> }) {
  const { total, place, params, textMatch } = results;
  const what = total === 1 ? "1 activity" : `${total} activities`;
  const where = place ? ` within ${params.radius_km} km of ${place.origin.from}` : "";
  // "from the centre of Leeds, not from LS6 1AA" says what was lost; "not from Leeds" would say nothing.
  const postcodeTyped = Boolean(params.near && /\d/.test(params.near));
  const sort = effectiveSort(params, place !== null);
  return (
    <>
      <p className="results-count">
        <strong>
          {what}
          {where}
        </strong>
        {total > 0 ? `, ${sortLabels[sort].toLowerCase()}.` : "."}
      </p>
      {textMatch === "similar" && params.q && (
        <p className="notice">
          Nothing matched “{params.q}” exactly, so these are close matches. Check the spelling if they are not what you
          meant.
        </p>
      )}
      {place?.approximate && (
        <p className="hint place-precision">
          {`Distances are measured from ${place.origin.from}${postcodeTyped ? `, not from ${params.near}` : ""}, so they may be out by up to ${Math.max(1, Math.round(place.precisionKm ?? 10))} km.`}{" "}
          A full postcode is more exact where this site has postcode data.
        </p>
      )}
    </>
  );
}

function Pagination({ params, page, perPage, total }: { params: Partial<SearchParams>; page: number; perPage: number; total: number }) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages of results">
      <ul className="pagination">
        {page > 1 && (
          <li>
            <Link className="button secondary" to={searchHref(params, { page: page - 1 })} rel="prev">
              Previous page
            </Link>
          </li>
        )}
        <li>
          Page {page} of {pages}
        </li>
        {page < pages && (
          <li>
            <Link className="button secondary" to={searchHref(params, { page: page + 1 })} rel="next">
              Next page
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
