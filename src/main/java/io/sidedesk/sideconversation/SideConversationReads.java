package io.sidedesk.sideconversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordNotFound;

/**
 * Side conversations as callers read them, in the transaction of the {@link SideConversations} method that asks (the
 * list, through JdbcClient, in none):
 * only by agents and admins who may see the parent ticket (404 otherwise), each with its child ticket read live
 * (R10).
 */
@Component
class SideConversationReads {

    private final SideConversationRepository conversations;
    private final SideConversationEventRepository events;
    private final Tickets tickets;
    private final JdbcClient jdbc;

    SideConversationReads(
            SideConversationRepository conversations,
            SideConversationEventRepository events,
            Tickets tickets,
            JdbcClient jdbc) {
        this.conversations = conversations;
        this.events = events;
        this.tickets = tickets;
        this.jdbc = jdbc;
    }

    ListPage<SideConversationViews.Conversation> list(
            Actor actor, long ticketId, boolean includeEvents, Paging paging) {
        checkParent(actor, ticketId);
        return paging.fetch(
                        jdbc,
                        SideConversation.COLUMNS,
                        "side_conversations",
                        "e.ticket_id = ?",
                        List.of(ticketId),
                        "seq",
                        (row, number) -> SideConversation.read(row),
                        SideConversation::getSeq)
                .mapAll(page -> views(actor, page, includeEvents));
    }

    SideConversationViews.Conversation show(Actor actor, long ticketId, UUID id, boolean includeEvents) {
        checkParent(actor, ticketId);
        return views(actor, List.of(find(ticketId, id)), includeEvents).get(0);
    }

    ListPage<SideConversationViews.Event> events(Actor actor, long ticketId, UUID id, Paging paging) {
        checkParent(actor, ticketId);
        find(ticketId, id);
        Specification<SideConversationEvent> of = (root, query, cb) -> cb.equal(root.get("sideConversationId"), id);
        return paging.fetch(events, of, "seq", SideConversationEvent::getSeq).map(SideConversationViews.Event::of);
    }

    /** The ids of the parent's child tickets, the closed ones that follow-ups replaced included (R20). */
    List<Long> childTicketIds(long parentId) {
        List<Long> ids = new ArrayList<>();
        for (SideConversation conversation : conversations.findByTicketIdAndChildTicketIdNotNull(parentId)) {
            ids.addAll(conversation.getEarlierChildTicketIds());
            ids.add(conversation.getChildTicketId());
        }
        return ids;
    }

    /** The parent ticket, loaded (creating a side conversation hands it on); a 404 if the caller cannot see it. */
    Ticket parent(Actor actor, long ticketId) {
        SideConversationPolicy.requireReader(actor);
        return tickets.requireVisible(actor, ticketId);
    }

    /** A 404 unless the caller can see the parent ticket, which is not loaded (one column read). */
    void checkParent(Actor actor, long ticketId) {
        SideConversationPolicy.requireReader(actor);
        tickets.checkVisible(actor, ticketId);
    }

    SideConversationViews.Conversation view(Actor actor, SideConversation conversation) {
        return views(actor, List.of(conversation), false).get(0);
    }

    /** Views of a page: child tickets read live in two statements, events in one, whatever the page size. */
    private List<SideConversationViews.Conversation> views(
            Actor actor, List<SideConversation> page, boolean includeEvents) {
        List<Long> childIds = page.stream()
                .map(SideConversation::getChildTicketId)
                .filter(Objects::nonNull)
                .toList();
        Map<Long, Tickets.Summary> children = tickets.summaries(actor, childIds);
        Map<UUID, List<SideConversationViews.Event>> eventsOf = !includeEvents || page.isEmpty()
                ? Map.of()
                : events
                        .findBySideConversationIdInOrderBySeq(
                                page.stream().map(SideConversation::getId).toList())
                        .stream()
                        .collect(Collectors.groupingBy(
                                SideConversationEvent::getSideConversationId,
                                LinkedHashMap::new,
                                Collectors.mapping(SideConversationViews.Event::of, Collectors.toList())));
        return page.stream()
                .map(conversation -> SideConversationViews.Conversation.of(
                        conversation,
                        childTicket(conversation, children),
                        includeEvents ? eventsOf.getOrDefault(conversation.getId(), List.of()) : null))
                .toList();
    }

    /** R10: the child's status and assignee, read live; only id and linked for a child the caller may not see. */
    private static SideConversationViews.ChildTicket childTicket(
            SideConversation conversation, Map<Long, Tickets.Summary> children) {
        if (conversation.getChildTicketId() == null) {
            return null;
        }
        Tickets.Summary child = children.get(conversation.getChildTicketId());
        boolean linked = child != null && conversation.isLinkedTo(child.externalId());
        return child != null && child.visible()
                ? new SideConversationViews.VisibleChild(
                        child.id(), child.status(), child.assigneeId(), child.groupId(), linked)
                : new SideConversationViews.HiddenChild(conversation.getChildTicketId(), linked);
    }

    private SideConversation find(long ticketId, UUID id) {
        return conversations
                .findByIdAndTicketId(id, ticketId)
                .orElseThrow(() -> new RecordNotFound("Side conversation", id));
    }
}
