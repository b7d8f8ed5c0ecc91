// The notifications module's public face for code that also runs in the browser.
export { attendanceNoticeEmail, attendanceWithdrawnEmail, followUpEmail, registerLinkEmail, stalledAlertEmail } from "./attendance-emails";
export { mailMode } from "./mail-mode";
export { acceptedMessage, type ActivityBrief, alreadyAskedMessage, bookedMessage, cancelledByPersonMessage, declinedMessage, type DigestSession, type Message, offerLapsedMessage, offerMessage, organiserBookingDigestMessage, organiserCancelledMessage, organiserNewReferralMessage, organiserWithdrawnMessage, referredMessage, referrerBookedMessage, referrerCancelledMessage, referrerDeclinedMessage, referrerDisengagedMessage, referrerExpiredMessage, referrerSessionReinstatedMessage, referrerWithdrawnByPersonMessage, reminderMessage, sessionCancelledMessage, sessionReinstatedMessage, waitlistedMessage, withdrawnByReferrerMessage } from "./referral-messages";
export { renderEmail } from "./templates";
export { textMessagesDelivered } from "./text-messages";
