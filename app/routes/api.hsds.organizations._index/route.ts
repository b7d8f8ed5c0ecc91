import { hsdsListLoader, listHsdsOrganizations, readOnlyAction } from "~/modules/interop/index.server";

export const loader = hsdsListLoader(listHsdsOrganizations);
export const action = readOnlyAction;
