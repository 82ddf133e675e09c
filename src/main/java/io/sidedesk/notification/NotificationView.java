package io.sidedesk.notification;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.MayBeNull;

/**
 * A notification as admins list it, without its bodies: whom it went to about which ticket, where its delivery
 * stands, and the trigger that sent it. {@code next_attempt_at} is shown while it is pending only.
 */
@Schema(name = "Notification")
record NotificationView(
        long id,
        long ticketId,
        long recipientId,
        String recipientEmail,
        String subject,
        NotificationState state,
        int attempts,
        @MayBeNull String lastError,
        @MayBeNull Instant nextAttemptAt,
        @MayBeNull Trigger trigger,
        UUID correlationId,
        String messageId,
        Instant createdAt,
        @MayBeNull Instant sentAt) {

    static NotificationView of(Notification notification) {
        return new NotificationView(
                notification.getId(),
                notification.getTicketId(),
                notification.getRecipientId(),
                notification.getRecipientEmail(),
                notification.getSubject(),
                notification.getState(),
                notification.getAttempts(),
                notification.getLastError(),
                notification.getState() == NotificationState.PENDING ? notification.getNextAttemptAt() : null,
                notification.getTriggerId() == null
                        ? null
                        : new Trigger(notification.getTriggerId(), notification.getTriggerTitle()),
                notification.getCorrelationId(),
                notification.getMessageId(),
                notification.getCreatedAt(),
                notification.getSentAt());
    }

    /** The trigger that sent the notification, with its title as it was then. */
    @Schema(name = "NotificationTrigger")
    record Trigger(long id, @MayBeNull String title) {}
}
