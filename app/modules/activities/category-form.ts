/** The admin categories page's forms: one schema, told apart by `intent`. */
import { z } from "zod";

const name = z
  .string({ error: "Enter a name" })
  .trim()
  .min(2, { error: "Enter a name" })
  .max(60, { error: "Keep the name under 60 characters" });
const description = z.string().trim().max(300, { error: "Keep the description under 300 characters" }).optional();
const slug = z.string().regex(/^[a-z0-9-]{1,60}$/, { error: "Choose a category" });

export const categoryActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), name, description }),
  z.object({ intent: z.literal("update"), slug, name, description }),
  z.object({ intent: z.literal("move"), slug, direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("delete"), slug }),
]);

export type CategoryAction = z.infer<typeof categoryActionSchema>;

/** "Walking & Nature" → "walking-nature": the stored key, kept when the category is renamed. */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
}
