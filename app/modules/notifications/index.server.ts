// The notifications module's public face: what other modules, routes, scripts and tests may use.
export * from "./index";
export { deliverPendingEmails, listDevMailbox, queueEmail, queueMessage } from "./email.server";
export { discardPendingMessages, enqueue, type EnqueueOptions, type OutboxTopic, forgetMessages, lastDelivered, lastOutboxId, outboxStats, type OutboxStats, processOutbox, pruneSettledMessages, withdrawPending } from "./outbox.server";
