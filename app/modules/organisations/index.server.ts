// The organisations module's public face: what other modules, routes, scripts and tests may use.
export * from "./index";
export { acceptInvitationAsNewUser, acceptInvitationAsUser, inviteMember, listPendingInvitations, readInvitation, revokeInvitation } from "./invitations.server";
export { changeMemberRole, listMembers, removeMember } from "./members.server";
export { createImportedOrganisation, getOrganisation, listProviderOrganisations, setRequireTwoFactor } from "./organisations.server";
export { completeSignUp, readSignUp, requestSignUp } from "./sign-up.server";
