package io.sidedesk.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What other features learn of each audit once it is recorded, in the write's transaction, with its events final
 * (the rules' included) and its comment's id known: webhooks queue their events from it. Implemented by the webhook
 * feature, so that tickets record audits without depending on it.
 */
public interface AuditFollowers {

    void recorded(RecordedAudit audit);

    /**
     * An audit as recorded: the ticket as the write leaves it ({@link #ticket()}: read only when asked), who wrote it ({@code
     * null}: the system, as the router), its channel, the write's correlation id and time, and its events (the
     * {@code Comment} event first, when it has one).
     */
    record RecordedAudit(
            Supplier<Ticket> loader,
            long auditId,
            Long authorId,
            String channel,
            UUID correlationId,
            Instant createdAt,
            List<AuditEvent> events) {

        /** The ticket as the write leaves it: loaded at the first ask when the write had not loaded it. */
        public Ticket ticket() {
            return loader.get();
        }
    }
}
