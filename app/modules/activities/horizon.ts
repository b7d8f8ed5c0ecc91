import { addDays } from "~/utils/time";
/** Sessions exist this far ahead; the worker rolls the horizon forward daily. Browser-safe. */
export const HORIZON_WEEKS = 12;

export const horizonEnd = (now: Date) => addDays(now, HORIZON_WEEKS * 7);
