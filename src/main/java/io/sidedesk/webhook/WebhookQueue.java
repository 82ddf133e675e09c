package io.sidedesk.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.function.SingletonSupplier;

import io.sidedesk.web.ConfigVersion;
import io.sidedesk.web.TransactionScoped;

/**
 * The write side of the outbox: what a write has to tell webhooks, gathered through its transaction and queued just
 * before it commits, in one statement whatever the number of events and webhooks (none when the write had nothing to
 * tell). Events go to every active webhook subscribed to their type whose creator is still an active admin (a
 * webhook sees what its creator sees); a trigger's notification goes to the one webhook it names, if active. A write
 * that rolls back queues nothing. After the commit, this instance's senders are woken.
 */
@Service
public class WebhookQueue {

    private static final Object KEY = new Object();

    private static final String INSERT = """
            insert into webhook_invocations (webhook_id, event_id, event_type, ticket_id, correlation_id, payload,
                state, attempts, next_attempt_at, created_at)
            select w.id, e.event_id, e.event_type, e.ticket_id, e.correlation_id, e.payload, 'pending', 0, ?, ?
            from unnest(?::uuid[], ?::text[], ?::bigint[], ?::uuid[], ?::text[], ?::text[]) with ordinality
                    as e(event_id, event_type, ticket_id, correlation_id, payload, webhook_id, n)
                join webhooks w on w.status = 'active' and w.subscriptions @> array[e.event_type]
                    and (e.webhook_id is null or w.id = e.webhook_id)
                join users u on u.id = w.created_by and u.active and u.role = 'admin'
            order by e.n, w.id""";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** This instance's sender, if it has one: resolved at the first commit (it needs this queue), not at every one. */
    private final SingletonSupplier<WebhookSender> sender;

    /** The event types some active webhook subscribes to, as of the configuration's version (web/ConfigVersion). */
    private final ConfigVersion.Kept<Set<String>> subscribed;

    WebhookQueue(JdbcTemplate jdbc, Clock clock, ObjectProvider<WebhookSender> senders, ConfigVersion versions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.sender = SingletonSupplier.of(senders::getIfAvailable);
        this.subscribed = versions.keep(() -> Set.copyOf(jdbc.queryForList(
                "select distinct s from webhooks w, unnest(w.subscriptions) s where w.status = 'active' and s is not null",
                String.class)));
    }

    /** The event types some active webhook subscribes to: an event of another type is queued for none. */
    Set<String> subscribed() {
        return subscribed.get();
    }

    /** One request to queue: an event for its subscribers ({@code webhookId} null), or a body for one webhook. */
    record Entry(UUID eventId, String eventType, long ticketId, UUID correlationId, String payload, String webhookId) {}

    /** Queues a trigger's notification: the body as rendered, for the webhook named, when the write commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void notify(String webhookId, long ticketId, UUID correlationId, String body) {
        add(new Entry(
                UUID.randomUUID(), EventTypes.CONDITIONAL_TICKET_EVENTS, ticketId, correlationId, body, webhookId));
    }

    /** Whether a trigger may notify this webhook: it exists and subscribes to {@code conditional_ticket_events}. */
    public boolean takesNotifications(String webhookId) {
        return Boolean.TRUE.equals(jdbc.query(
                "select exists (select 1 from webhooks where id = ? and subscriptions = array[?::text])",
                (rows) -> rows.next() && rows.getBoolean(1),
                webhookId,
                EventTypes.CONDITIONAL_TICKET_EVENTS));
    }

    /** Queues an entry when the write commits. */
    void add(Entry entry) {
        if (!subscribed().contains(entry.eventType())) {
            return; // no active webhook takes it: no statement, no row
        }
        TransactionScoped.get(KEY, this::pending).add(entry);
    }

    /** The entries of this transaction, queued together before it commits. */
    private List<Entry> pending() {
        List<Entry> entries = new ArrayList<>();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            private boolean queued;

            @Override
            public void beforeCommit(boolean readOnly) {
                queued = !entries.isEmpty() && insert(entries) > 0;
            }

            @Override
            public void afterCommit() {
                if (queued) {
                    // Every instance has one (an unconditional component); were it absent, it would stay absent.
                    WebhookSender wakes = sender.get();
                    if (wakes != null) {
                        wakes.wake();
                    }
                }
            }
        });
        return entries;
    }

    private int insert(List<Entry> entries) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        return jdbc.update(connection -> statement(connection, entries, now));
    }

    private static PreparedStatement statement(Connection connection, List<Entry> entries, OffsetDateTime now)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(INSERT);
        statement.setObject(1, now);
        statement.setObject(2, now);
        statement.setArray(3, array(connection, "uuid", entries, Entry::eventId));
        statement.setArray(4, array(connection, "text", entries, Entry::eventType));
        statement.setArray(5, array(connection, "bigint", entries, Entry::ticketId));
        statement.setArray(6, array(connection, "uuid", entries, Entry::correlationId));
        statement.setArray(7, array(connection, "text", entries, Entry::payload));
        statement.setArray(8, array(connection, "text", entries, Entry::webhookId));
        return statement;
    }

    private static java.sql.Array array(
            Connection connection, String type, List<Entry> entries, Function<Entry, Object> column)
            throws SQLException {
        return connection.createArrayOf(type, entries.stream().map(column).toArray());
    }
}
