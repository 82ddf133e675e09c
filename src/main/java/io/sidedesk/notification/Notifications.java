package io.sidedesk.notification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.Transactions;

/**
 * The email outbox: what other features call to notify people. Emails are rows written in the caller's transaction,
 * so a write that rolls back notifies nobody, and are sent after it commits ({@link NotificationSender}, on the
 * instance that wrote them or on any other). Without a mail server ({@code spring.mail.host}) they are kept as
 * {@code not_sent}, and the log says so once.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private static final AtomicBoolean MAIL_OFF_SAID = new AtomicBoolean();

    // One statement whatever the number of emails: each array holds one column, and each row draws its id, from
    // which its Message-ID is made. A recipient who already has an email for the correlation id is skipped (R15).
    private static final String INSERT = """
            insert into notifications (id, correlation_id, ticket_id, recipient_id, recipient_email, recipient_name,
                subject, text_body, html_body, trigger_id, trigger_title, message_id, state, attempts,
                next_attempt_at, created_at)
            select e.id, e.correlation_id, e.ticket_id, e.recipient_id, e.recipient_email, e.recipient_name,
                e.subject, e.text_body, e.html_body, e.trigger_id, e.trigger_title,
                '<notification-' || e.id || '.ticket-' || e.ticket_id || '@' || ? || '>', ?, 0, ?, ?
            from (
                select nextval('notifications_id_seq') as id, u.*
                from unnest(?::uuid[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::bigint[], ?::text[])
                    as u(correlation_id, ticket_id, recipient_id, recipient_email, recipient_name, subject, text_body,
                        html_body, trigger_id, trigger_title)
            ) e
            on conflict (correlation_id, recipient_id) do nothing
            returning recipient_id""";

    private final JdbcTemplate jdbc;
    private final NotificationRepository notifications;
    private final NotificationProperties properties;
    private final Clock clock;
    private final NotificationSender sender;

    Notifications(
            JdbcTemplate jdbc,
            NotificationRepository notifications,
            NotificationProperties properties,
            Clock clock,
            ObjectProvider<NotificationSender> sender) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.properties = properties;
        this.clock = clock;
        this.sender = sender.getIfAvailable();
        if (this.sender == null && MAIL_OFF_SAID.compareAndSet(false, true)) {
            log.info("Email notifications are off: no mail server is configured, so notifications are recorded as "
                    + "not_sent and never sent. To send them, set SPRING_MAIL_HOST and SPRING_MAIL_PORT (with "
                    + "SPRING_MAIL_USERNAME and SPRING_MAIL_PASSWORD if the server wants them) and SIDEDESK_MAIL_FROM");
        }
    }

    /** One email to queue. */
    public record Email(
            UUID correlationId,
            long ticketId,
            long recipientId,
            String recipientEmail,
            String recipientName,
            String subject,
            String textBody,
            String htmlBody,
            Long triggerId,
            String triggerTitle) {

        /** The correlation id, address, subject and text are required; the name, HTML and trigger may be null. */
        public Email {
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(recipientEmail, "recipientEmail");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(textBody, "textBody");
        }
    }

    /**
     * Queues these emails in the caller's transaction, in one SQL statement whatever their number. Returns the
     * recipient ids actually queued: a recipient who already has an email for this correlation id is not queued
     * again (R15: each recipient at most one email per action). Empty list in, no statement. Once the caller's
     * transaction commits, this instance's sender (if mail is on) is woken.
     */
    public Set<Long> enqueue(List<Email> emails) {
        Transactions.requireActive();
        if (emails.isEmpty()) {
            return Set.of();
        }
        NotificationState state = sender == null ? NotificationState.NOT_SENT : NotificationState.PENDING;
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        List<Long> queued =
                jdbc.query(connection -> insert(connection, emails, state, now), (row, number) -> row.getLong(1));
        if (sender != null && !queued.isEmpty()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.wake();
                }
            });
        }
        return Set.copyOf(queued);
    }

    /** Notifications newest first, of one ticket or in one state if asked (admins). */
    @Transactional(readOnly = true)
    ListPage<NotificationView> list(Actor actor, Long ticketId, NotificationState state, Paging paging) {
        actor.requireAdmin();
        Specification<Notification> filter = (root, query, cb) -> cb.conjunction();
        if (ticketId != null) {
            filter = filter.and((root, query, cb) -> cb.equal(root.get("ticketId"), ticketId));
        }
        if (state != null) {
            filter = filter.and((root, query, cb) -> cb.equal(root.get("state"), state));
        }
        return paging.fetchNewestFirst(notifications, filter, Notification::getId)
                .map(NotificationView::of);
    }

    private PreparedStatement insert(
            Connection connection, List<Email> emails, NotificationState state, OffsetDateTime now)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(INSERT);
        int column = 0;
        statement.setString(++column, properties.domain());
        statement.setString(++column, state.value());
        statement.setObject(++column, now);
        statement.setObject(++column, now);
        statement.setArray(++column, array(connection, "uuid", emails, Email::correlationId));
        statement.setArray(++column, array(connection, "bigint", emails, Email::ticketId));
        statement.setArray(++column, array(connection, "bigint", emails, Email::recipientId));
        statement.setArray(++column, array(connection, "text", emails, Email::recipientEmail));
        statement.setArray(++column, array(connection, "text", emails, Email::recipientName));
        statement.setArray(++column, array(connection, "text", emails, Email::subject));
        statement.setArray(++column, array(connection, "text", emails, Email::textBody));
        statement.setArray(++column, array(connection, "text", emails, Email::htmlBody));
        statement.setArray(++column, array(connection, "bigint", emails, Email::triggerId));
        statement.setArray(++column, array(connection, "text", emails, Email::triggerTitle));
        return statement;
    }

    private static java.sql.Array array(
            Connection connection, String type, List<Email> emails, Function<Email, Object> column)
            throws SQLException {
        return connection.createArrayOf(type, emails.stream().map(column).toArray());
    }
}
