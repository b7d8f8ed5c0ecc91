/** Form schemas for organisation membership, shared by the browser (Conform) and the server. */
import { z } from "zod";
import { emailField, newPasswordField, personNameField } from "~/modules/accounts";

export const roles = ["owner", "member"] as const;

export const roleLabels: Record<(typeof roles)[number], string> = { owner: "Owner", member: "Member" };

export const inviteMemberSchema = z.object({
  intent: z.literal("invite"),
  email: emailField,
  role: z.enum(roles, { error: "Choose a role" }),
});

export const memberActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("change-role"), userId: z.uuid(), role: z.enum(roles) }),
  z.object({ intent: z.literal("remove"), userId: z.uuid() }),
  z.object({ intent: z.literal("leave") }),
  z.object({ intent: z.literal("revoke-invitation"), invitationId: z.uuid() }),
  z.object({ intent: z.literal("require-two-factor"), required: z.enum(["true", "false"]) }),
]);

export type MemberAction = z.infer<typeof memberActionSchema>;

/**
 * Whether a change to the members hands out access (a new member, a new
 * owner, two-step sign-in no longer required). Those need a recent sign-in
 * (requireRecentSignIn); taking access away never does.
 */
export function handsOutOrganisationAccess(action: MemberAction | { intent: "invite" }): boolean {
  switch (action.intent) {
    case "invite":
      return true;
    case "change-role":
      return action.role === "owner";
    case "require-two-factor":
      return action.required === "false";
    default:
      return false;
  }
}

export const acceptInvitationNewUserSchema = z.object({
  intent: z.literal("create"),
  name: personNameField,
  password: newPasswordField,
});
