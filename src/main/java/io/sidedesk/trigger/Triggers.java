package io.sidedesk.trigger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.condition.Conditions;
import io.sidedesk.web.ConfigVersion;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.LikePatterns;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.PositionedRule;
import io.sidedesk.web.Positions;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * Triggers: agents read them, admins write them. Every write is checked whole ({@link TriggerChecks}) before anything
 * is written, leaves the positions 1..n ({@link TriggerPositions}), and leaves a revision.
 */
@Service
class Triggers {

    /** An account has at most this many triggers: every ticket write evaluates the active ones. */
    static final int MAX_TRIGGERS = 500;

    private final TriggerRepository triggers;
    private final TriggerRevisionRepository revisions;
    private final TriggerChecks checks;
    private final TriggerPositions positions;
    private final JsonMapper json;
    private final Clock clock;

    Triggers(
            TriggerRepository triggers,
            TriggerRevisionRepository revisions,
            TriggerChecks checks,
            TriggerPositions positions,
            JsonMapper json,
            Clock clock) {
        this.triggers = triggers;
        this.revisions = revisions;
        this.checks = checks;
        this.positions = positions;
        this.json = json;
        this.clock = clock;
    }

    /** Filtered by {@code active} and {@code category_id}, ordered by position (or {@code sort_by}). */
    @Transactional(readOnly = true)
    public ListPage<TriggerView> list(Actor actor, Boolean active, String categoryId, String sortBy, Paging paging) {
        return list(actor, filter(active, categoryId, null), sortBy, paging);
    }

    /** Triggers whose title or description holds the query (any case). */
    @Transactional(readOnly = true)
    public ListPage<TriggerView> search(Actor actor, String query, Boolean active, String sortBy, Paging paging) {
        actor.requireStaff();
        if (query == null || query.isBlank()) {
            throw new InvalidParameter("query", "is required: the text to look for in titles and descriptions");
        }
        return list(actor, filter(active, null, query.strip()), sortBy, paging);
    }

    @Transactional(readOnly = true)
    public TriggerView show(Actor actor, long id) {
        actor.requireStaff();
        return TriggerView.of(find(id));
    }

    @Transactional
    public TriggerView create(Actor actor, TriggerRequest.Fields fields) {
        actor.requireAdmin();
        ConfigVersion.changing();
        if (fields.title() == null || fields.title().isBlank()) {
            throw RecordInvalid.field("title", "is required");
        }
        if (fields.conditions() == null) {
            throw RecordInvalid.field("conditions", "is required: {\"all\": [...], \"any\": [...]}");
        }
        if (fields.actions() == null) {
            throw RecordInvalid.field("actions", "is required: [{\"field\": ..., \"value\": ...}]");
        }
        checks.check(actor, fields.conditions(), fields.actions());
        positions.lock();
        if (triggers.count() >= MAX_TRIGGERS) {
            throw RecordInvalid.field("trigger", "an account can have at most " + MAX_TRIGGERS + " triggers");
        }
        Trigger trigger = new Trigger(
                fields.title().strip(),
                positions.makeRoom(fields.position()),
                json.writeValueAsString(fields.conditions()),
                json.writeValueAsString(fields.actions()),
                now());
        trigger.describe(fields.description());
        trigger.categorize(fields.categoryId());
        if (fields.active() != null) {
            trigger.activate(fields.active());
        }
        triggers.save(trigger);
        revise(actor, trigger);
        return TriggerView.of(trigger);
    }

    @Transactional
    public TriggerView update(Actor actor, long id, TriggerRequest.Fields fields) {
        actor.requireAdmin();
        ConfigVersion.changing();
        positions.lock();
        Trigger trigger = find(id);
        if (fields.title() != null && fields.title().isBlank()) {
            throw RecordInvalid.field("title", "cannot be blank");
        }
        Conditions conditions = fields.conditions() != null
                ? fields.conditions()
                : json.readValue(trigger.getConditions(), Conditions.class);
        List<TriggerLanguage.Written> actions = fields.actions() != null
                ? fields.actions()
                : List.of(json.readValue(trigger.getActions(), TriggerLanguage.Written[].class));
        if (fields.conditions() != null || fields.actions() != null) {
            checks.check(actor, conditions, actions);
        }
        if (fields.title() != null) {
            trigger.retitle(fields.title().strip());
        }
        if (fields.description() != null) {
            trigger.describe(fields.description());
        }
        if (fields.active() != null) {
            trigger.activate(fields.active());
        }
        if (fields.categoryId() != null) {
            trigger.categorize(fields.categoryId());
        }
        if (fields.conditions() != null) {
            trigger.replaceConditions(json.writeValueAsString(conditions));
        }
        if (fields.actions() != null) {
            trigger.replaceActions(json.writeValueAsString(actions));
        }
        if (fields.position() != null && fields.position() != trigger.getPosition()) {
            positions.place(Map.of(trigger, fields.position()));
        }
        trigger.touch(now());
        revise(actor, trigger);
        return TriggerView.of(trigger);
    }

    @Transactional
    public void delete(Actor actor, long id) {
        actor.requireAdmin();
        ConfigVersion.changing();
        positions.lock();
        triggers.delete(find(id));
        positions.closeUp();
    }

    /** Deletes all of them or none: an unknown id is a 404 and nothing is deleted. */
    @Transactional
    public void destroyMany(Actor actor, List<Long> ids) {
        actor.requireAdmin();
        ConfigVersion.changing();
        positions.lock();
        triggers.deleteAll(findAll(ids, "ids"));
        positions.closeUp();
    }

    /** The triggers named take positions 1, 2, ... in that order; the others follow in their order. */
    @Transactional
    public ListPage<TriggerView> reorder(Actor actor, List<Long> ids) {
        actor.requireAdmin();
        ConfigVersion.changing();
        positions.lock();
        List<Trigger> order = positions.reorder(findAll(ids, "trigger_ids"));
        return ListPage.all(order.stream().map(TriggerView::of).toList());
    }

    /**
     * Position, activity and category of several triggers, all or none. Each ends at the position asked of it
     * (whatever the order they are named in), so two may not ask for the same one.
     */
    @Transactional
    public ListPage<TriggerView> updateMany(Actor actor, List<TriggerRequest.Change> changes) {
        actor.requireAdmin();
        ConfigVersion.changing();
        positions.lock();
        List<Trigger> found =
                findAll(changes.stream().map(TriggerRequest.Change::id).toList(), "triggers");
        Map<Trigger, Integer> asked = Positions.asked(
                found, changes.stream().map(TriggerRequest.Change::position).toList(), "triggers");
        Instant now = now();
        for (int i = 0; i < changes.size(); i++) {
            TriggerRequest.Change change = changes.get(i);
            Trigger trigger = found.get(i);
            if (change.active() != null) {
                trigger.activate(change.active());
            }
            if (change.categoryId() != null) {
                trigger.categorize(change.categoryId());
            }
            trigger.touch(now);
        }
        if (!asked.isEmpty()) {
            positions.place(asked);
        }
        found.forEach(trigger -> revise(actor, trigger));
        return ListPage.all(found.stream().map(TriggerView::of).toList());
    }

    @Transactional(readOnly = true)
    public ListPage<TriggerView.Revision> revisions(Actor actor, long id, Paging paging) {
        actor.requireStaff();
        find(id);
        Specification<TriggerRevision> of = (root, query, cb) -> cb.equal(root.get("triggerId"), id);
        return paging.fetch(revisions, of, TriggerRevision::getId).map(TriggerView.Revision::of);
    }

    @Transactional(readOnly = true)
    public TriggerView.Revision revision(Actor actor, long id, long revisionId) {
        actor.requireStaff();
        find(id);
        return revisions
                .findById(revisionId)
                .filter(revision -> revision.getTriggerId() == id)
                .map(TriggerView.Revision::of)
                .orElseThrow(() -> new RecordNotFound("Trigger revision", revisionId));
    }

    private ListPage<TriggerView> list(Actor actor, Specification<Trigger> filter, String sortBy, Paging paging) {
        actor.requireStaff();
        return PositionedRule.page(triggers, filter, sortBy, paging).map(TriggerView::of);
    }

    private static Specification<Trigger> filter(Boolean active, String categoryId, String query) {
        return (root, criteria, cb) -> {
            List<jakarta.persistence.criteria.Predicate> all = new ArrayList<>();
            if (active != null) {
                all.add(cb.equal(root.get("active"), active));
            }
            if (categoryId != null) {
                all.add(cb.equal(root.get("categoryId"), categoryId));
            }
            if (query != null) {
                String pattern = LikePatterns.containing(query.toLowerCase(Locale.ROOT));
                all.add(cb.or(
                        cb.like(cb.lower(root.get("title")), pattern, '\\'),
                        cb.like(cb.lower(cb.coalesce(root.get("description"), "")), pattern, '\\')));
            }
            return cb.and(all.toArray(jakarta.persistence.criteria.Predicate[]::new));
        };
    }

    private Trigger find(long id) {
        return triggers.findById(id).orElseThrow(() -> new RecordNotFound("Trigger", id));
    }

    /** The triggers with these ids, in their order; each once, or a 422; one unknown is a 404. */
    private List<Trigger> findAll(List<Long> ids, String member) {
        return Positions.named(ids, triggers::findAllById, member, "Trigger");
    }

    private void revise(Actor actor, Trigger trigger) {
        triggers.flush();
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("title", trigger.getTitle());
        snapshot.put("description", trigger.getDescription());
        snapshot.put("active", trigger.isActive());
        snapshot.put("conditions", json.readTree(trigger.getConditions()));
        snapshot.put("actions", json.readTree(trigger.getActions()));
        revisions.save(new TriggerRevision(trigger.getId(), actor.userId(), json.writeValueAsString(snapshot), now()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
