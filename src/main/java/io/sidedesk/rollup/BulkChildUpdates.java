package io.sidedesk.rollup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.job.JobStatusView;
import io.sidedesk.job.JobWork;
import io.sidedesk.job.Jobs;
import io.sidedesk.ticket.RollUpWrites;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * {@code PUT /tickets/{id}/child_tickets}: one update applied to a parent's children, as a job (so that hundreds of
 * children hold no request open), each child in its own transaction, exactly as the caller's own {@code PUT
 * /tickets/{child}} would be, with a result per child. A child the caller may not update is that child's error.
 */
@Component
class BulkChildUpdates implements JobWork {

    static final String TYPE = "bulk_update_child_tickets";

    /** At most this many ids in one job. */
    static final int MAX_IDS = 1000;

    private final Jobs jobs;
    private final Tickets tickets;
    private final RollUpWrites writes;
    private final LinkedChildren children;
    private final JsonMapper json;

    BulkChildUpdates(Jobs jobs, Tickets tickets, RollUpWrites writes, LinkedChildren children, JsonMapper json) {
        this.jobs = jobs;
        this.tickets = tickets;
        this.writes = writes;
        this.children = children;
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Checks the request and queues the job (nothing is queued when a member is refused): without {@code ids}, the
     * parent's linked children the caller may see, fixed now.
     */
    @Transactional
    JobStatusView queue(Actor actor, long parentId, JsonNode body) {
        actor.requireStaff();
        tickets.checkVisible(actor, parentId);
        if (body == null || !body.isObject()) {
            throw RecordInvalid.field("ticket", "is required: {\"ticket\": {...}, \"ids\": [...]}");
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String member : body.propertyNames()) {
            if (!member.equals("ticket") && !member.equals("ids")) {
                errors.put(member, List.of("is not a member of a bulk update: ticket and ids are"));
            }
        }
        JsonNode ticket = body.get("ticket");
        if (ticket == null || !ticket.isObject()) {
            errors.put("ticket", List.of("is required and must be an object"));
        } else if (ticket.isEmpty()) {
            errors.put("ticket", List.of("must change something"));
        } else {
            for (String member : List.of("safe_update", "updated_stamp")) {
                if (ticket.has(member)) {
                    errors.put(member, List.of("names one ticket's version: it does not apply to a bulk update"));
                }
            }
        }
        List<Long> ids = ids(body.get("ids"), errors);
        if (!errors.isEmpty()) {
            throw new RecordInvalid(errors);
        }
        writes.checkUpdate(ticket);
        if (ids == null) {
            List<Long> linked =
                    children.of(parentId).stream().map(LinkedChildren.Child::id).toList();
            Map<Long, Tickets.Summary> seen = tickets.summaries(actor, linked);
            ids = linked.stream()
                    .filter(id -> seen.containsKey(id) && seen.get(id).visible())
                    .toList();
        }
        ObjectNode payload = json.createObjectNode();
        payload.put("parent_id", parentId);
        payload.set("ticket", ticket);
        return jobs.enqueue(actor, TYPE, json.writeValueAsString(payload), ids);
    }

    /** {@code ids}: null when not sent; each a positive whole number, no duplicates, at most {@value #MAX_IDS}. */
    private static List<Long> ids(JsonNode ids, Map<String, List<String>> errors) {
        if (ids == null || ids.isNull()) {
            return null;
        }
        if (!ids.isArray()) {
            errors.put("ids", List.of("must be a list of ticket ids"));
            return null;
        }
        if (ids.size() > MAX_IDS) {
            errors.put("ids", List.of("can name at most " + MAX_IDS + " tickets"));
            return null;
        }
        List<Long> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int index = 0; index < ids.size(); index++) {
            JsonNode id = ids.get(index);
            if (!id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() < 1) {
                errors.put("ids[" + index + "]", List.of("must be a ticket id: a positive whole number"));
            } else if (!seen.add(id.longValue())) {
                errors.put("ids[" + index + "]", List.of("names ticket " + id.longValue() + " twice"));
            } else {
                found.add(id.longValue());
            }
        }
        return found;
    }

    /**
     * One child, in the job's transaction for it: a linked child of the parent, updated as the caller would, who
     * must still be staff and still see the parent (as when the job was queued: they may have changed since).
     */
    @Override
    public void run(Actor actor, String payload, long childId) {
        actor.requireStaff();
        JsonNode job = json.readTree(payload);
        long parentId = job.get("parent_id").longValue();
        if (!tickets.isVisible(actor, parentId) || !children.isLinkedChild(parentId, childId)) {
            throw new RecordNotFound("Ticket", childId);
        }
        writes.update(actor, childId, job.get("ticket"));
    }
}
