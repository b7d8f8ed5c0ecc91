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

export const acceptInvitationNewUserSchema = z.object({
  intent: z.literal("create"),
  name: personNameField,
  password: newPasswordField,
});
