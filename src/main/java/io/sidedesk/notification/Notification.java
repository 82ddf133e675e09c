package io.sidedesk.notification;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A notification as the admins' list reads it. Rows are written and moved along in SQL only ({@link Notifications},
 * {@link NotificationOutbox}), never through this entity; the bodies are not read here.
 */
@Entity
@Immutable
@Table(name = "notifications")
class Notification {

    @Id
    private Long id;

    private UUID correlationId;

    private long ticketId;

    private long recipientId;

    private String recipientEmail;

    private String subject;

    private Long triggerId;

    private String triggerTitle;

    private String messageId;

    private NotificationState state;

    private int attempts;

    private Instant nextAttemptAt;

    private String lastError;

    private Instant createdAt;

    private Instant sentAt;

    protected Notification() {}

    Long getId() {
        return id;
    }

    UUID getCorrelationId() {
        return correlationId;
    }

    long getTicketId() {
        return ticketId;
    }

    long getRecipientId() {
        return recipientId;
    }

    String getRecipientEmail() {
        return recipientEmail;
    }

    String getSubject() {
        return subject;
    }

    Long getTriggerId() {
        return triggerId;
    }

    String getTriggerTitle() {
        return triggerTitle;
    }

    String getMessageId() {
        return messageId;
    }

    NotificationState getState() {
        return state;
    }

    int getAttempts() {
        return attempts;
    }

    Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    String getLastError() {
        return lastError;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getSentAt() {
        return sentAt;
    }
}
