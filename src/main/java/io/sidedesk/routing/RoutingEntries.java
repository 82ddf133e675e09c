package io.sidedesk.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.sidedesk.settings.Settings;
import io.sidedesk.ticket.Correlation;
import io.sidedesk.web.TransactionScoped;

/**
 * The routing queue's rows, as writes keep them: in the write's transaction, on a ticket the write holds locked (one
 * lock order with the routers: the ticket, then its row here). After the write commits, this instance's router looks
 * at once; the others within their poll interval.
 */
@Component
class RoutingEntries {

    /** Why a ticket is in the queue. */
    enum Reason {
        ROUTABLE("routable"),
        REOPENED("reopened"),
        AGENT_OFFLINE("agent_offline"),
        AGENT_AWAY("agent_away");

        final String value;

        Reason(String value) {
            this.value = value;
        }

        static Reason of(String value) {
            for (Reason reason : values()) {
                if (reason.value.equals(value)) {
                    return reason;
                }
            }
            throw new IllegalArgumentException("No routing reason " + value);
        }
    }

    private static final Object WAKE = new Object();

    private static final Object ROUTER_WRITE = new Object();

    // A ticket queued again keeps its place (its age) and the write that first queued it; its queue is as matched now.
    private static final String QUEUE = """
            insert into routing_entries (ticket_id, queued_at, reason, correlation_id, queue_id)
            values (:ticket, :now, :reason, :correlation, :queue)
            on conflict (ticket_id) do update set queue_id = excluded.queue_id, reason = excluded.reason""";

    private final JdbcClient jdbc;
    private final Router router;
    private final Settings settings;
    private final Clock clock;

    RoutingEntries(JdbcClient jdbc, Router router, Settings settings, Clock clock) {
        this.jdbc = jdbc;
        this.router = router;
        this.settings = settings;
        this.clock = clock;
    }

    /** Queues the ticket (held by the write) in the queue it matched ({@link QueueTargets#STANDARD}: none). */
    void queue(long ticketId, Reason reason, long queueId) {
        if (isRouterWrite()) {
            router.requeuedByRouter();
        }
        jdbc.sql(QUEUE)
                .param("ticket", ticketId)
                .param("queue", queueId)
                .param("now", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .param("reason", reason.value)
                .param("correlation", Correlation.current())
                .update();
    }

    void remove(long ticketId) {
        jdbc.sql("delete from routing_entries where ticket_id = :ticket")
                .param("ticket", ticketId)
                .update();
    }

    /** The current transaction is a router's: its own writes wake no router (the round goes on anyway). */
    static void markRouterWrite() {
        TransactionScoped.get(ROUTER_WRITE, () -> Boolean.TRUE);
    }

    static boolean isRouterWrite() {
        return TransactionSynchronizationManager.getResource(ROUTER_WRITE) != null;
    }

    /**
     * With routing on, this instance's router looks at the queue once the current transaction commits (once, however
     * many ask). With routing off, nothing: no round runs while no ticket may be routed.
     */
    void wakeRoutersAfterCommit() {
        if (isRouterWrite() || !settings.routing().enabled()) {
            return;
        }
        TransactionScoped.get(WAKE, () -> {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    router.wake();
                }
            });
            return Boolean.TRUE;
        });
    }
}
