package io.sidedesk.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** An invocation as the log reads it: written and kept by SQL ({@link WebhookQueue}, {@link WebhookOutbox}). */
@Entity
@Immutable
@Table(name = "webhook_invocations")
class WebhookInvocation {

    @Id
    private Long id;

    private String webhookId;
    private UUID eventId;
    private String eventType;
    private long ticketId;
    private UUID correlationId;
    private String state;
    private int attempts;
    private Instant nextAttemptAt;
    private Integer statusCode;
    private Instant latestCompletedAt;
    private Instant createdAt;

    protected WebhookInvocation() {}

    Long getId() {
        return id;
    }

    String getWebhookId() {
        return webhookId;
    }

    UUID getEventId() {
        return eventId;
    }

    String getEventType() {
        return eventType;
    }

    long getTicketId() {
        return ticketId;
    }

    UUID getCorrelationId() {
        return correlationId;
    }

    String getState() {
        return state;
    }

    int getAttempts() {
        return attempts;
    }

    Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    Integer getStatusCode() {
        return statusCode;
    }

    Instant getLatestCompletedAt() {
        return latestCompletedAt;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
