package io.sidedesk.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.condition.ConditionLanguage;
import io.sidedesk.condition.Conditions;
import io.sidedesk.ticket.TicketQuery;
import io.sidedesk.ticket.Tickets;

/**
 * Which queue a queued ticket is in, and so whose agents may take it (R21): the first custom queue, in order, whose
 * conditions it meets; else the standard queue, its own group's agents. A ticket is matched when it enters the queue
 * (and again when it changes or the queues do), before a router looks at it.
 */
@Component
class QueueTargets {

    /** A queue row's {@code queue_id} once matched to no custom queue. */
    static final long STANDARD = 0;

    private static final int BATCH = 500;

    private final RoutingQueueRepository queues;
    private final Tickets tickets;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    QueueTargets(
            RoutingQueueRepository queues,
            Tickets tickets,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JsonMapper json) {
        this.queues = queues;
        this.tickets = tickets;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    /** The agents' groups a ticket goes to: the primary ones first, the secondary ones after the wait. */
    record Target(Long queueId, String queueName, List<Long> primaryGroups, List<Long> secondaryGroups) {}

    /** Matches the queued tickets not matched yet against the custom queues, a batch per transaction. */
    void match() {
        Integer matched;
        do {
            matched = transactions.execute(status -> matchBatch());
        } while (matched != null && matched == BATCH);
    }

    private int matchBatch() {
        List<Long> ids = jdbc.sql("select ticket_id from routing_entries where queue_id is null order by position "
                        + "limit " + BATCH + " for update skip locked")
                .query(Long.class)
                .list();
        if (ids.isEmpty()) {
            return 0;
        }
        List<RoutingQueue> all = queues.findAllByOrderByPositionAsc();
        Map<Long, Integer> first = all.isEmpty()
                ? Map.of()
                : tickets.firstMeeting(ids, all.stream().map(this::conditions).toList());
        List<Object[]> rows = new ArrayList<>();
        for (long id : ids) {
            Integer index = first.get(id);
            rows.add(new Object[] {index == null ? STANDARD : all.get(index).getId(), id});
        }
        for (Object[] row : rows) {
            jdbc.sql("update routing_entries set queue_id = :queue where ticket_id = :ticket")
                    .param("queue", row[0])
                    .param("ticket", row[1])
                    .update();
        }
        return ids.size();
    }

    /** The queue a ticket the transaction holds is in now: the first custom queue it meets, else the standard one. */
    long queueOf(long ticketId) {
        List<RoutingQueue> all = queues.findAllByOrderByPositionAsc();
        if (all.isEmpty()) {
            return STANDARD;
        }
        Integer index = tickets.firstMeeting(
                        List.of(ticketId), all.stream().map(this::conditions).toList())
                .get(ticketId);
        return index == null ? STANDARD : all.get(index).getId();
    }

    /**
     * A ticket whose queue is not matched yet (queued by a directory change, or its queues changed since): matched
     * now, in the router's transaction, which holds its queue row.
     */
    Router.Held matchOne(Router.Held held) {
        long queueId = queueOf(held.ticketId());
        jdbc.sql("update routing_entries set queue_id = :queue where ticket_id = :ticket")
                .param("queue", queueId)
                .param("ticket", held.ticketId())
                .update();
        return held.inQueue(queueId);
    }

    private ConditionLanguage.Checked conditions(RoutingQueue queue) {
        return TicketQuery.CONDITIONS.check(json.readValue(queue.getConditions(), Conditions.class), "definition");
    }

    /** The groups whose agents take the ticket: its queue's, or its own group's (the standard queue). */
    Target target(Router.Held held) {
        if (held.queueId() != null && held.queueId() != STANDARD) {
            RoutingQueue queue = queues.findById(held.queueId()).orElse(null);
            if (queue != null) {
                return new Target(queue.getId(), queue.getName(), queue.primaryGroupIds(), queue.secondaryGroupIds());
            }
        }
        return new Target(null, null, List.of(held.groupId()), List.of());
    }
}
