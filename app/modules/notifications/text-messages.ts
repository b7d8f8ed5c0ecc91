/**
 * Whether texts reach people. There is no SMS channel yet: texts wait in the
 * outbox under "sms" for one (see Channel in email.server.ts). Flows that
 * would otherwise leave someone with only a mobile number and nothing read
 * this, so they change in one place when a channel is added.
 */
export const textMessagesDelivered = false;
