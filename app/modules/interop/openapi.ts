/**
 * Linkway's own OpenAPI 3.1 description of its public, keyless API:
 * `/api/search` (our search, as JSON) and `/api/hsds` (Open Referral). The
 * HSDS objects are described by the official ORUK 3.0 schemas, referenced by
 * their published ids rather than copied, so they cannot drift.
 */
import { HSDS_DEFAULT_PER_PAGE, HSDS_MAX_PER_PAGE, HSDS_MAX_RADIUS_KM } from "./hsds-params";

const ORUK = "https://openreferraluk.org/specifications/3.0/schema/";

const error = {
  description: "A parameter is out of range or malformed; `field` names it.",
  content: {
    "application/json": {
      schema: { type: "object", required: ["error"], properties: { error: { type: "string" }, field: { type: "string" } } },
    },
  },
};
const notFound = { ...error, description: "Nothing with that id is published here." };

const page = (item: string) => ({
  description: "One page",
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"],
        properties: {
          total_items: { type: "integer" },
          total_pages: { type: "integer" },
          page_number: { type: "integer" },
          size: { type: "integer", description: "Items on this page." },
          first_page: { type: "boolean" },
          last_page: { type: "boolean" },
          empty: { type: "boolean" },
          contents: { type: "array", items: { $ref: `${ORUK}${item}.json` } },
        },
      },
    },
  },
});

const one = (item: string) => ({ description: "Found", content: { "application/json": { schema: { $ref: `${ORUK}${item}.json` } } } });

const q = (name: string, description: string, schema: object) => ({ name, in: "query", required: false, description, schema });
const paging = [
  q("page", "Page number, from 1.", { type: "integer", minimum: 1, default: 1 }),
  q("per_page", `Items per page, at most ${HSDS_MAX_PER_PAGE}.`, { type: "integer", minimum: 1, maximum: HSDS_MAX_PER_PAGE, default: HSDS_DEFAULT_PER_PAGE }),
];
const text = q("text", "Words to look for (`search` is accepted too).", { type: "string", maxLength: 200 });
const serviceFilters = [
  text,
  q("taxonomy_term_id", "Only services with this taxonomy term (one of our categories).", { type: "string", format: "uuid" }),
  q("taxonomy_id", "Only services with a term from this taxonomy.", { type: "string", format: "uuid" }),
  q("organization_id", "Only this organisation's services.", { type: "string", format: "uuid" }),
  q("modified_after", "Only services changed after this time (ISO 8601).", { type: "string", format: "date-time" }),
  q("lat", "Latitude of the centre, with lng.", { type: "number", minimum: -90, maximum: 90 }),
  q("lng", "Longitude of the centre, with lat.", { type: "number", minimum: -180, maximum: 180 }),
  q("radius_km", `Distance from lat/lng in km (default 10, at most ${HSDS_MAX_RADIUS_KM}).`, { type: "number", minimum: 0.1, maximum: HSDS_MAX_RADIUS_KM }),
  ...paging,
];
const id = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

function item(tag: string, summary: string, schema: string) {
  return { get: { tags: [tag], summary, parameters: [id], responses: { 200: one(schema), 404: notFound } } };
}

export function openApiDocument(baseUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Linkway open data API",
      version: "1.0.0",
      description:
        "Published community activities for social prescribing. Read-only, no key, CORS open to every site. " +
        "`/api/hsds` follows the Open Referral Human Services Data Specification 3.0 and the Open Referral UK 3.0 profile. " +
        "Nothing here is about people: only activities, their organisations and their categories.",
      license: { name: "Data: Open Government Licence v3.0", url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" },
    },
    servers: [{ url: baseUrl }],
    tags: [
      { name: "Search", description: "Linkway's own search, as on /search." },
      { name: "Open Referral", description: "HSDS 3.0, ORUK 3.0 profile." },
    ],
    paths: {
      "/api/search": {
        get: {
          tags: ["Search"],
          summary: "Search published activities (the same as /search)",
          parameters: [
            q("q", "Words.", { type: "string", maxLength: 200 }),
            q("near", "A place or postcode.", { type: "string", maxLength: 100 }),
            q("lat", "Latitude, with lng.", { type: "number" }),
            q("lng", "Longitude, with lat.", { type: "number" }),
            q("radius_km", "Distance.", { type: "integer", enum: [1, 2, 5, 10, 25], default: 5 }),
            q("category", "A category slug; repeat for several.", { type: "string" }),
            q("day", "mon … sun; repeat for several.", { type: "string", enum: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] }),
            q("time", "Part of the day.", { type: "string", enum: ["morning", "afternoon", "evening"] }),
            q("free", "Only free activities.", { type: "string", enum: ["1", "0"] }),
            q("accessibility", "An accessibility feature; repeat for several.", { type: "string" }),
            q("online", "Online activities.", { type: "string", enum: ["include", "only", "exclude"] }),
            q("join", "How people can join.", { type: "string", enum: ["self_referral", "drop_in"] }),
            q("has_space", "Only with a place left in the next 14 days.", { type: "string", enum: ["1", "0"] }),
            q("sort", "Order.", { type: "string", enum: ["distance", "relevance", "soonest"] }),
            q("page", "Page, from 1.", { type: "integer", minimum: 1, maximum: 1000 }),
            q("per_page", "Results per page.", { type: "integer", minimum: 1, maximum: 50 }),
          ],
          responses: {
            200: {
              description: "Results, with counts for each filter (facets).",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["total", "page", "per_page", "results", "facets"],
                    properties: {
                      total: { type: "integer" },
                      page: { type: "integer" },
                      per_page: { type: "integer" },
                      distance_from: {
                        type: "object",
                        description: "Present when the search had a location: what every distance_km is measured from. A postcode or place known only roughly is measured from its centre, and says so.",
                        properties: {
                          precision: { type: "string", enum: ["postcode", "district", "place", "location"] },
                          description: { type: "string", examples: ["LS6 1AA", "the centre of LS6", "the centre of Headingley"] },
                          precision_km: { type: ["number", "null"] },
                        },
                      },
                      results: {
                        type: "array",
                        items: {
                          type: "object",
                          required: ["id", "title", "organisation", "category", "online", "cost", "url"],
                          properties: {
                            id: { type: "string", format: "uuid" },
                            title: { type: "string" },
                            organisation: { type: "string" },
                            category: { type: "string" },
                            lat: { type: ["number", "null"] },
                            lng: { type: ["number", "null"] },
                            distance_km: { type: ["number", "null"] },
                            online: { type: "boolean" },
                            cost: { type: "object", properties: { type: { type: "string" }, pence: { type: ["integer", "null"] }, label: { type: "string" } } },
                            next_session: { type: ["object", "null"], properties: { starts_at: { type: "string", format: "date-time" }, spaces_left: { type: "integer" } } },
                            url: { type: "string", format: "uri" },
                          },
                        },
                      },
                      facets: { type: "object" },
                    },
                  },
                },
              },
            },
            400: error,
          },
        },
      },
      "/api/hsds/": {
        get: {
          tags: ["Open Referral"],
          summary: "Which standard this API speaks",
          responses: { 200: { description: "API details", content: { "application/json": { schema: { $ref: `${ORUK}api_details.json` } } } } },
        },
      },
      "/api/hsds/services": { get: { tags: ["Open Referral"], summary: "Published activities as services, in full", parameters: serviceFilters, responses: { 200: page("service"), 400: error } } },
      "/api/hsds/services/{id}": item("Open Referral", "One service in full", "service"),
      "/api/hsds/service_at_locations": { get: { tags: ["Open Referral"], summary: "Where each service happens", parameters: serviceFilters, responses: { 200: page("service_at_location"), 400: error } } },
      "/api/hsds/service_at_locations/{id}": item("Open Referral", "One service at its location", "service_at_location"),
      "/api/hsds/organizations": { get: { tags: ["Open Referral"], summary: "Organisations with published activities", parameters: [text, ...paging], responses: { 200: page("organization"), 400: error } } },
      "/api/hsds/organizations/{id}": item("Open Referral", "One organisation", "organization"),
      "/api/hsds/taxonomies": { get: { tags: ["Open Referral"], summary: "Our category taxonomy", parameters: [text, ...paging], responses: { 200: page("taxonomy"), 400: error } } },
      "/api/hsds/taxonomies/{id}": item("Open Referral", "One taxonomy", "taxonomy"),
      "/api/hsds/taxonomy_terms": {
        get: {
          tags: ["Open Referral"],
          summary: "Our categories as taxonomy terms",
          parameters: [text, q("taxonomy_id", "Only terms of this taxonomy.", { type: "string", format: "uuid" }), ...paging],
          responses: { 200: page("taxonomy_term"), 400: error },
        },
      },
      "/api/hsds/taxonomy_terms/{id}": item("Open Referral", "One category", "taxonomy_term"),
    },
  };
}
