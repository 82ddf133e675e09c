package io.sidedesk.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.ApiTestSupport.TestUser;

/** What the notification suites share: queuing emails in a transaction of the test's, and reading their rows. */
final class NotificationTesting {

    private final Notifications notifications;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    NotificationTesting(Notifications notifications, TransactionTemplate transactions, JdbcTemplate jdbc) {
        this.notifications = notifications;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** A notification row as stored. */
    record Row(
            long id,
            long ticketId,
            long recipientId,
            String subject,
            String textBody,
            String htmlBody,
            String state,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant sentAt,
            String messageId) {}

    /** Queues the emails in a transaction that commits: the recipients queued. */
    Set<Long> queue(List<Notifications.Email> emails) {
        return transactions.execute(status -> notifications.enqueue(emails));
    }

    /** An email about the ticket to the user, with text and HTML, from no trigger. */
    static Notifications.Email email(UUID correlation, long ticket, TestUser to, String subject) {
        return new Notifications.Email(
                correlation,
                ticket,
                to.id(),
                to.email(),
                "Test recipient",
                subject,
                "Plain text of " + subject,
                "<p>HTML of " + subject + "</p>",
                null,
                null);
    }

    /** The rows of one correlation id, by id. */
    List<Row> rows(UUID correlation) {
        return jdbc.query(
                """
                select id, ticket_id, recipient_id, subject, text_body, html_body, state, attempts, next_attempt_at,
                    last_error, sent_at, message_id
                from notifications where correlation_id = ? order by id""",
                (row, number) -> new Row(
                        row.getLong(1),
                        row.getLong(2),
                        row.getLong(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        row.getString(7),
                        row.getInt(8),
                        instant(row.getTimestamp(9)),
                        row.getString(10),
                        instant(row.getTimestamp(11)),
                        row.getString(12)),
                correlation);
    }

    /** The one row of a correlation id. */
    Row row(UUID correlation) {
        List<Row> rows = rows(correlation);
        if (rows.size() != 1) {
            throw new AssertionError("Expected one notification of " + correlation + ", found " + rows);
        }
        return rows.get(0);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
