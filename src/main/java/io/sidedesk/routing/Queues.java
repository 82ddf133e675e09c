package io.sidedesk.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.condition.Condition;
import io.sidedesk.condition.Conditions;
import io.sidedesk.condition.Definition;
import io.sidedesk.directory.Groups;
import io.sidedesk.directory.Restrictions;
import io.sidedesk.ticket.TicketQuery;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * Custom routing queues: admins write them, agents read them (with only the groups they may see). Their conditions are
 * the views' language ({@code TicketQuery.CONDITIONS}), read as the system sees tickets: a queue routes for no one
 * user, so {@code current_user} and {@code current_groups} are refused. Any change has the queued tickets matched
 * again, and the routers look after commit.
 */
@Service
class Queues {

    private static final String MEMBER = "definition";

    private final RoutingQueueRepository queues;
    private final Groups groups;
    private final JdbcClient jdbc;
    private final RoutingEntries entries;
    private final EntityManager entityManager;
    private final JsonMapper json;
    private final Restrictions restrictions;

    Queues(
            RoutingQueueRepository queues,
            Groups groups,
            JdbcClient jdbc,
            RoutingEntries entries,
            EntityManager entityManager,
            JsonMapper json,
            Restrictions restrictions) {
        this.queues = queues;
        this.groups = groups;
        this.jdbc = jdbc;
        this.entries = entries;
        this.entityManager = entityManager;
        this.json = json;
        this.restrictions = restrictions;
    }

    @Transactional(readOnly = true)
    QueueView.Many list(Actor actor) {
        actor.requireStaff();
        return new QueueView.Many(views(actor, queues.findAllByOrderByPositionAsc()));
    }

    @Transactional(readOnly = true)
    QueueView show(Actor actor, long id) {
        actor.requireStaff();
        find(id);
        return views(actor, queues.findAllByOrderByPositionAsc()).stream()
                .filter(view -> view.id().equals(String.valueOf(id)))
                .findFirst()
                .orElseThrow(() -> new RecordNotFound("Queue", id));
    }

    static QueueView.Definitions.One definitions(Actor actor) {
        actor.requireStaff();
        List<Definition> conditions = Definition.conditions(TicketQuery.CONDITIONS);
        return new QueueView.Definitions.One(new QueueView.Definitions(conditions, conditions));
    }

    @Transactional
    QueueView create(Actor actor, QueueRequest.Fields fields) {
        actor.requireAdmin();
        if (fields.name() == null || fields.name().isBlank()) {
            throw RecordInvalid.field("name", "is required");
        }
        if (fields.primaryGroups() == null || fields.primaryGroups().isEmpty()) {
            throw RecordInvalid.field(
                    "primary_groups", "is required: at least one group whose agents take the " + "queue's tickets");
        }
        if (queues.count() >= RoutingQueue.MAX_QUEUES) {
            throw RecordInvalid.field("base", "an account has at most " + RoutingQueue.MAX_QUEUES + " queues");
        }
        RoutingQueue queue = new RoutingQueue(fields.name().strip(), queues.lastPosition() + 1);
        apply(actor, queue, fields);
        queues.saveAndFlush(queue);
        rematch();
        return show(actor, queue.getId());
    }

    @Transactional
    QueueView update(Actor actor, long id, QueueRequest.Fields fields) {
        actor.requireAdmin();
        RoutingQueue queue = find(id);
        if (fields.name() != null && fields.name().isBlank()) {
            throw RecordInvalid.field("name", "is required");
        }
        if (fields.primaryGroups() != null && fields.primaryGroups().isEmpty()) {
            throw RecordInvalid.field("primary_groups", "must name at least one group");
        }
        apply(actor, queue, fields);
        queues.flush();
        rematch();
        return show(actor, id);
    }

    @Transactional
    void delete(Actor actor, long id) {
        actor.requireAdmin();
        queues.delete(find(id));
        queues.flush();
        rematch();
    }

    /** Every queue, in the order given: each named exactly once. */
    @Transactional
    QueueView.Many reorder(Actor actor, QueueRequest.Order order) {
        actor.requireAdmin();
        List<RoutingQueue> all = queues.findAllByOrderByPositionAsc();
        Set<String> existing = new HashSet<>();
        all.forEach(queue -> existing.add(String.valueOf(queue.getId())));
        Set<String> given = new LinkedHashSet<>(order.queueIds());
        if (given.size() != order.queueIds().size() || !given.equals(existing)) {
            throw RecordInvalid.field("queue_ids", "must name every queue exactly once (" + all.size() + " queues)");
        }
        entityManager
                .createNativeQuery("set constraints routing_queues_position_unique deferred")
                .executeUpdate();
        List<String> ids = new ArrayList<>(given);
        for (RoutingQueue queue : all) {
            queue.moveTo(ids.indexOf(String.valueOf(queue.getId())) + 1);
        }
        queues.flush();
        rematch();
        return list(actor);
    }

    private RoutingQueue find(long id) {
        return queues.findById(id).orElseThrow(() -> new RecordNotFound("Queue", id));
    }

    /** The members sent, checked (groups the caller can see, none both primary and secondary; the conditions). */
    private void apply(Actor actor, RoutingQueue queue, QueueRequest.Fields fields) {
        List<Long> primary = groupIds(actor, fields.primaryGroups(), "primary_groups");
        List<Long> secondary = groupIds(actor, fields.secondaryGroups(), "secondary_groups");
        List<Long> primaryNow = primary != null ? primary : queue.primaryGroupIds();
        List<Long> secondaryNow = secondary != null ? secondary : queue.secondaryGroupIds();
        for (Long group : secondaryNow) {
            if (primaryNow.contains(group)) {
                throw RecordInvalid.field(
                        "secondary_groups", "names group " + group + ", which is one of the primary groups");
            }
        }
        String conditions = null;
        if (fields.definition() != null) {
            Conditions sent = new Conditions(
                    fields.definition().all() == null
                            ? List.of()
                            : fields.definition().all(),
                    fields.definition().any() == null
                            ? List.of()
                            : fields.definition().any());
            TicketQuery.CONDITIONS.check(sent, MEMBER);
            refuseCurrent(sent.all(), MEMBER + ".all");
            refuseCurrent(sent.any(), MEMBER + ".any");
            Map<String, Long> named = sent.namedIds(MEMBER, Map.of("group_id", "group"), "group");
            Set<Long> visible = groups.visibleAmong(actor, named.values());
            named.forEach((place, id) -> {
                if (!visible.contains(id)) {
                    throw RecordInvalid.field(place, "names group " + id + ", which does not exist");
                }
            });
            conditions = json.writeValueAsString(sent);
        }
        queue.change(
                fields.name() == null ? null : fields.name().strip(),
                fields.description(),
                fields.priority(),
                conditions,
                primary,
                secondary);
    }

    private static void refuseCurrent(List<Condition> conditions, String place) {
        for (int i = 0; i < conditions.size(); i++) {
            Condition condition = conditions.get(i);
            String value = condition.value() == null || !condition.value().isString()
                    ? null
                    : condition.value().stringValue();
            if ("current_user".equals(value) || "current_groups".equals(value)) {
                throw RecordInvalid.field(
                        place + "[" + i + "].value", "cannot be " + value + ": a queue routes for no one user");
            }
        }
    }

    private List<Long> groupIds(Actor actor, List<Long> sent, String member) {
        if (sent == null) {
            return null;
        }
        Set<Long> visible = groups.visibleAmong(actor, sent);
        for (int i = 0; i < sent.size(); i++) {
            if (!visible.contains(sent.get(i))) {
                throw RecordInvalid.field(
                        member + "[" + i + "]", "names group " + sent.get(i) + ", which does not exist");
            }
        }
        return List.copyOf(new LinkedHashSet<>(sent));
    }

    /** The queued tickets are matched again (their queue may have changed), and the routers look after commit. */
    private void rematch() {
        jdbc.sql("update routing_entries set queue_id = null where queue_id is not null")
                .update();
        entries.wakeRoutersAfterCommit();
    }

    private List<QueueView> views(Actor actor, List<RoutingQueue> all) {
        Set<Long> groupIds = new HashSet<>();
        all.forEach(queue -> {
            groupIds.addAll(queue.primaryGroupIds());
            groupIds.addAll(queue.secondaryGroupIds());
        });
        Map<Long, String> names = groups.visibleNames(actor, groupIds);
        // A condition naming a private group the reader is not in is left out (R22), as views leave it out.
        Set<Long> hidden = restrictions.hiddenGroups(actor);
        List<QueueView> views = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            RoutingQueue queue = all.get(i);
            Conditions shown =
                    json.readValue(queue.getConditions(), Conditions.class).withoutGroups(hidden);
            views.add(QueueView.of(queue, i + 1, json.valueToTree(shown), names));
        }
        return views;
    }
}
