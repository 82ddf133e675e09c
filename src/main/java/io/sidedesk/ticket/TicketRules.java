package io.sidedesk.ticket;

/**
 * Business rules (triggers) that run on every ticket audit before it is recorded, in the write's transaction: they
 * read the change ({@link RuleRun}), may change the ticket further and add events (notifications) to the audit.
 * Implemented by the trigger feature, so that the ticket feature records audits without depending on it.
 */
public interface TicketRules {

    void apply(RuleRun run);
}
