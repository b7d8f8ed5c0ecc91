import { getHsdsTaxonomy, hsdsItemLoader, readOnlyAction } from "~/modules/interop/index.server";

export const loader = hsdsItemLoader("taxonomy", getHsdsTaxonomy);
export const action = readOnlyAction;
