package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

import io.sidedesk.web.RecordInvalid;

/**
 * One audit about to be recorded, as business rules see and change it: the ticket, the events so far (the change
 * the rules evaluate), its comment. A rule's changes go through the ticket's own rules (a move the status rules
 * refuse is not made) and join the audit with a {@code via} naming the rule.
 */
public final class RuleRun {

    /** The rule behind a change or a notification: {@code rel} is {@code trigger}. */
    public record Rule(long id, String title, String rel) {

        /** The {@code via} of its events, in the dialect's shape. */
        public Map<String, Object> via() {
            Map<String, Object> from = new LinkedHashMap<>();
            from.put("id", id);
            from.put("title", title);
            from.put("deleted", false);
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("from", from);
            source.put("rel", rel);
            Map<String, Object> via = new LinkedHashMap<>();
            via.put("channel", "rule");
            via.put("source", source);
            return via;
        }
    }

    /** The audit's comment: its author, its text and whether the requester may read it. */
    public record RuleComment(long authorId, String body, String htmlBody, boolean isPublic) {}

    private final AuditedTicket audited;
    private final boolean creation;
    private final String channel;
    private final List<AuditEvent> events;
    private final RuleComment comment;
    private final Predicate<Ticket> solvable;
    private final TicketChanges changes;
    private Ticket ticket;
    private boolean lockTaken;

    RuleRun(
            AuditedTicket audited,
            String channel,
            List<AuditEvent> events,
            TicketHistory.NewComment comment,
            Predicate<Ticket> solvable,
            TicketChanges changes) {
        this.solvable = solvable;
        this.changes = changes;
        this.audited = audited;
        this.channel = channel;
        this.events = events;
        this.creation = events.stream().anyMatch(event -> "Create".equals(event.member("type")));
        this.comment = comment == null
                ? null
                : new RuleComment(
                        comment.authorId(),
                        comment.body().body(),
                        comment.body().htmlBody(),
                        comment.isPublic());
    }

    public long ticketId() {
        return audited.id();
    }

    /**
     * The ticket as the write left it, to read: the session's when the write changed it (no statement), else as
     * {@link AuditedTicket} reads it. Changes go through {@link #ticketForChange}.
     */
    public Ticket ticket() {
        if (ticket == null) {
            ticket = audited.get();
        }
        return ticket;
    }

    /**
     * The ticket, locked for a rule's changes: a write that only recorded activity on it (a side conversation's,
     * on its parent) had not locked it; it is read again under the lock, so rules see its latest state.
     */
    public Ticket ticketForChange() {
        if (!audited.lockedByWrite() && !lockTaken) {
            // Read again under the lock, never only locked (a version read before it would be stale).
            ticket = audited.lock();
            lockTaken = true;
        }
        return ticket();
    }

    /** Whether the write holds the ticket locked: it changed it, or a rule did. */
    public boolean holdsLock() {
        return audited.lockedByWrite() || lockTaken;
    }

    /**
     * Keeps the ticket's metrics (the metric feature's JSON) and its next SLA breach, on the ticket the write holds
     * locked: they are no change of the ticket's own, so they add no event to the audit.
     */
    public void keepMetrics(String metrics, java.time.Instant slaNextBreachAt, java.time.Instant slaBreachDueAt) {
        ticketForChange().keepMetrics(metrics, slaNextBreachAt, slaBreachDueAt);
    }

    public boolean isCreation() {
        return creation;
    }

    /** The channel of the update ({@code api}, {@code side_conversation}). */
    public String channel() {
        return channel;
    }

    /** The audit's events so far, the rules' included. */
    public List<AuditEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** The audit's comment, or null. */
    public RuleComment comment() {
        return comment;
    }

    /** A new status; solving needs the fields the ticket's form requires to solve it. */
    public boolean changeStatus(Rule rule, TicketStatus status) {
        if (status == TicketStatus.SOLVED && !solvable.test(ticketForChange())) {
            return false;
        }
        return change(rule, ticket -> ticket.changeStatus(status));
    }

    public boolean changePriority(Rule rule, TicketPriority priority) {
        return change(rule, ticket -> ticket.changePriority(priority));
    }

    public boolean changeType(Rule rule, TicketType type) {
        return change(rule, ticket -> ticket.changeType(type));
    }

    /** Group and assignee as the caller checked them (the assignee may hold the group's tickets). */
    public boolean assign(Rule rule, Long groupId, Long assigneeId) {
        return change(rule, ticket -> ticket.assign(groupId, assigneeId));
    }

    /** New tags, under the rules every write's tags follow (at most {@code MAX_TAGS}, each at most 255 characters). */
    public boolean replaceTags(Rule rule, SortedSet<String> tags) {
        return change(rule, ticket -> ticket.replaceTags(TicketChanges.tags(List.copyOf(tags))));
    }

    /** Tags as a write gives them (blanks or commas between them), read as tickets keep them: a 422 naming tags. */
    public static SortedSet<String> tags(String text) {
        return TicketChanges.tags(List.of(text));
    }

    /** A custom field's value (null clears it), if the field is active, on the ticket's form and takes it. */
    public boolean changeCustomField(Rule rule, long fieldId, JsonNode value) {
        return change(rule, ticket -> changes.changeCustomFieldForRule(ticket, fieldId, value));
    }

    /** An event of the rule's own (a notification), added to the audit. */
    public void add(AuditEvent event) {
        events.add(event);
    }

    /** Applies a change; one the ticket's rules refuse (a closed ticket takes none) is not made. Whether it changed. */
    private boolean change(Rule rule, Consumer<Ticket> change) {
        Ticket target = ticketForChange();
        try {
            target.checkUpdatable();
            change.accept(target);
        } catch (RecordInvalid refused) {
            target.takeEvents();
            return false;
        }
        List<AuditEvent> made = target.takeEvents();
        if (made.isEmpty()) {
            return false;
        }
        List<AuditEvent> viaRule = new ArrayList<>();
        made.forEach(event -> viaRule.add(event.with("via", rule.via())));
        events.addAll(viaRule);
        target.touch();
        return true;
    }
}
