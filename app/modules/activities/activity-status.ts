/**
 * An activity's life: draft → published → archived. Pure and browser-safe,
 * so the editor shows only the buttons that apply and the module refuses the
 * rest (409 at the edge).
 */
import type { ActivityStatus } from "./vocabulary";

export const statusActions = {
  publish: { from: ["draft"], to: "published", label: "Publish" },
  unpublish: { from: ["published"], to: "draft", label: "Unpublish (back to draft)" },
  archive: { from: ["draft", "published"], to: "archived", label: "Archive" },
  restore: { from: ["archived"], to: "draft", label: "Restore as a draft" },
} as const satisfies Record<string, { from: readonly ActivityStatus[]; to: ActivityStatus; label: string }>;

export type StatusAction = keyof typeof statusActions;
export const statusActionNames = Object.keys(statusActions) as StatusAction[];

export function isStatusAction(value: unknown): value is StatusAction {
  return typeof value === "string" && value in statusActions;
}

export function allowedStatusActions(status: ActivityStatus): StatusAction[] {
  return statusActionNames.filter((a) => (statusActions[a].from as readonly string[]).includes(status));
}

export class IllegalStatusChangeError extends Error {
  constructor(
    readonly from: ActivityStatus,
    readonly action: StatusAction,
  ) {
    super(`An activity that is ${from} cannot be changed with "${action}".`);
  }
}

export const statusLabels: Record<ActivityStatus, string> = {
  draft: "Draft",
  published: "Published",
  archived: "Archived",
};
