package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People;
import io.sidedesk.directory.People.Person;
import io.sidedesk.form.CustomFields;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.PreconditionFailed;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.UpdateConflict;

/**
 * Creating, updating and deleting tickets through the API: load (and lock) → check → apply the request
 * ({@link TicketChanges}) → record the audit ({@link TicketHistory}) → publish {@link TicketUpdated}.
 */
@Service
class TicketWrites {

    private final TicketRepository tickets;
    private final TicketHistory history;
    private final TicketVisibility visibility;
    private final TicketChanges changes;
    private final TicketViews views;
    private final ChildLinks links;
    private final People people;
    private final CustomFields customFields;
    private final ApplicationEventPublisher publisher;
    private final ObjectProvider<TicketMacros> macros;
    private final JsonMapper json;
    private final EntityManager entityManager;

    TicketWrites(
            TicketRepository tickets,
            TicketHistory history,
            TicketVisibility visibility,
            TicketChanges changes,
            TicketViews views,
            ChildLinks links,
            People people,
            CustomFields customFields,
            ApplicationEventPublisher publisher,
            ObjectProvider<TicketMacros> macros,
            JsonMapper json,
            EntityManager entityManager) {
        this.tickets = tickets;
        this.history = history;
        this.visibility = visibility;
        this.changes = changes;
        this.views = views;
        this.links = links;
        this.people = people;
        this.customFields = customFields;
        this.publisher = publisher;
        this.macros = macros;
        this.json = json;
        this.entityManager = entityManager;
    }

    @Transactional
    public TicketView.Written create(Actor actor, TicketRequest.Fields fields) {
        if (fields.macroId != null || fields.macroIds != null) {
            throw RecordInvalid.field(
                    fields.macroId != null ? "macro_id" : "macro_ids",
                    "applies to an update: create the ticket, then apply the macro with PUT");
        }
        if (fields.comment == null) {
            throw RecordInvalid.field("comment", "is required: a ticket starts with a comment");
        }
        // Anyone who may create a ticket gives it a subject; end-users may also choose its form and fill in the
        // custom fields editable in the portal (checked with their values). Other properties need the right role.
        List<String> properties = new ArrayList<>(TicketChanges.propertiesSent(fields));
        if (!actor.isEndUser()) {
            properties.addAll(TicketChanges.formOrFieldsSent(fields));
        }
        if (!properties.isEmpty() && !TicketAccessPolicy.mayChangeProperties(actor)) {
            throw new ActionForbidden("You cannot set ticket properties: " + String.join(", ", properties));
        }
        Person requester = changes.requester(actor, fields);
        TicketHistory.NewComment comment = changes.comment(actor, fields.comment);
        // Without a subject, the first line of a public first comment; never of an internal one, which the
        // requester may not read (R22).
        String subject = fields.subject != null
                ? fields.subject.strip()
                : comment.isPublic() ? CommentBody.firstLine(comment.body().body(), 80) : "";

        Ticket ticket = new Ticket(
                subject,
                comment.body().body(),
                requester.id(),
                actor.userId(),
                Ticket.VIA_API,
                TicketView.Via.NO_SOURCE);
        if (fields.ticketFormId.value() == null) {
            ticket.changeForm(customFields.defaultFormId());
        }
        changes.applyProperties(actor, ticket, fields);
        if (fields.status != null && fields.status != TicketStatus.NEW) {
            ticket.changeStatus(fields.status);
        }
        if (ticket.getStatus() == TicketStatus.SOLVED) {
            customFields.checkRequiredToSolve(ticket.getTicketFormId(), changes.values(ticket));
        }
        ticket.countComment(comment.isPublic());
        ticket.takeEvents();
        tickets.save(ticket);

        Audit audit = history.record(
                        ticket.getId(), actor.userId(), Ticket.VIA_API, AuditEvent.creationOf(ticket), comment)
                .audit();
        // The session's own flush: the repository's goes through its proxies and a transaction interceptor first.
        entityManager.flush();
        return new TicketView.Written(views.of(actor, ticket), AuditView.of(audit));
    }

    @Transactional
    public TicketView.Written update(Actor actor, long id, TicketRequest.Fields fields, String ifMatch) {
        Updated updated = apply(actor, id, fields, ifMatch);
        return new TicketView.Written(
                views.of(actor, updated.ticket(), updated.link()),
                updated.audit() == null ? null : AuditView.of(updated.audit()));
    }

    /** An update's outcome: the ticket, its link if it is a child ticket, and the audit (null if nothing changed). */
    record Updated(Ticket ticket, Optional<ChildLinks.Link> link, Audit audit) {}

    /** The update, without the answer's view (a job's: no request to name URLs after). */
    @Transactional
    public Updated apply(Actor actor, long id, TicketRequest.Fields fields, String ifMatch) {
        Optional<ChildLinks.Link> link = links.lockLinkOf(id);
        // The update may solve the ticket (its status, a macro, a trigger it fires) and so, by a roll-up policy,
        // solve or count its children (B1): their side conversations are locked before this ticket's row.
        links.lockChildLinksOf(id);
        Ticket ticket = visibility.find(actor, id, true);
        checkPreconditions(ticket, fields, ifMatch);
        ticket.checkUpdatable();
        TicketMacros.Application macros = applyMacros(actor, ticket, fields);
        Map<String, String> fromMacros = new LinkedHashMap<>();
        if (macros != null) {
            fields.takeUnsent(json.convertValue(macros.ticket(), TicketRequest.Fields.class))
                    .forEach(member -> fromMacros.put(member, macros.places().get(member)));
        }
        try {
            return update(actor, ticket, fields, link, macros, fromMacros);
        } catch (RecordInvalid refused) {
            throw fromMacros.isEmpty() ? refused : blame(refused, fromMacros);
        }
    }

    private Updated update(
            Actor actor,
            Ticket ticket,
            TicketRequest.Fields fields,
            Optional<ChildLinks.Link> link,
            TicketMacros.Application macros,
            Map<String, String> fromMacros) {
        UUID sideConversationId = link.map(ChildLinks.Link::sideConversationId).orElse(null);
        List<String> properties = new ArrayList<>(TicketChanges.propertiesSent(fields));
        properties.addAll(TicketChanges.formOrFieldsSent(fields));
        if (fields.subject != null) {
            properties.add(0, "subject");
        }
        if (!properties.isEmpty() && !TicketAccessPolicy.mayChangeProperties(actor)) {
            throw new ActionForbidden("You cannot change ticket properties: "
                    + String.join(
                            ", ",
                            properties.stream()
                                    .map(member -> fromMacros.containsKey(member)
                                            ? member + " (" + fromMacros.get(member) + ")"
                                            : member)
                                    .toList()));
        }
        TicketStatus before = ticket.getStatus();
        Long assigneeBefore = ticket.getAssigneeId();
        if (fields.subject != null) {
            ticket.changeSubject(fields.subject.strip());
        }
        if (fields.requesterId != null || fields.requester != null) {
            ticket.changeRequester(changes.requester(actor, fields).id());
        }
        changes.applyProperties(actor, ticket, fields);
        if (fields.status != null && !(fields.status == TicketStatus.NEW && before == TicketStatus.NEW)) {
            ticket.changeStatus(fields.status);
        }
        // Every write that leaves the ticket solved or closed with other fields, another form or another status
        // checks the fields required to solve: none can be cleared once it is solved, nor closed without them.
        boolean done = ticket.getStatus() == TicketStatus.SOLVED || ticket.getStatus() == TicketStatus.CLOSED;
        if (done
                && (before != ticket.getStatus()
                        || !TicketChanges.formOrFieldsSent(fields).isEmpty())) {
            customFields.checkRequiredToSolve(ticket.getTicketFormId(), changes.values(ticket));
        }
        TicketHistory.NewComment comment = null;
        if (fields.comment != null) {
            try {
                comment = changes.comment(actor, fields.comment);
            } catch (ActionForbidden refused) {
                throw fromMacros.containsKey("comment")
                        ? new ActionForbidden(fromMacros.get("comment") + " (comment): " + refused.getMessage())
                        : refused;
            }
            ticket.countComment(comment.isPublic());
            if (changes.byRequesterSide(actor, comment)) {
                ticket.reopenForRequesterReply();
            }
        }
        AuditEvent released = releaseOnReopen(ticket, before, assigneeBefore);
        List<AuditEvent> events = new ArrayList<>(ticket.takeEvents());
        if (released != null) {
            events.add(released);
        }
        if (macros != null) {
            events.addAll(macros.open(ticket));
        }
        if (events.isEmpty() && comment == null) {
            return new Updated(ticket, link, null);
        }
        if (macros != null) {
            events.addAll(macros.references());
        }
        ticket.touch();
        TicketHistory.Recorded recorded =
                history.record(ticket.getId(), actor.userId(), Ticket.VIA_API, events, comment);
        publisher.publishEvent(new TicketUpdated(ticket, recorded.comment(), before, actor, sideConversationId));
        entityManager.flush();
        return new Updated(ticket, link, recorded.audit());
    }

    /** The macros the update names ({@code macro_id}, then {@code macro_ids}), read for the caller; null if none. */
    private TicketMacros.Application applyMacros(Actor actor, Ticket ticket, TicketRequest.Fields fields) {
        if (fields.macroId != null && fields.macroIds != null) {
            throw RecordInvalid.field("macro_ids", "cannot be sent with macro_id");
        }
        if (fields.macroId == null && (fields.macroIds == null || fields.macroIds.isEmpty())) {
            return null;
        }
        return fields.macroId != null
                ? macros.getObject().apply(actor, ticket, List.of(fields.macroId), "macro_id")
                : macros.getObject().apply(actor, ticket, fields.macroIds, "macro_ids");
    }

    /** A refusal of members a macro set names the macro's action that set them instead. */
    private static RecordInvalid blame(RecordInvalid refused, Map<String, String> fromMacros) {
        return refused.renamed(field -> {
            // The member itself (custom_fields.<id> by field), else the member it belongs to (comment.body).
            String root = field.split("[.\\[]", 2)[0];
            String place = fromMacros.containsKey(field)
                    ? fromMacros.get(field)
                    : root.equals("custom_fields") ? null : fromMacros.get(root);
            return place == null ? field : place;
        });
    }

    @Transactional
    public void delete(Actor actor, long id) {
        if (!TicketAccessPolicy.mayDelete(actor)) {
            throw new ActionForbidden("Only admins can do this");
        }
        visibility.find(actor, id, true).markDeleted();
    }

    /**
     * Optimistic checks, made while the ticket row is locked: {@code safe_update} with a stale
     * {@code updated_stamp} is a 409, a stale {@code If-Match} a 412; either way nothing is written.
     */
    private static void checkPreconditions(Ticket ticket, TicketRequest.Fields fields, String ifMatch) {
        if (Boolean.TRUE.equals(fields.safeUpdate)) {
            if (fields.updatedStamp == null) {
                throw RecordInvalid.field("updated_stamp", "is required with safe_update");
            }
            if (!fields.updatedStamp.equals(ticket.getUpdatedAt())) {
                throw new UpdateConflict("The ticket was updated at " + ticket.getUpdatedAt()
                        + ", after your updated_stamp; reload it and try again");
            }
        }
        if (ifMatch != null && !ifMatch.isBlank()) {
            String current = TicketView.etag(ticket);
            boolean matches = Arrays.stream(ifMatch.split(","))
                    .map(String::strip)
                    .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                    .anyMatch(tag -> tag.equals("*") || tag.equals(current));
            if (!matches) {
                throw new PreconditionFailed("If-Match does not match the ticket's current ETag " + current);
            }
        }
    }

    /**
     * A solved ticket kept its assignee while the directory changed (a solved ticket needs one); reopened, it is
     * unassigned if they may no longer hold it, as the directory change would have done.
     */
    AuditEvent releaseOnReopen(Ticket ticket, TicketStatus before, Long assigneeBefore) {
        Long assignee = ticket.getAssigneeId();
        // An assignee this write changed to was checked as it was assigned; one sent back unchanged was not.
        if (before != TicketStatus.SOLVED
                || !DirectoryChanges.UNSOLVED.contains(ticket.getStatus())
                || assignee == null
                || !assignee.equals(assigneeBefore)
                || people.holdMembership(assignee, ticket.getGroupId())) {
            return null;
        }
        ticket.assign(ticket.getGroupId(), null);
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("reason", "assignee_cannot_hold");
        members.put("user_id", assignee);
        members.put("body", "Unassigned: the ticket reopened, and its assignee may no longer hold it");
        return AuditEvent.of("DirectoryChange", members);
    }
}
