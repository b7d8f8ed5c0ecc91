import { statusLabels, type ActivityStatus } from "~/modules/activities";

/** "Published", "Draft" or "Archived" as a tag; the word is there, so the colour is never the only sign. */
export function ActivityStatusTag({ status }: { status: ActivityStatus }) {
  return <span className={`status-tag status-${status}`}>{statusLabels[status]}</span>;
}
