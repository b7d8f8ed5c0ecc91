/** Sessions exist this far ahead; the worker rolls the horizon forward daily. Browser-safe. */
export const HORIZON_WEEKS = 12;

export const horizonEnd = (now: Date) => new Date(now.getTime() + HORIZON_WEEKS * 7 * 86_400_000);
