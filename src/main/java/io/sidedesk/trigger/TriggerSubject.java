package io.sidedesk.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.sidedesk.access.Actor;
import io.sidedesk.access.Role;
import io.sidedesk.condition.Subject;
import io.sidedesk.ticket.ActionValues;
import io.sidedesk.ticket.AuditEvent;
import io.sidedesk.ticket.RuleRun;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketConditions;
import io.sidedesk.web.WireValue;

/**
 * A ticket change as trigger conditions read it: the ticket as it is now (with the changes of triggers that already
 * fired), and before the change, from the audit's own {@code Change} events; a new ticket had nothing before.
 */
final class TriggerSubject implements Subject {

    private final RuleRun run;
    private final Actor actor;
    private final JsonMapper json;
    private final Instant now;

    TriggerSubject(RuleRun run, Actor actor, JsonMapper json, Instant now) {
        this.run = run;
        this.actor = actor;
        this.json = json;
        this.now = now;
    }

    /**
     * Hours (with their fraction) until the ticket's next SLA breach, negative once a target that still runs has
     * breached, as the ticket's metrics stood before this write (they are measured after the triggers run); null when
     * no target runs.
     */
    private Double hoursUntilNextBreach(Ticket ticket) {
        Instant breach = ticket.getSlaNextBreachAt();
        return breach == null ? null : Duration.between(now, breach).toMillis() / 3_600_000.0;
    }

    /** The field's value now; the ticket is read (once, by the write's session) only for the ticket's own fields. */
    @Override
    public Object current(String field) {
        return switch (field) {
            case "update_type" -> run.isCreation() ? "Create" : "Change";
            case "current_via_id" -> TicketConditions.viaId(run.channel());
            case "comment_is_public" -> commentFacts();
            case "comment_includes_word" ->
                run.comment() == null ? "" : run.comment().body();
            case "role" ->
                actor == null
                        ? null
                        : actor.role() == Role.END_USER
                                ? "end_user"
                                : actor.role().value();
            case "side_conversation" -> sideConversationFacts();
            case "current_user" -> actor == null ? null : actor.userId();
            default -> ticketField(field, run.ticket());
        };
    }

    private Object ticketField(String field, Ticket ticket) {
        return switch (field) {
            case "status" -> ticket.getStatus().value();
            case "priority" -> text(ticket.getPriority());
            case "type" -> text(ticket.getType());
            case "group_id" -> ticket.getGroupId();
            case "assignee_id" -> ticket.getAssigneeId();
            case "requester_id" -> ticket.getRequesterId();
            case "ticket_form_id" -> ticket.getTicketFormId();
            case "current_tags" -> new TreeSet<>(ticket.getTags());
            case "via_id" -> TicketConditions.viaId(ticket.getViaChannel());
            case "subject_includes_word" -> ticket.getSubject();
            case "hours_until_next_sla_breach" -> hoursUntilNextBreach(ticket);
            default -> customField(field);
        };
    }

    @Override
    public Object previous(String field) {
        if (run.isCreation()) {
            return null;
        }
        AuditEvent change = change(field);
        return change == null ? current(field) : read(field, change.member("previous_value"));
    }

    /** Not a new ticket, and the audit records no change of the field: its value before is its value now. */
    @Override
    public boolean knownUnchanged(String field) {
        return !run.isCreation() && change(field) == null;
    }

    /** The audit's {@code Change} event of the field, or null. */
    private AuditEvent change(String field) {
        Long customField = ActionValues.customFieldId(field);
        String name = field.equals("current_tags") ? "tags" : customField != null ? customField.toString() : field;
        for (AuditEvent event : run.events()) {
            if ("Change".equals(event.member("type")) && name.equals(event.member("field_name"))) {
                return event;
            }
        }
        return null;
    }

    /** A previous value as the audit wrote it (text, ids as text, tags as a list), read as {@link #current} gives it. */
    private static Object read(String field, Object written) {
        return switch (field) {
            case "priority", "type" -> written == null ? "" : written;
            case "group_id", "assignee_id", "requester_id", "ticket_form_id" ->
                written == null ? null : Long.valueOf(written.toString());
            case "current_tags" -> written instanceof List<?> tags ? new TreeSet<>(tags) : new TreeSet<>();
            default -> written == null || written.toString().isEmpty() ? null : written.toString();
        };
    }

    /** A custom field's value as text (what its condition compares), null when it has none. */
    private Object customField(String field) {
        Long id = ActionValues.customFieldId(field);
        if (id == null) {
            return null;
        }
        JsonNode value = json.readTree(run.ticket().getCustomFields()).get(id.toString());
        return value == null || value.isNull() || value.asString().isEmpty() ? null : value.asString();
    }

    private Set<String> commentFacts() {
        Set<String> facts = new HashSet<>();
        if (run.comment() != null) {
            facts.add("not_relevant");
            if (run.comment().isPublic()) {
                facts.add("true");
                facts.add("requester_can_see_comment");
            } else {
                facts.add("false");
            }
        }
        return facts;
    }

    private Set<String> sideConversationFacts() {
        Set<String> facts = new HashSet<>();
        for (AuditEvent event : run.events()) {
            if ("SideConversation".equals(event.member("type")) && event.member("action") instanceof String action) {
                facts.add(action);
            }
        }
        return facts;
    }

    private static String text(WireValue value) {
        return value == null ? "" : value.value();
    }
}
