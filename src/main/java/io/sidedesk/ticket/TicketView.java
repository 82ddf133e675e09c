package io.sidedesk.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.ReadOnly;

/** A ticket as the API shows it. */
@Schema(name = "Ticket")
record TicketView(
        @ReadOnly long id,
        @ReadOnly String url,
        @MayBeNull String externalId,
        @ReadOnly Via via,
        @ReadOnly Instant createdAt,
        @ReadOnly Instant updatedAt,
        @MayBeNull TicketType type,
        @MayBeNull String subject,
        @MayBeNull @ReadOnly String rawSubject,
        @MayBeNull @ReadOnly String description,
        @MayBeNull TicketPriority priority,
        TicketStatus status,
        long requesterId,
        @ReadOnly long submitterId,
        @MayBeNull Long assigneeId,
        @MayBeNull Long groupId,
        List<Long> collaboratorIds,
        List<Long> followerIds,
        List<Long> emailCcIds,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> tags,
        List<CustomField> customFields,
        @MayBeNull Long ticketFormId,
        @ReadOnly boolean isPublic,
        @JsonInclude(JsonInclude.Include.NON_NULL) @ReadOnly ChildLinks.ChildOf childOf,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @ReadOnly
        @Schema(
                types = "object",
                description = "With `include=slas` (staff): `policy_metrics`, each SLA target's `metric`, "
                        + "`stage` (active, paused, achieved), `breach_at` and the time left (`days`, `hours` "
                        + "or `minutes`, negative once breached); and `child_tickets_next_breach_at`, the "
                        + "nearest breach among the child tickets the caller may see")
        Object slas,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @ReadOnly
        @Schema(
                types = "object",
                description = "With `include=child_ticket_summary` (staff): the ticket's child tickets by status, the "
                        + "oldest unsolved and the nearest SLA breach among those the caller may see, broken links, "
                        + "and a count of those the caller may not see (B1)")
        Object childTicketSummary,

        @JsonIgnore long version) {

    /**
     * Who reads the ticket. Staff read all of it. An end-user reads what Zendesk's portal shows them: never an
     * internal first comment as the description, only custom fields visible in the portal, and no tags (agents'
     * own vocabulary, which also carries the values of tagger fields).
     */
    record Reader(boolean endUser, Set<Long> visibleFields) {

        static final Reader STAFF = new Reader(false, null);

        static Reader endUser(Set<Long> visibleFields) {
            return new Reader(true, visibleFields);
        }
    }

    /** The ticket as the reader may read it. */
    static TicketView of(Ticket ticket, JsonMapper json, ChildLinks.ChildOf childOf, Reader reader) {
        TreeSet<Long> collaborators = new TreeSet<>(ticket.getFollowerIds());
        collaborators.addAll(ticket.getEmailCcIds());
        List<CustomField> fields = customFields(ticket, json);
        if (reader.endUser()) {
            fields = fields.stream()
                    .filter(field -> reader.visibleFields().contains(field.id()))
                    .toList();
        }
        return new TicketView(
                ticket.getId(),
                ApiUrls.of("tickets", ticket.getId()),
                ticket.getExternalId(),
                new Via(ticket.getViaChannel(), ticket.getViaSource()),
                ticket.getCreatedAt(),
                ticket.getUpdatedAt(),
                ticket.getType(),
                ticket.getSubject(),
                ticket.getSubject(),
                reader.endUser() && !ticket.isDescriptionPublic() ? null : ticket.getDescription(),
                ticket.getPriority(),
                ticket.getStatus(),
                ticket.getRequesterId(),
                ticket.getSubmitterId(),
                ticket.getAssigneeId(),
                ticket.getGroupId(),
                List.copyOf(collaborators),
                ticket.getFollowerIds(),
                ticket.getEmailCcIds(),
                reader.endUser() ? null : ticket.getTags(),
                fields,
                ticket.getTicketFormId(),
                ticket.isPublic(),
                childOf,
                null,
                null,
                ticket.getVersion());
    }

    /** The same ticket with its {@code slas} member ({@code include=slas}). */
    TicketView withSlas(Object slas) {
        return with(slas, childTicketSummary);
    }

    /** The same ticket with its {@code child_ticket_summary} member ({@code include=child_ticket_summary}). */
    TicketView withChildTicketSummary(Object summary) {
        return with(slas, summary);
    }

    private TicketView with(Object slas, Object childTicketSummary) {
        return new TicketView(
                id,
                url,
                externalId,
                via,
                createdAt,
                updatedAt,
                type,
                subject,
                rawSubject,
                description,
                priority,
                status,
                requesterId,
                submitterId,
                assigneeId,
                groupId,
                collaboratorIds,
                followerIds,
                emailCcIds,
                tags,
                customFields,
                ticketFormId,
                isPublic,
                childOf,
                slas,
                childTicketSummary,
                version);
    }

    /** The ETag of this state of the ticket. */
    String etag() {
        return etag(id, version);
    }

    static String etag(Ticket ticket) {
        return etag(ticket.getId(), ticket.getVersion());
    }

    private static String etag(long id, long version) {
        return "\"" + id + "-" + version + "\"";
    }

    private static List<CustomField> customFields(Ticket ticket, JsonMapper json) {
        List<CustomField> fields = new ArrayList<>();
        json.readTree(ticket.getCustomFields())
                .properties()
                .forEach(entry -> fields.add(new CustomField(Long.parseLong(entry.getKey()), entry.getValue())));
        fields.sort(Comparator.comparing(CustomField::id));
        return fields;
    }

    /** {@code {"id": 123, "value": ...}}, the value exactly as it was written. */
    @Schema(name = "CustomFieldValue")
    record CustomField(long id, JsonNode value) {}

    /** {@code {"channel": "api", "source": {"from": {}, "to": {}, "rel": null}}}. */
    @Schema(name = "Via")
    record Via(
            String channel,

            @JsonRawValue @Schema(types = "object", description = "Where it came from: `from`, `to`, `rel`")
            String source) {

        /** Where an API write or a side conversation's child comes from: nowhere in particular. */
        static final String NO_SOURCE = "{\"from\": {}, \"to\": {}, \"rel\": null}";
    }

    @Schema(name = "TicketResponse")
    record One(TicketView ticket) {}

    /** {@code audit} is null when the update changed nothing. */
    @Schema(name = "TicketWrittenResponse")
    record Written(TicketView ticket, @MayBeNull AuditView audit) {}

    @Schema(name = "TicketsResponse")
    record Many(List<TicketView> tickets) {}
}
