import { hsdsListLoader, listHsdsServiceAtLocations, readOnlyAction } from "~/modules/interop/index.server";

export const loader = hsdsListLoader(listHsdsServiceAtLocations);
export const action = readOnlyAction;
