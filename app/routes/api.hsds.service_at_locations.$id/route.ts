import { getHsdsServiceAtLocation, hsdsItemLoader, readOnlyAction } from "~/modules/interop/index.server";

export const loader = hsdsItemLoader("service at location", getHsdsServiceAtLocation);
export const action = readOnlyAction;
