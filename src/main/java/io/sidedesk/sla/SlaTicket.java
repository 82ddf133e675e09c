package io.sidedesk.sla;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.sidedesk.condition.Subject;

/**
 * A ticket as SLA policy filters read it: its current state, in the forms the condition language compares
 * ({@code io.sidedesk.condition.Field#read}). {@code priority} and {@code type} are {@code ""} (or null) for none;
 * {@code viaId} is Zendesk's via id ({@code io.sidedesk.ticket.TicketConditions#viaId}); {@code requesterRole} is
 * {@code end_user}, {@code agent} or {@code admin}, read only when a filter asks (the requester may be someone else
 * than the caller, whose role takes a statement to read); tags are lower case as tickets keep them. A policy judges
 * the ticket as it is, never a change: what it was before is what it is.
 */
public record SlaTicket(
        String status,
        String priority,
        String type,
        Long groupId,
        Long assigneeId,
        Long requesterId,
        String viaId,
        Set<String> tags,
        Long ticketFormId,
        Supplier<String> requesterRole)
        implements Subject {

    public SlaTicket {
        priority = priority == null ? "" : priority;
        type = type == null ? "" : type;
        tags = tags == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(tags));
    }

    @Override
    public Object current(String field) {
        return switch (field) {
            case "status" -> status;
            case "priority" -> priority;
            case "type" -> type;
            case "group_id" -> groupId;
            case "assignee_id" -> assigneeId;
            case "requester_id" -> requesterId;
            case "via_id" -> viaId;
            case "current_tags" -> tags;
            case "ticket_form_id" -> ticketFormId;
            case "requester_role" -> requesterRole.get();
            default -> null;
        };
    }

    @Override
    public Object previous(String field) {
        return current(field);
    }
}
