/**
 * The official HSDS 3.0 and Open Referral UK 3.0 JSON Schemas (copied unchanged
 * into standards/, see standards/PROVENANCE.tsv), compiled with Ajv's 2020-12
 * dialect. The files carry annotation keywords (`core`, `constraints`, …) and
 * refer to their siblings by file name, hence `strict: false` and the ids set here.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

const root = path.resolve(__dirname, "../../standards");
const HSDS_BASE = "https://specs.openreferral.org/hsds/3.0/schema/";
const ORUK_BASE = "https://openreferraluk.org/specifications/3.0/schema/";
// These two describe the OpenAPI document itself and refer to files online; nothing we serve uses them.
const ORUK_SKIP = new Set(["open_api.json", "service_with_definitions.json"]);

function load(dir: string, base: string, skip = new Set<string>()): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json") && !skip.has(f))) {
    const schema = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    delete schema.$schema;
    ajv.addSchema({ ...schema, $id: base + file });
  }
  return ajv;
}

const hsds = load(path.join(root, "hsds-3.0/schema"), HSDS_BASE);
const oruk = load(path.join(root, "oruk-3.0/schema"), ORUK_BASE, ORUK_SKIP);
// The paging header is defined once, by HSDS; ORUK uses the same.
oruk.addSchema({ ...JSON.parse(readFileSync(path.join(root, "hsds-3.0/schema/page.json"), "utf8")), $schema: undefined, $id: ORUK_BASE + "page.json" });

export type Entity = "service" | "organization" | "service_at_location" | "taxonomy" | "taxonomy_term";

function validator(ajv: Ajv2020, id: string): ValidateFunction {
  const v = ajv.getSchema(id);
  if (!v) throw new Error(`No schema ${id}`);
  return v;
}

function explain(v: ValidateFunction): string {
  return (v.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`).join("; ");
}

/** Errors of one object against both standards' schema for its entity; [] when valid. */
export function schemaErrors(entity: Entity, value: unknown): string[] {
  const errors: string[] = [];
  for (const [name, ajv, base] of [["HSDS 3.0", hsds, HSDS_BASE], ["ORUK 3.0", oruk, ORUK_BASE]] as const) {
    const v = validator(ajv, `${base}${entity}.json`);
    if (!v(value)) errors.push(`${name} ${entity}: ${explain(v)}`);
  }
  return errors;
}

/** Errors of a paged list: the header (HSDS page), ORUK's list schema, and every item under both. */
export function pageErrors(entity: Entity, value: { contents?: unknown[] }): string[] {
  const errors: string[] = [];
  const page = validator(hsds, `${HSDS_BASE}page.json`);
  if (!page(value)) errors.push(`page: ${explain(page)}`);
  for (const key of ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"]) {
    if (!(key in (value as object))) errors.push(`page: missing ${key}`);
  }
  const list = validator(oruk, `${ORUK_BASE}${entity}_list.json`);
  if (!list(value)) errors.push(`ORUK ${entity}_list: ${explain(list)}`);
  for (const item of value.contents ?? []) errors.push(...schemaErrors(entity, item));
  return errors;
}

export function apiDetailsErrors(value: unknown): string[] {
  const v = validator(oruk, `${ORUK_BASE}api_details.json`);
  return v(value) ? [] : [`ORUK api_details: ${explain(v)}`];
}
