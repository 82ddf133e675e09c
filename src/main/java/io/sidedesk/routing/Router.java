package io.sidedesk.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.directory.People;
import io.sidedesk.settings.AssignmentMethod;
import io.sidedesk.settings.RoutingSettings;
import io.sidedesk.settings.Settings;
import io.sidedesk.ticket.AuditEvent;
import io.sidedesk.ticket.Correlation;
import io.sidedesk.ticket.TicketStatus;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.Rounds;

/**
 * Routes the queue's tickets (R21), on a thread of its own: woken after each commit on this instance that queued a
 * ticket or may have freed an agent's place, and every {@code poll-interval} for what other instances queued or
 * freed. Each ticket is routed in a transaction of its own that holds the ticket and its queue row locked ({@code
 * SKIP LOCKED}: a ticket a write or another router holds is left to them) and the chosen agent's availability row
 * locked while it counts their load and gives them the ticket, so that two routers never both fill an agent's last
 * place and no ticket is assigned twice, on any number of instances. A router never waits for a lock (each is taken
 * with SKIP LOCKED: an agent whose rows a write holds is passed by this time), so it is never part of a deadlock.
 */
@Component
class Router implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** Tickets read from the queue at a time, in routing order. */
    static final int BATCH = 200;

    /** How many times a round starts again from the top when a write may have freed a place meanwhile. */
    static final int RESTARTS = 3;

    /** A queued ticket's queue priority (1 highest; the standard queue, 11, last), as SQL over {@code q}. */
    static final String QUEUE_PRIORITY = "coalesce(q.priority, 11)";

    /** A queued ticket's own priority as a rank (urgent 0 first; none as normal), as SQL over {@code t}. */
    static final String TICKET_RANK =
            "case t.priority when 'urgent' then 0 when 'high' then 1 when 'low' then 3 else 2 end";

    // The queue in routing order: the queue's priority, the ticket's, the oldest first. Keyset by that order.
    private static final String NEXT = """
            select e.ticket_id, e.queue_id, t.group_id, %1$s as queue_priority, %2$s as rank, e.position
            from routing_entries e
            join tickets t on t.id = e.ticket_id
            left join routing_queues q on q.id = e.queue_id
            where e.position <= :last and (%1$s, %2$s, e.position) > (:queuePriority, :rank, :position)
            order by 4, 5, 6
            limit :limit""".formatted(QUEUE_PRIORITY, TICKET_RANK);

    // The ticket and its queue row, held for this transaction, unless a write or another router holds them.
    private static final String LOCK = """
            select t.id, t.group_id, t.assignee_id, t.routed_to, t.status, t.deleted, t.via_channel, t.tags,
                   g.is_public, e.queue_id, e.reason, e.correlation_id, e.queued_at
            from routing_entries e
            join tickets t on t.id = e.ticket_id
            left join groups g on g.id = t.group_id
            where e.ticket_id = :ticket
            for update of e, t skip locked""";

    // Who could take a ticket of these groups now (not locked: the chosen one is locked and counted again), with
    // their capacity and load. Never light agents (R3); in a private group, only its members (R17).
    private static final String CANDIDATES = """
            select a.agent_id, a.last_routed_at,
                   coalesce(r.email, (select d.email from capacity_rules d where d.is_default)) as capacity,
                   (select count(*) from tickets l where l.routed_to = a.agent_id and l.assignee_id = a.agent_id
                        and l.status in (:statuses) and not l.deleted) as load,
                   (select array_agg(m.group_id order by m.group_id) from group_memberships m
                        join groups g on g.id = m.group_id
                        where m.user_id = a.agent_id and m.group_id in (:groups) and not g.deleted) as via_groups,
                   exists (select 1 from group_memberships o where o.user_id = a.agent_id and o.group_id = :ownGroup)
                       as in_own_group
            from agent_availabilities a
            join agent_statuses s on s.id = a.status_id
            join users u on u.id = a.agent_id
            left join capacity_rule_agents ra on ra.agent_id = a.agent_id
            left join capacity_rules r on r.id = ra.rule_id
            where s.email in ('online', 'away') and u.active and u.role in ('agent', 'admin')
              and (u.custom_role_id is null or exists (select 1 from custom_roles cr
                  where cr.id = u.custom_role_id and cr.role_type <> 1))
              and exists (select 1 from group_memberships m join groups g on g.id = m.group_id
                  where m.user_id = a.agent_id and m.group_id in (:groups) and not g.deleted)
              and (:privateGroup = 0 or exists (select 1 from group_memberships p
                  where p.user_id = a.agent_id and p.group_id = :privateGroup))""";

    // The chosen agent, held while their load is counted again and the ticket given: still online or away.
    private static final String HOLD_AGENT = """
            select a.agent_id from agent_availabilities a join agent_statuses s on s.id = a.status_id
            where a.agent_id = :agent and s.email in ('online', 'away')
            for update of a skip locked""";

    private static final String LOAD = """
            select count(*) from tickets
            where routed_to = :agent and assignee_id = :agent and status in (:statuses) and not deleted""";

    // Routed tickets of agents offline (away) for the delay, queued to be routed again.
    private static final String REASSIGN = """
            insert into routing_entries (ticket_id, queued_at, reason, correlation_id)
            select t.id, :now, case when s.email = 'away' then 'agent_away' else 'agent_offline' end, :correlation
            from agent_availabilities a
            join agent_statuses s on s.id = a.status_id
            join tickets t on t.routed_to = a.agent_id and t.assignee_id = a.agent_id
            where ((:offline and s.email = 'offline') or (:away and s.email = 'away'))
              and a.status_updated_at <= :cutoff
              and t.status in ('new', 'open') and not t.deleted
            on conflict (ticket_id) do nothing""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Settings settings;
    private final Tickets tickets;
    private final People people;
    private final QueueTargets queues;
    private final Clock clock;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final Rounds rounds = new Rounds("router", this::routeDue);
    private final AtomicBoolean requeued = new AtomicBoolean();

    Router(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Settings settings,
            Tickets tickets,
            People people,
            QueueTargets queues,
            Clock clock,
            MeterRegistry meters,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.tickets = tickets;
        this.people = people;
        this.queues = queues;
        this.clock = clock;
        this.meters = meters;
        this.json = json;
    }

    /** A round of routing soon, on the router's thread; wakes while one waits to start make no other. */
    void wake() {
        rounds.wake();
    }

    /** Whether no round runs or waits to start (for tests that must know the router has looked at the queue). */
    boolean idle() {
        return rounds.idle();
    }

    /**
     * The periodic look: what other instances queued or freed, agents away or offline for the delay, tickets that
     * have waited long enough for their queue's secondary groups.
     */
    @Scheduled(
            fixedDelayString = "${sidedesk.routing.poll-interval:5s}",
            initialDelayString = "${sidedesk.routing.poll-interval:5s}")
    void poll() {
        wake();
    }

    /** One round: every queued ticket looked at once, in routing order; how many were assigned. */
    int routeDue() {
        RoutingSettings routing = transactions.execute(status -> settings.routing());
        if (routing == null || !routing.enabled()) {
            return 0;
        }
        if (routing.reassignWhenOffline() || routing.reassignWhenAway()) {
            queueReassignments(routing);
        }
        int assigned = pass(routing);
        // A ticket this round assigned and a trigger then moved on (or took back) is queued again behind the round's
        // place: one more pass looks at it. Once a round, so that rules that keep undoing the router cannot spin it.
        if (requeued.getAndSet(false)) {
            assigned += pass(routing);
        }
        return assigned;
    }

    /**
     * The tickets queued before the pass began, in routing order. One queued since has woken the next round. When a
     * write may have freed a place while the pass goes on (a round is waiting) after it turned a ticket away, it starts
     * again from the top, so that the place goes to the first ticket in order; a few times a round at most, so that
     * a busy account's writes cannot keep it from the end of the queue.
     */
    private int pass(RoutingSettings routing) {
        int assigned = 0;
        int restarts = RESTARTS;
        boolean restart;
        do {
            restart = false;
            queues.match();
            long last =
                    transactions.execute(status -> jdbc.sql("select coalesce(max(position), 0) from routing_entries")
                            .query(Long.class)
                            .single());
            log.debug("A pass over the queue up to position {}", last);
            Set<String> full = new HashSet<>();
            boolean turnedAway = false;
            long[] after = {-1, -1, -1};
            List<Next> batch;
            do {
                batch = next(after, last);
                for (Next entry : batch) {
                    if (turnedAway && restarts > 0 && rounds.pending()) {
                        restarts--;
                        restart = true;
                        break;
                    }
                    after = new long[] {entry.queuePriority(), entry.rank(), entry.position()};
                    if (full.contains(entry.key())) {
                        continue; // no one could take one like it this pass
                    }
                    Outcome outcome = routeOne(entry.ticketId(), routing);
                    if (outcome == Outcome.ASSIGNED) {
                        assigned++;
                    } else if (outcome == Outcome.NO_AGENT || outcome == Outcome.NOT_YET) {
                        turnedAway = true;
                        if (outcome == Outcome.NO_AGENT) {
                            full.add(entry.key());
                        }
                    }
                }
            } while (!restart && batch.size() == BATCH);
        } while (restart);
        return assigned;
    }

    /** A router's own write queued a ticket again (RoutingRule): the round makes one more pass. */
    void requeuedByRouter() {
        requeued.set(true);
    }

    /** What a ticket's turn came to. */
    enum Outcome {
        ASSIGNED,
        /** Nobody could take it: it waits, and so do the queue's others this round. */
        NO_AGENT,
        /** Nobody of the primary groups could take it, and it has not waited long enough for the secondary ones. */
        NOT_YET,
        /** It was no longer routable: out of the queue. */
        DEQUEUED,
        /** A write or another router held it: theirs. */
        BUSY
    }

    private record Next(long ticketId, Long queueId, Long groupId, long queuePriority, long rank, long position) {

        /** Tickets routed to the same agents: those of the same custom queue, or of the same group's. */
        String key() {
            return queueId != null && queueId != QueueTargets.STANDARD
                    ? "queue:" + queueId + ":group:" + groupId
                    : "group:" + groupId;
        }
    }

    private List<Next> next(long[] after, long last) {
        return transactions.execute(status -> jdbc.sql(NEXT)
                .param("queuePriority", after[0])
                .param("rank", after[1])
                .param("position", after[2])
                .param("last", last)
                .param("limit", BATCH)
                .query((row, number) -> new Next(
                        row.getLong(1),
                        (Long) row.getObject(2, Long.class),
                        (Long) row.getObject(3, Long.class),
                        row.getLong(4),
                        row.getLong(5),
                        row.getLong(6)))
                .list());
    }

    /** One ticket, in a transaction of its own. */
    Outcome routeOne(long ticketId, RoutingSettings routing) {
        try {
            Outcome outcome = transactions.execute(status -> route(ticketId, routing));
            log.debug("Ticket {}: {}", ticketId, outcome);
            meters.counter(
                            "sidedesk.routing.decisions",
                            "outcome",
                            outcome.name().toLowerCase())
                    .increment();
            return outcome;
        } catch (DataAccessException e) {
            // A deadlock or a timeout with a concurrent write: the ticket stays queued for the next round.
            log.info(
                    "Routing ticket {} failed, it stays queued: {}",
                    ticketId,
                    e.getMostSpecificCause().toString());
            return Outcome.BUSY;
        } catch (RuntimeException e) {
            log.warn("Routing ticket {} failed, it stays queued", ticketId, e);
            return Outcome.BUSY;
        }
    }

    /** A queued ticket, held with its row in the queue. */
    record Held(
            long ticketId,
            Long groupId,
            Long assigneeId,
            Long routedTo,
            TicketStatus status,
            boolean deleted,
            String viaChannel,
            List<String> tags,
            boolean privateGroup,
            Long queueId,
            RoutingEntries.Reason reason,
            UUID queuedBy,
            Instant queuedAt) {

        Held inQueue(long queue) {
            return new Held(
                    ticketId,
                    groupId,
                    assigneeId,
                    routedTo,
                    status,
                    deleted,
                    viaChannel,
                    tags,
                    privateGroup,
                    queue,
                    reason,
                    queuedBy,
                    queuedAt);
        }

        /** The same ticket, unassigned (taken back from its agent). */
        Held unassigned() {
            return new Held(
                    ticketId,
                    groupId,
                    null,
                    null,
                    status,
                    deleted,
                    viaChannel,
                    tags,
                    privateGroup,
                    queueId,
                    reason,
                    queuedBy,
                    queuedAt);
        }
    }

    private Outcome route(long ticketId, RoutingSettings routing) {
        Held held = jdbc.sql(LOCK)
                .param("ticket", ticketId)
                .query((row, number) -> new Held(
                        row.getLong(1),
                        (Long) row.getObject(2, Long.class),
                        (Long) row.getObject(3, Long.class),
                        (Long) row.getObject(4, Long.class),
                        TicketStatus.of(row.getString(5)),
                        row.getBoolean(6),
                        row.getString(7),
                        Arrays.asList((String[]) row.getArray(8).getArray()),
                        Boolean.FALSE.equals(row.getObject(9, Boolean.class)),
                        (Long) row.getObject(10, Long.class),
                        RoutingEntries.Reason.of(row.getString(11)),
                        row.getObject(12, UUID.class),
                        row.getTimestamp(13).toInstant()))
                .optional()
                .orElse(null);
        if (held == null) {
            return Outcome.BUSY;
        }
        if (held.reason() != RoutingEntries.Reason.ROUTABLE && held.assigneeId() != null) {
            if (!takeBack(held)) {
                removeEntry(ticketId);
                return Outcome.DEQUEUED;
            }
            held = held.unassigned();
        }
        if (!Routability.routable(
                routing,
                held.deleted(),
                held.groupId(),
                held.assigneeId(),
                held.status(),
                held.viaChannel(),
                held.tags())) {
            removeEntry(ticketId);
            return Outcome.DEQUEUED;
        }
        QueueTargets.Target target = queues.target(held.queueId() != null ? held : queues.matchOne(held));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Choice choice = choose(held, target.primaryGroups(), routing);
        boolean secondaryNotYet = false;
        if (choice == null && !target.secondaryGroups().isEmpty()) {
            if (held.queuedAt()
                    .plus(Duration.ofSeconds(routing.secondaryGroupWaitSeconds()))
                    .isAfter(now)) {
                secondaryNotYet = true;
            } else {
                choice = choose(held, target.secondaryGroups(), routing);
            }
        }
        if (choice == null) {
            // An older ticket of the queue may have waited long enough for the secondary groups: not full yet.
            return secondaryNotYet ? Outcome.NOT_YET : Outcome.NO_AGENT;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("action", "assigned");
        event.put("agent_id", choice.agentId());
        event.put("group_id", choice.groupId());
        event.put("queue_id", target.queueId() == null ? null : String.valueOf(target.queueId()));
        event.put("queue_name", target.queueName());
        event.put("assignment_method", routing.assignmentMethod().value());
        event.put("queued_correlation_id", held.queuedBy().toString());
        RoutingEntries.markRouterWrite();
        // The audit's own rules take it out of the queue (or queue it again, if a trigger moved it on).
        tickets.route(
                ticketId,
                choice.groupId(),
                choice.agentId(),
                source(target.queueId(), target.queueName()),
                AuditEvent.of("Routing", event));
        jdbc.sql("update agent_availabilities set last_routed_at = :now where agent_id = :agent")
                .param("now", Timestamp.from(now))
                .param("agent", choice.agentId())
                .update();
        return Outcome.ASSIGNED;
    }

    /**
     * A routed ticket queued to be routed again (its agent went offline or away, or it reopened while they could not
     * take it): taken from the agent if that still holds. Whether it was.
     */
    private boolean takeBack(Held held) {
        if (held.routedTo() == null || !held.routedTo().equals(held.assigneeId())) {
            return false; // assigned by hand since: a manual assignment wins
        }
        String status = jdbc.sql("""
                        select s.email from agent_availabilities a join agent_statuses s on s.id = a.status_id
                        where a.agent_id = :agent""")
                .param("agent", held.assigneeId())
                .query(String.class)
                .optional()
                .orElse("offline");
        boolean still =
                switch (held.reason()) {
                    case AGENT_OFFLINE -> status.equals("offline");
                    case AGENT_AWAY -> status.equals("away");
                    case REOPENED -> !status.equals("online") && !status.equals("away");
                    case ROUTABLE -> false;
                };
        if (!still) {
            return false;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("action", "unassigned");
        event.put("agent_id", held.assigneeId());
        event.put("reason", held.reason().value);
        RoutingEntries.markRouterWrite();
        tickets.unroute(held.ticketId(), source(null, null), AuditEvent.of("Routing", event));
        meters.counter("sidedesk.routing.decisions", "outcome", "unassigned").increment();
        return true;
    }

    /** The routing audit's {@code via.source}: the queue it came through (none: the standard queue). */
    private String source(Long queueId, String queueName) {
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("queue_id", queueId == null ? null : String.valueOf(queueId));
        from.put("queue_name", queueName);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("from", from);
        source.put("to", Map.of());
        source.put("rel", "omnichannel_routing");
        return json.writeValueAsString(source);
    }

    private void removeEntry(long ticketId) {
        jdbc.sql("delete from routing_entries where ticket_id = :ticket")
                .param("ticket", ticketId)
                .update();
    }

    private record Candidate(
            long agentId, Instant lastRoutedAt, long capacity, long load, List<Long> groups, boolean inOwnGroup) {

        long spare() {
            return capacity - load;
        }
    }

    /** Who takes it, held: an eligible agent below capacity, by the assignment method; null if none can. */
    private record Choice(long agentId, long groupId) {}

    private Choice choose(Held held, List<Long> groups, RoutingSettings routing) {
        if (groups.isEmpty()) {
            return null;
        }
        List<String> statuses = loadStatuses(routing);
        List<Candidate> candidates = new ArrayList<>(jdbc.sql(CANDIDATES)
                .param("statuses", statuses)
                .param("groups", groups)
                .param("ownGroup", held.groupId())
                .param("privateGroup", held.privateGroup() ? held.groupId() : 0L)
                .query((row, number) -> new Candidate(
                        row.getLong(1),
                        row.getTimestamp(2) == null ? null : row.getTimestamp(2).toInstant(),
                        row.getLong(3),
                        row.getLong(4),
                        Arrays.asList((Long[]) row.getArray(5).getArray()),
                        row.getBoolean(6)))
                .list());
        candidates.removeIf(candidate -> candidate.spare() <= 0);
        candidates.sort(order(routing.assignmentMethod()));
        for (Candidate candidate : candidates) {
            if (jdbc.sql(HOLD_AGENT)
                    .param("agent", candidate.agentId())
                    .query(Long.class)
                    .optional()
                    .isEmpty()) {
                continue; // another router is giving them a ticket, or they just went offline
            }
            long load = jdbc.sql(LOAD)
                    .param("agent", candidate.agentId())
                    .param("statuses", statuses)
                    .query(Long.class)
                    .single();
            // The ticket's own group when the agent is in it (a private one always: R17), else their first of the
            // queue's groups.
            long group = held.privateGroup() || candidate.inOwnGroup()
                    ? held.groupId()
                    : candidate.groups().get(0);
            if (load < candidate.capacity() && people.holdMembershipWithoutWaiting(candidate.agentId(), group)) {
                return new Choice(candidate.agentId(), group);
            }
        }
        return null;
    }

    private static List<String> loadStatuses(RoutingSettings routing) {
        return routing.countPendingAndOnHold() ? List.of("new", "open", "pending", "hold") : List.of("new", "open");
    }

    /** Best first: by the method, then idle longest (never routed first), then the lowest id. */
    private static Comparator<Candidate> order(AssignmentMethod method) {
        Comparator<Candidate> idle = Comparator.comparing(
                        Candidate::lastRoutedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(Candidate::agentId);
        return switch (method) {
            case SPARE_CAPACITY ->
                Comparator.comparingLong(Candidate::spare).reversed().thenComparing(idle);
            case SPARE_PERCENTAGE ->
                Comparator.comparingDouble((Candidate candidate) -> (double) candidate.spare() / candidate.capacity())
                        .reversed()
                        .thenComparing(idle);
            case ROUND_ROBIN -> idle;
        };
    }

    /** Routed tickets of agents offline (away) for the delay: queued to be taken back and routed again. */
    private void queueReassignments(RoutingSettings routing) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        transactions.executeWithoutResult(status -> jdbc.sql(REASSIGN)
                .param("now", Timestamp.from(now))
                .param("correlation", Correlation.current())
                .param("offline", routing.reassignWhenOffline())
                .param("away", routing.reassignWhenAway())
                .param("cutoff", Timestamp.from(now.minusSeconds(routing.reassignDelaySeconds())))
                .update());
    }

    @Override
    public void destroy() {
        rounds.close();
    }
}
