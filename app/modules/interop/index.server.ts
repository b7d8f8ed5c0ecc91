// The interop module's public face: what other modules, routes, scripts and tests may use.
export { activityCalendar, organisationCalendar } from "./activity-calendar.server";
export { calendarFileName, calendarResponse } from "./icalendar.server";
