package io.sidedesk.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.access.TicketAccess;
import io.sidedesk.directory.People;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.Paging;

/**
 * The routing queue as the API reads it, in routing order: admins see every waiting ticket; an agent the waiting
 * tickets of their own groups (whose tickets they see), never another group's, a private one's included (R17); light
 * agents are never routed (R3) and do not read it. A row whose ticket a write left not routable while routing was off
 * (and so nobody took out) is not listed: it waits for nothing, and the next router to look takes it out.
 */
@Service
class QueuedTickets {

    // The routing order as one number, so that a cursor is one key: the queue's priority and the ticket's rank above
    // the entry's position (its age), which stays below 2^40.
    private static final String ORDER_KEY =
            "(((" + Router.QUEUE_PRIORITY + " * 10 + " + Router.TICKET_RANK + ")::bigint << 40) | e.position)";

    private static final String READ = """
            select %s as order_key, e.ticket_id, t.group_id, nullif(e.queue_id, 0), t.priority, e.queued_at, e.reason
            from routing_entries e
            join tickets t on t.id = e.ticket_id
            left join routing_queues q on q.id = e.queue_id
            where not t.deleted and t.assignee_id is null and t.group_id is not null and t.status in ('new', 'open')
              %s %s
            order by order_key %s
            limit :limit""";

    private final JdbcClient jdbc;
    private final People people;

    QueuedTickets(JdbcClient jdbc, People people) {
        this.jdbc = jdbc;
        this.people = people;
    }

    /** A waiting ticket: where it waits and why. */
    @Schema(name = "QueuedTicket")
    record Queued(
            @Schema(hidden = true) @com.fasterxml.jackson.annotation.JsonIgnore
            long orderKey,

            long ticketId,
            @MayBeNull Long groupId,
            @MayBeNull String queueId,
            @MayBeNull String priority,
            Instant queuedAt,
            String reason) {}

    @Transactional(readOnly = true)
    ListPage<Queued> list(Actor actor, Paging paging) {
        actor.requireStaff();
        if (actor.isLightAgent()) {
            throw new ActionForbidden("Light agents are never routed work and do not read the routing queue");
        }
        Set<Long> groups;
        if (actor.isAdmin()) {
            groups = null;
        } else if (actor.permissions().ticketAccess() == TicketAccess.ASSIGNED_ONLY) {
            groups = Set.of(); // they see only tickets assigned to them; queued tickets have no assignee
        } else {
            groups = people.scopeOf(actor).memberOf();
        }
        if (groups != null && groups.isEmpty()) {
            return paging.cursorOnly().fetchById((position, downward, limit) -> List.of(), Queued::orderKey);
        }
        return paging.cursorOnly()
                .fetchById((position, downward, limit) -> read(groups, position, downward, limit), Queued::orderKey);
    }

    private List<Queued> read(Set<Long> groups, Long position, boolean downward, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        String inGroups = "";
        if (groups != null) {
            inGroups = "and t.group_id in (:groups)";
            parameters.put("groups", groups);
        }
        String from = "";
        if (position != null) {
            from = "and " + ORDER_KEY + (downward ? " < :position" : " > :position");
            parameters.put("position", position);
        }
        parameters.put("limit", limit);
        return jdbc.sql(READ.formatted(ORDER_KEY, inGroups, from, downward ? "desc" : ""))
                .params(parameters)
                .query((row, number) -> new Queued(
                        row.getLong(1),
                        row.getLong(2),
                        (Long) row.getObject(3, Long.class),
                        row.getObject(4) == null ? null : String.valueOf(row.getLong(4)),
                        row.getString(5),
                        row.getTimestamp(6).toInstant(),
                        row.getString(7)))
                .list();
    }
}
