import { getHsdsTaxonomyTerm, hsdsItemLoader, readOnlyAction } from "~/modules/interop/index.server";

export const loader = hsdsItemLoader("taxonomy term", getHsdsTaxonomyTerm);
export const action = readOnlyAction;
