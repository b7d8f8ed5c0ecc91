// The organisations module's public face for code that also runs in the browser.
export { acceptInvitationNewUserSchema, inviteMemberSchema, memberActionSchema, roleLabels } from "./schemas";
