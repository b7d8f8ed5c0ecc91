import { hsdsListLoader, listHsdsServices, readOnlyAction } from "~/modules/interop/index.server";

export const loader = hsdsListLoader(listHsdsServices);
export const action = readOnlyAction;
