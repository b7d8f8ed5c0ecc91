/** Form schemas shared by the browser (Conform) and the server. */
import { z } from "zod";

export const emailField = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, { error: "Enter your email address" })
  .max(254, { error: "That email address is too long" })
  .pipe(z.email({ error: "Enter an email address in the right format, like name@example.com" }))
  .transform((v) => v.toLowerCase());

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: "Enter your password" }).min(1, { error: "Enter your password" }).max(1000),
  redirectTo: z.string().optional(),
});

/** Only same-site paths, so a crafted link cannot send people elsewhere after signing in. */
export function safeRedirect(to: string | null | undefined, fallback = "/"): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
