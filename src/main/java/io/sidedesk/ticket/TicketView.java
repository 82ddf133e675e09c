package io.sidedesk.ticket;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.sidedesk.web.ApiUrls;

/** A ticket as the API shows it. */
record TicketView(long id, String url, String externalId, Via via, Instant createdAt, Instant updatedAt,
        TicketType type, String subject, String rawSubject, String description, TicketPriority priority,
        TicketStatus status, long requesterId, long submitterId, Long assigneeId, Long groupId,
        List<Long> collaboratorIds, List<Long> followerIds, List<Long> emailCcIds, List<String> tags,
        List<Object> customFields, Long ticketFormId, boolean isPublic) {

    static TicketView of(Ticket ticket) {
        TreeSet<Long> collaborators = new TreeSet<>(ticket.getFollowerIds());
        collaborators.addAll(ticket.getEmailCcIds());
        return new TicketView(ticket.getId(), ApiUrls.of("tickets", ticket.getId()), ticket.getExternalId(),
                new Via(ticket.getViaChannel(), ticket.getViaSource()), ticket.getCreatedAt(), ticket.getUpdatedAt(),
                ticket.getType(), ticket.getSubject(), ticket.getSubject(), ticket.getDescription(),
                ticket.getPriority(), ticket.getStatus(), ticket.getRequesterId(), ticket.getSubmitterId(),
                ticket.getAssigneeId(), ticket.getGroupId(), List.copyOf(collaborators), ticket.getFollowerIds(),
                ticket.getEmailCcIds(), ticket.getTags(), List.of(), null, ticket.isPublic());
    }

    /** {@code {"channel": "api", "source": {"from": {}, "to": {}, "rel": null}}}. */
    record Via(String channel, @JsonRawValue String source) {
    }

    record One(TicketView ticket) {
    }

    record Written(TicketView ticket, AuditView audit) {
    }

    record Many(List<TicketView> tickets) {
    }
}
