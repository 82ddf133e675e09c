package io.sidedesk.trigger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.condition.Conditions;
import io.sidedesk.condition.Subject;
import io.sidedesk.directory.People;
import io.sidedesk.ticket.RuleRun;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketRules;
import io.sidedesk.web.ConfigVersion;
import io.sidedesk.web.TransactionScoped;

/**
 * Runs the active triggers on every ticket audit, in position order, in the write's transaction: each trigger fires
 * at most once on a ticket in one write (R15: an action on a child ticket's side conversation writes two tickets, and
 * each ticket's triggers run once); when one changes the ticket, the pass starts again from the top with the changed
 * ticket, until a pass changes nothing. The active triggers are read once per write, and compiled once per version.
 */
@Component
@Order(TriggerEngine.ORDER)
class TriggerEngine implements TicketRules {

    /** Before the ticket metrics, which measure the ticket as the triggers leave it. */
    static final int ORDER = 0;

    /** A trigger ready to run: its conditions compiled and its actions read. */
    record Compiled(
            long id, String title, String source, Predicate<Subject> conditions, List<TriggerLanguage.Action> actions) {

        RuleRun.Rule rule() {
            return new RuleRun.Rule(id, title, "trigger");
        }
    }

    private static final Object STATE = new Object();

    private static final Logger log = LoggerFactory.getLogger(TriggerEngine.class);

    private final TriggerRepository triggers;
    private final TriggerNotifications notifications;
    private final People people;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<Long, Compiled> compiled = new ConcurrentHashMap<>();

    /** The active triggers, compiled, as of the configuration's version (web/ConfigVersion). */
    private final ConfigVersion.Kept<List<Compiled>> active;

    TriggerEngine(
            TriggerRepository triggers,
            TriggerNotifications notifications,
            People people,
            JsonMapper json,
            Clock clock,
            ConfigVersion versions) {
        this.triggers = triggers;
        this.notifications = notifications;
        this.people = people;
        this.json = json;
        this.clock = clock;
        this.active = versions.keep(this::load);
    }

    @Override
    public void apply(RuleRun run) {
        State state = state();
        if (state.active == null) {
            state.active = active.get();
        }
        if (state.active.isEmpty()) {
            return;
        }
        Actor actor = Actor.current().orElse(null);
        Subject subject = new TriggerSubject(run, actor, json, clock.instant());
        Set<Long> fired = state.fired.computeIfAbsent(run.ticketId(), id -> new HashSet<>());
        List<Notification> notifications = new ArrayList<>();
        boolean changed;
        do {
            changed = false;
            for (Compiled trigger : state.active) {
                if (fired.contains(trigger.id()) || !trigger.conditions().test(subject)) {
                    continue;
                }
                fired.add(trigger.id());
                if (fire(run, trigger, actor, notifications)) {
                    changed = true;
                    break;
                }
            }
        } while (changed);
        // Sent once the ticket is as the triggers leave it: whom each may reach, and what it says, is decided on the
        // final ticket (a later trigger may have moved it out of a recipient's sight), in the order they fired.
        for (Notification notification : notifications) {
            this.notifications.send(run, notification.trigger(), notification.action(), actor, state.notified);
        }
    }

    /** A notification action of a trigger that fired, sent when the pass is over. */
    private record Notification(Compiled trigger, TriggerLanguage.Action action) {}

    /** The trigger's changes on the ticket (whether they changed it), its notifications noted for later. */
    private boolean fire(RuleRun run, Compiled trigger, Actor actor, List<Notification> notifications) {
        RuleRun.Rule rule = trigger.rule();
        boolean changed = false;
        for (TriggerLanguage.Action action : trigger.actions()) {
            if (action instanceof TriggerLanguage.Action.Status status) {
                changed |= run.changeStatus(rule, status.status());
            } else if (action instanceof TriggerLanguage.Action.Priority priority) {
                changed |= run.changePriority(rule, priority.priority());
            } else if (action instanceof TriggerLanguage.Action.Type type) {
                changed |= run.changeType(rule, type.type());
            } else if (action instanceof TriggerLanguage.Action.Group group) {
                changed |= group(run, rule, group.groupId());
            } else if (action instanceof TriggerLanguage.Action.Assignee assignee) {
                Long userId = assignee.currentUser() ? actor == null ? null : actor.userId() : assignee.userId();
                changed |= assignee(run, rule, userId);
            } else if (action instanceof TriggerLanguage.Action.Tags tags) {
                // From the ticket under the lock the change takes anyway: a tag another write just added is kept.
                changed |= run.replaceTags(rule, tags(run.ticketForChange(), tags));
            } else if (action instanceof TriggerLanguage.Action.CustomField field) {
                changed |= run.changeCustomField(rule, field.fieldId(), field.value());
            } else {
                notifications.add(new Notification(trigger, action));
            }
        }
        return changed;
    }

    /** Into a live group (the assignee stays if they may hold its tickets), or out of any group. */
    private boolean group(RuleRun run, RuleRun.Rule rule, Long groupId) {
        if (groupId == null) {
            return run.assign(rule, null, null);
        }
        if (!people.holdGroup(groupId)) {
            return false;
        }
        Long assignee = run.ticketForChange().getAssigneeId();
        boolean keeps = assignee != null && people.holdMembership(assignee, groupId);
        return run.assign(rule, groupId, keeps ? assignee : null);
    }

    /** To an agent who may hold the ticket's group (or, without one, their default group's), or to nobody. */
    private boolean assignee(RuleRun run, RuleRun.Rule rule, Long userId) {
        Ticket ticket = run.ticketForChange();
        if (userId == null) {
            return run.assign(rule, ticket.getGroupId(), null);
        }
        Long groupId = ticket.getGroupId();
        if (groupId == null) {
            groupId = people.person(userId).map(People.Person::defaultGroupId).orElse(null);
        }
        if (groupId == null || !people.holdMembership(userId, groupId)) {
            return false;
        }
        return run.assign(rule, groupId, userId);
    }

    private static SortedSet<String> tags(Ticket ticket, TriggerLanguage.Action.Tags action) {
        SortedSet<String> tags = new TreeSet<>(ticket.getTags());
        switch (action.field()) {
            case "set_tags" -> {
                tags.clear();
                tags.addAll(action.tags());
            }
            case "current_tags" -> tags.addAll(action.tags());
            default -> tags.removeAll(action.tags());
        }
        return tags;
    }

    /** The active triggers in order, each compiled once for what it says (its conditions and actions as stored). */
    private List<Compiled> load() {
        List<Compiled> active = new ArrayList<>();
        for (Trigger trigger : triggers.findByActiveTrueOrderByPositionAscIdAsc()) {
            Compiled known = compiled.get(trigger.getId());
            if (known == null
                    || !known.title().equals(trigger.getTitle())
                    || !known.source().equals(source(trigger))) {
                try {
                    known = compile(trigger);
                } catch (RuntimeException unreadable) {
                    // A stored trigger this version cannot read never stops a ticket write: it is skipped, loudly.
                    log.error(
                            "Trigger {} ({}) cannot be read and is skipped",
                            trigger.getId(),
                            trigger.getTitle(),
                            unreadable);
                    continue;
                }
                compiled.put(trigger.getId(), known);
            }
            active.add(known);
        }
        // Deleted and deactivated triggers are compiled again if they come back.
        compiled.keySet().retainAll(active.stream().map(Compiled::id).toList());
        return List.copyOf(active);
    }

    private Compiled compile(Trigger trigger) {
        Conditions conditions = json.readValue(trigger.getConditions(), Conditions.class);
        List<TriggerLanguage.Written> actions =
                List.of(json.readValue(trigger.getActions(), TriggerLanguage.Written[].class));
        return new Compiled(
                trigger.getId(),
                trigger.getTitle(),
                source(trigger),
                TriggerLanguage.conditions(conditions),
                TriggerLanguage.actions(actions));
    }

    /** What a trigger says, as stored: a compiled one is used while it says the same. */
    private static String source(Trigger trigger) {
        return trigger.getConditions() + "\n" + trigger.getActions();
    }

    /** What one write's trigger runs share: the triggers read, which fired on which ticket, who was notified. */
    private static final class State {

        private List<Compiled> active;
        private final Map<Long, Set<Long>> fired = new HashMap<>();
        private final Set<Long> notified = new HashSet<>();
    }

    private static State state() {
        return TransactionScoped.get(STATE, State::new);
    }
}
