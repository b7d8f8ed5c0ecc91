import { getHsdsOrganization, hsdsItemLoader, readOnlyAction } from "~/modules/interop/index.server";

export const loader = hsdsItemLoader("organization", getHsdsOrganization);
export const action = readOnlyAction;
