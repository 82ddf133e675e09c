package io.sidedesk.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.ticket.Correlation;

/**
 * Agents' statuses as they change: one row an agent (none: Offline, never set), its {@code version} one more each
 * change, and every change recorded (append-only) with who made it, why, and the write's correlation id. A change
 * holds the agent's row, as a router giving them a ticket does, so the router sees the status before or after it.
 */
@Component
class AgentAvailabilities {

    /** Why an agent's status is what it is (Zendesk's reasons). */
    enum Reason {
        UNKNOWN,
        AGENT_STATUS_SWITCHER,
        PUBLIC_API,
        AGENT_LOGOUT,
        USER_DEACTIVATED,
        /** Sidedesk's own: they became an end-user or a light agent, who are never routed. */
        ROLE_CHANGED,
        AGENT_STATUS_DELETED
    }

    /** An agent's status now; {@code version} 1 and no time when never set, one more each change. */
    record Current(long agentId, long statusId, Reason reason, Instant updatedAt, long version) {}

    private static final String CHANGE = """
            insert into agent_availabilities (agent_id, status_id, reason, status_updated_at, version)
            values (:agent, :status, :reason, :now, 2)
            on conflict (agent_id) do update set status_id = excluded.status_id, reason = excluded.reason,
                status_updated_at = excluded.status_updated_at, version = agent_availabilities.version + 1""";

    private static final String RECORD = """
            insert into agent_status_changes
                (agent_id, previous_status_id, status_id, reason, actor_id, correlation_id, created_at)
            values (:agent, :previous, :status, :reason, :actor, :correlation, :now)""";

    private final JdbcClient jdbc;
    private final RoutingEntries entries;
    private final Clock clock;

    AgentAvailabilities(JdbcClient jdbc, RoutingEntries entries, Clock clock) {
        this.jdbc = jdbc;
        this.entries = entries;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Current current(long agentId) {
        return read(agentId, "").orElse(new Current(agentId, AgentStatus.OFFLINE, Reason.UNKNOWN, null, 1));
    }

    /**
     * Sets the agent's status (held until commit), recording the change; the same status again changes nothing. A
     * status that lets them take tickets, or one that may release theirs, has the routers look after commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Current change(long agentId, long statusId, Reason reason, Long actorId) {
        Optional<Current> held = read(agentId, " for update");
        long previous = held.map(Current::statusId).orElse(AgentStatus.OFFLINE);
        if (previous == statusId) {
            return held.orElse(new Current(agentId, AgentStatus.OFFLINE, Reason.UNKNOWN, null, 1));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql(CHANGE)
                .param("agent", agentId)
                .param("status", statusId)
                .param("reason", reason.name())
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql(RECORD)
                .param("agent", agentId)
                .param("previous", held.isPresent() ? previous : null)
                .param("status", statusId)
                .param("reason", reason.name())
                .param("actor", actorId)
                .param("correlation", Correlation.current())
                .param("now", Timestamp.from(now))
                .update();
        entries.wakeRoutersAfterCommit();
        return new Current(
                agentId, statusId, reason, now, held.map(Current::version).orElse(0L) + 1);
    }

    /** Every agent on the status to Offline, for the reason: their ids. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Long> offlineAllOn(long statusId, Reason reason, Long actorId) {
        List<Long> agents = jdbc.sql("select agent_id from agent_availabilities where status_id = :status "
                        + "order by agent_id for update")
                .param("status", statusId)
                .query(Long.class)
                .list();
        agents.forEach(agent -> change(agent, AgentStatus.OFFLINE, reason, actorId));
        return agents;
    }

    private Optional<Current> read(long agentId, String lock) {
        return jdbc.sql("select agent_id, status_id, reason, status_updated_at, version from agent_availabilities "
                        + "where agent_id = :agent" + lock)
                .param("agent", agentId)
                .query((row, number) -> new Current(
                        row.getLong(1),
                        row.getLong(2),
                        Reason.valueOf(row.getString(3)),
                        row.getTimestamp(4).toInstant(),
                        row.getLong(5)))
                .optional();
    }
}
