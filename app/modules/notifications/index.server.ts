// The notifications module's public face: what other modules, routes, scripts and tests may use.
export * from "./index";
export { deliverPendingEmails, listDevMailbox, queueEmail, queueMessage } from "./email.server";
export { discardPendingMessages, enqueue, ParkMessage, type EnqueueOptions, type OutboxTopic, forgetMessages, lastDelivered, lastOutboxId, outboxStats, type OutboxStats, processOutbox, pruneSettledMessages, withdrawPending } from "./outbox.server";
export { deliverPendingTexts, describeFailure, forgetTexts, listDevTexts, listTextFailures, queueText, queueTextMessage, recordDevReply, recordTextStatus, textReference, textsAreDelivered, textsGoToDevInbox, type TextMessage } from "./text-delivery.server";
export { httpProvider, notifyProvider, PermanentTextFailure, textMode, type TextProvider } from "./text-providers.server";
export { callbackAuthorised, deliveryReceiptSchema, receivedTextSchema } from "./text-callbacks.server";
