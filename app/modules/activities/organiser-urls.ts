/** Organiser pages' addresses, in one place so links and redirects agree. */

export const editorUrl = (activityId: string) => `/organiser/activities/${activityId}/edit`;
export const sessionsUrl = (activityId: string) => `/organiser/activities/${activityId}/sessions`;
export const registerUrl = (sessionId: string) => `/sessions/${sessionId}/register`;

/** After a save: the edit page, told what happened through the query string. */
export function savedLocation(result: { activityId: string; status: string; placedAt: string | null }): string {
  const params = new URLSearchParams({ saved: result.status });
  if (result.placedAt) params.set("placed", result.placedAt);
  return `${editorUrl(result.activityId)}?${params}`;
}
