package io.sidedesk.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The senders' side of the outbox, in short transactions of their own: claiming due emails, then recording how
 * each attempt went. A claim counts the attempt and leases the row to its sender until {@code lease} from now, so
 * that no other sender (on any instance) takes it meanwhile; a sender that dies leaves it to another after the
 * lease. All times are the service's clock.
 */
class NotificationOutbox {

    // Claimed rows leave the due set at once (next_attempt_at moves to the lease's end), so a concurrent claim that
    // read them before this commit re-checks them and passes them by.
    private static final String CLAIM = """
            with due as (
                select id from notifications
                where state = 'pending' and next_attempt_at <= ?
                order by id
                limit ?
                for update skip locked
            )
            update notifications n set attempts = n.attempts + 1, next_attempt_at = ?
            from due where n.id = due.id
            returning n.id, n.correlation_id, n.ticket_id, n.recipient_email, n.recipient_name, n.subject,
                n.text_body, n.html_body, n.message_id, n.attempts""";

    // Only the claim that made this attempt records it: a row whose lease ran out and was claimed again has more.
    private static final String RECORD = """
            update notifications set state = ?, sent_at = ?, last_error = coalesce(?, last_error),
                next_attempt_at = coalesce(?, next_attempt_at)
            where id = ? and state = 'pending' and attempts = ?""";

    private static final int MAX_ERROR_LENGTH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final NotificationProperties properties;
    private final Clock clock;

    NotificationOutbox(
            JdbcTemplate jdbc, TransactionTemplate transactions, NotificationProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** An email claimed for one attempt (its {@code attempts} count this one). */
    record Claimed(
            long id,
            UUID correlationId,
            long ticketId,
            String recipientEmail,
            String recipientName,
            String subject,
            String textBody,
            String htmlBody,
            String messageId,
            int attempts) {}

    /** How an attempt went: sent (no error), failed for now, or failed for good (no attempt could ever send it). */
    record Attempt(Claimed email, String error, boolean permanent) {

        static Attempt sent(Claimed email) {
            return new Attempt(email, null, false);
        }
    }

    /** Up to {@code batchSize} due emails, oldest first, leased to the caller. */
    List<Claimed> claim() {
        Instant now = now();
        List<Claimed> claimed = new ArrayList<>(jdbc.query(
                CLAIM,
                (row, number) -> new Claimed(
                        row.getLong(1),
                        row.getObject(2, UUID.class),
                        row.getLong(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        row.getString(7),
                        row.getString(8),
                        row.getString(9),
                        row.getInt(10)),
                at(now),
                properties.batchSize(),
                at(now.plus(properties.lease()))));
        claimed.sort(Comparator.comparingLong(Claimed::id));
        return claimed;
    }

    /**
     * Records the attempts: {@code sent}; or due again after the backoff; or {@code failed} after the last attempt
     * or an error no retry mends. Returns those given up on.
     */
    List<Attempt> record(List<Attempt> attempts) {
        Instant now = now();
        List<Object[]> rows = new ArrayList<>();
        List<Attempt> failed = new ArrayList<>();
        for (Attempt attempt : attempts) {
            Claimed email = attempt.email();
            NotificationState state;
            OffsetDateTime due = null;
            if (attempt.error() == null) {
                state = NotificationState.SENT;
            } else if (attempt.permanent() || email.attempts() >= properties.maxAttempts()) {
                state = NotificationState.FAILED;
                failed.add(attempt);
            } else {
                state = NotificationState.PENDING;
                due = at(now.plus(properties.retryAfter(email.attempts())));
            }
            rows.add(new Object[] {
                state.value(),
                state == NotificationState.SENT ? at(now) : null,
                attempt.error() == null ? null : shortened(attempt.error()),
                due,
                email.id(),
                email.attempts()
            });
        }
        transactions.executeWithoutResult(status -> jdbc.batchUpdate(RECORD, rows));
        return failed;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String shortened(String error) {
        String line = NotificationMail.oneLine(error).strip();
        return line.length() <= MAX_ERROR_LENGTH ? line : line.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
