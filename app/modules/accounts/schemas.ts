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

const redirectBase = "https://linkway.invalid";

/**
 * Only same-site paths, so a crafted link cannot send people elsewhere after
 * signing in. Browsers drop tabs and newlines inside a URL and read `\` as
 * `/`, so `/<TAB>/evil.test` becomes `//evil.test`: any control character,
 * space or backslash is refused outright rather than cleaned. What is kept is
 * re-serialised by the URL parser, so it always fits a Location header.
 */
export function safeRedirect(to: string | null | undefined, fallback = "/"): string {
  if (!to || !to.startsWith("/") || to.startsWith("//")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\x00-\x20\x7f-\xa0\\\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, redirectBase);
  } catch {
    return fallback;
  }
  if (url.origin !== redirectBase) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? fallback : path;
}

export const MIN_PASSWORD_LENGTH = 12;

/** A new password: the length rule is checked in the browser too; the common-password check only on the server. */
export const newPasswordField = z
  .string({ error: "Choose a password" })
  .min(1, { error: "Choose a password" })
  .refine((v) => [...v].length >= MIN_PASSWORD_LENGTH, { error: `Use at least ${MIN_PASSWORD_LENGTH} characters` })
  .refine((v) => v.length <= 256, { error: "Use 256 characters or fewer" });

const currentPasswordField = z
  .string({ error: "Enter your current password" })
  .min(1, { error: "Enter your current password" })
  .max(1000);

export const personNameField = z
  .string({ error: "Enter your name" })
  .trim()
  .min(1, { error: "Enter your name" })
  .max(100, { error: "Use 100 characters or fewer" });

export const organisationKinds = ["provider", "referrer"] as const;

export const signUpSchema = z.object({
  name: personNameField,
  email: emailField,
  password: newPasswordField,
  organisationName: z
    .string({ error: "Enter your organisation's name" })
    .trim()
    .min(2, { error: "Enter your organisation's name" })
    .max(120, { error: "Use 120 characters or fewer" }),
  organisationKind: z.enum(organisationKinds, { error: "Choose what your organisation does" }),
});

export const twoFactorSignInSchema = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from your app, or a recovery code" })
    .trim()
    .min(6, { error: "Enter the 6-digit code from your app, or a recovery code" })
    .max(20, { error: "That code is too long" }),
  redirectTo: z.string().optional(),
});

export const confirmSignInSchema = z.object({
  password: currentPasswordField,
  /** Only asked of people with two-step sign-in. */
  code: z.string().trim().max(20, { error: "That code is too long" }).optional(),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z.object({ token: z.string().min(1).max(200), password: newPasswordField });

export const changeNameSchema = z.object({ intent: z.literal("name"), name: personNameField });

export const changeEmailSchema = z.object({ intent: z.literal("email"), email: emailField, password: currentPasswordField });

export const changePasswordSchema = z.object({ currentPassword: currentPasswordField, newPassword: newPasswordField });

export const confirmTotpSchema = z.object({
  intent: z.literal("confirm"),
  code: z
    .string({ error: "Enter the 6-digit code from your app" })
    .trim()
    .regex(/^\d{6}$/, { error: "Enter the 6-digit code from your app" }),
});

export const passwordConfirmationSchema = z.object({ intent: z.string().optional(), password: currentPasswordField });

export const deleteAccountSchema = z.object({
  password: currentPasswordField,
  confirm: z.literal("on", { error: "Tick the box to confirm you want to delete your account" }),
});

export const endSessionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("end-one"), sessionId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("end-others") }),
]);

export const auditFilterSchema = z.object({
  action: z.string().max(64).optional(),
  actor: z.string().trim().max(100).optional(),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export const userSearchSchema = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export const setAdminSchema = z.object({ userId: z.uuid(), admin: z.enum(["true", "false"]) });

/** Commissioners see area-wide reports (aggregates only); an administrator grants it. */
export const setCommissionerSchema = z.object({ userId: z.uuid(), commissioner: z.enum(["true", "false"]) });

/** One change on the people page: administrator rights or the commissioner's view. */
export const userRoleChangeSchema = z.union([setAdminSchema, setCommissionerSchema]);

