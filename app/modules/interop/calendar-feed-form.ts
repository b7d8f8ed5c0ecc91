/** The calendar feeds page's one form: make a new link, or turn one off, for one organisation. */
import { z } from "zod";
import { isUuid } from "~/utils/ids";

export const calendarFeedActionSchema = z.object({
  intent: z.enum(["make", "off"], { error: "Choose what to do." }),
  organisationId: z.string().refine(isUuid, "Choose an organisation."),
});
