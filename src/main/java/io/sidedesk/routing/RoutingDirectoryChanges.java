package io.sidedesk.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.sidedesk.access.ApiTokens;
import io.sidedesk.directory.AssigneesLostTickets;
import io.sidedesk.directory.GroupDeleted;
import io.sidedesk.directory.GroupJoined;
import io.sidedesk.settings.RoutingSettings;
import io.sidedesk.settings.Settings;
import io.sidedesk.ticket.Correlation;

/**
 * Routing follows the directory, at the end of the directory write's transaction (after the tickets followed it):
 * someone deactivated, or no longer an agent who can be assigned, goes Offline; someone whose last personal API token
 * was revoked goes Offline; the tickets the change left in a group with no assignee (unassigned, or moved out of a
 * deleted group) are queued, as any write that leaves a ticket routable queues it; and someone who joined a group has
 * the routers look at once.
 */
@Component
class RoutingDirectoryChanges {

    // The tickets this write audited (the directory's own statements write one audit a ticket) that are routable now;
    // one queued already keeps its place and is matched to its queues again (its group may have changed).
    private static final String QUEUE_AUDITED = """
            insert into routing_entries (ticket_id, queued_at, reason, correlation_id)
            select t.id, :now, 'routable', :correlation from tickets t
            where t.id in (select a.ticket_id from ticket_audits a where a.correlation_id = :correlation)
              and t.group_id is not null and t.assignee_id is null and t.status in ('new', 'open') and not t.deleted
              and (t.via_channel = 'side_conversation' or cast(:tag as text) is null or :tag = any(t.tags))
            order by t.id
            on conflict (ticket_id) do update set queue_id = null""";

    private final AgentAvailabilities availabilities;
    private final Settings settings;
    private final RoutingEntries entries;
    private final JdbcClient jdbc;
    private final Clock clock;

    RoutingDirectoryChanges(
            AgentAvailabilities availabilities,
            Settings settings,
            RoutingEntries entries,
            JdbcClient jdbc,
            Clock clock) {
        this.availabilities = availabilities;
        this.settings = settings;
        this.entries = entries;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(AssigneesLostTickets lost) {
        if (lost.reason() != AssigneesLostTickets.Reason.USER_LEFT_GROUP) {
            AgentAvailabilities.Reason reason = lost.reason() == AssigneesLostTickets.Reason.USER_DEACTIVATED
                    ? AgentAvailabilities.Reason.USER_DEACTIVATED
                    : AgentAvailabilities.Reason.ROLE_CHANGED;
            for (long user : lost.userIds()) {
                if (availabilities.current(user).statusId() != AgentStatus.OFFLINE) {
                    availabilities.change(
                            user, AgentStatus.OFFLINE, reason, lost.actor().userId());
                }
            }
        }
        queueAudited();
    }

    /** An agent who joined a group may take its waiting tickets at once. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(GroupJoined joined) {
        entries.wakeRoutersAfterCommit();
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(GroupDeleted deleted) {
        queueAudited();
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(ApiTokens.LastTokenRevoked revoked) {
        if (availabilities.current(revoked.userId()).statusId() != AgentStatus.OFFLINE) {
            availabilities.change(
                    revoked.userId(),
                    AgentStatus.OFFLINE,
                    AgentAvailabilities.Reason.AGENT_LOGOUT,
                    revoked.actor().userId());
        }
    }

    private void queueAudited() {
        RoutingSettings routing = settings.routing();
        if (!routing.enabled()) {
            return;
        }
        int queued = jdbc.sql(QUEUE_AUDITED)
                .param("now", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .param("correlation", Correlation.current())
                .param("tag", routing.routingTag())
                .update();
        if (queued > 0) {
            entries.wakeRoutersAfterCommit();
        }
    }
}
