import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { publicUrl } from "~/utils/env.server";

export const meta: MetaFunction = () => [{ title: "Open data: Linkway's public API — Linkway" }];

export function loader() {
  return { base: publicUrl() };
}

const endpoints: { path: string; what: string }[] = [
  { path: "/api/search", what: "Search activities with the same filters as the search page (words, place, distance, day, time, cost, access needs)." },
  { path: "/api/hsds/", what: "Which standard the Open Referral API speaks: version, profile and this API's OpenAPI document." },
  { path: "/api/hsds/services", what: "Every published activity as an HSDS service, in full, 50 a page (per_page up to 100). Filters: text, taxonomy_term_id, organization_id, modified_after, and lat, lng with radius_km." },
  { path: "/api/hsds/services/{id}", what: "One activity: its organisation, place and address, schedules, costs, contact, accessibility, languages and category." },
  { path: "/api/hsds/service_at_locations", what: "Where each activity happens (a place, or online)." },
  { path: "/api/hsds/organizations", what: "Organisations with at least one published activity." },
  { path: "/api/hsds/taxonomies", what: "Our list of kinds of activity, published as one taxonomy." },
  { path: "/api/hsds/taxonomy_terms", what: "Each kind of activity (walking, gardening, choirs …) as a taxonomy term." },
];

export default function ApiPage() {
  const { base } = useLoaderData<typeof loader>();
  return (
    <div className="container narrow">
      <h1>Open data</h1>
      <p className="lead">
        Everything Linkway lists publicly is also open data, so other directories, councils and the NHS can show the
        same activities without anyone typing them in twice.
      </p>
      <h2>What is public</h2>
      <p>
        Published activities, the organisations that run them, their sessions and our categories. Nothing about
        people who are referred, and not the joining links of online activities (those go only to people who book).
        Draft and archived activities are never shown.
      </p>
      <p>
        You need no key. Any website may call the API from a browser (CORS is open). Answers are JSON; a mistake in
        a request gets a 400 answer that names the parameter, and an unknown id gets a 404.
      </p>
      <h2>Open Referral (HSDS 3.0, Open Referral UK 3.0)</h2>
      <p>
        The <code>/api/hsds</code> API follows the{" "}
        <a href="https://docs.openreferral.org/en/latest/">Human Services Data Specification 3.0</a> and the{" "}
        <a href="https://openreferraluk.org/">Open Referral UK</a> 3.0 profile. Our tests check every answer against
        both standards' official schemas.
      </p>
      <table>
        <caption className="visually-hidden">Public API addresses</caption>
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">What it gives</th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((e) => (
            <tr key={e.path}>
              <td>
                {e.path.includes("{") ? (
                  <code>{e.path}</code>
                ) : (
                  <a href={e.path}>
                    <code>{e.path}</code>
                  </a>
                )}
              </td>
              <td>{e.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>OpenAPI description</h2>
      <p>
        <a href="/api/openapi.json">Download the OpenAPI 3.1 document</a> for <code>/api/search</code> and{" "}
        <code>/api/hsds</code> (<code>{base}/api/openapi.json</code>). It refers to the official Open Referral UK
        schemas for the shape of each object.
      </p>
      <h2>Calendars</h2>
      <p>
        Each activity and each organisation has a calendar feed (<code>.ics</code>) that any calendar app can
        subscribe to, linked from its page.
      </p>
      <h2>Using the data</h2>
      <p>
        The data may be reused under the{" "}
        <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">Open Government Licence v3.0</a>.
        Please say where it came from and link back to the activity's page.
      </p>
    </div>
  );
}
