import { hsdsListLoader, listHsdsTaxonomyTerms, readOnlyAction } from "~/modules/interop/index.server";

export const loader = hsdsListLoader(listHsdsTaxonomyTerms);
export const action = readOnlyAction;
