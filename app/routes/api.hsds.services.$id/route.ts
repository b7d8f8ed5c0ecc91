import { getHsdsService, hsdsItemLoader, readOnlyAction } from "~/modules/interop/index.server";

export const loader = hsdsItemLoader("service", getHsdsService);
export const action = readOnlyAction;
