import { hsdsListLoader, listHsdsTaxonomies, readOnlyAction } from "~/modules/interop/index.server";

export const loader = hsdsListLoader(listHsdsTaxonomies);
export const action = readOnlyAction;
