/**
 * HSDS wants a UUID for every object, but Linkway keeps some of them as parts
 * of an activity (its place, its cost, its contact) or as a slug (a
 * category). Those get name-based UUIDs (RFC 9562 version 5): the same thing
 * has the same id in every export, on every server, so a consumer's copy is
 * updated rather than duplicated, and nothing has to be stored.
 */
import { v5 as uuidv5 } from "uuid";

/** Linkway's own namespace for derived ids. Never change it: every published id depends on it. */
const LINKWAY_NAMESPACE = "6b0c2a8e-5d1f-4a8e-9c37-1f4e2b7d9a61";

export function derivedId(kind: string, ...parts: string[]): string {
  return uuidv5([kind, ...parts].join(":"), LINKWAY_NAMESPACE);
}

/** Our categories, published as one taxonomy. */
export const CATEGORY_TAXONOMY_ID = derivedId("taxonomy", "linkway-categories");
export const CATEGORY_TAXONOMY_NAME = "Linkway activity categories";

export function categoryTermId(slug: string): string {
  return derivedId("taxonomy_term", slug);
}
