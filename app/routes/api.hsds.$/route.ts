import { openDataNotFound, readOnlyAction } from "~/modules/interop/index.server";

// Anything else under /api/hsds is JSON too, not the site's HTML error page.
export function loader() {
  return openDataNotFound("endpoint");
}
export const action = readOnlyAction;
