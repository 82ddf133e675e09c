package io.sidedesk.childticket;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People;
import io.sidedesk.settings.CommentType;
import io.sidedesk.settings.CopyField;
import io.sidedesk.settings.Settings;
import io.sidedesk.settings.SideConversationSettings;
import io.sidedesk.sideconversation.SideConversation;
import io.sidedesk.sideconversation.SideConversationOpened;
import io.sidedesk.sideconversation.SideConversationPolicy;
import io.sidedesk.sideconversation.SideConversationReplied;
import io.sidedesk.ticket.ChildLinks;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.RecordInvalid;

/**
 * Creates the child ticket of a side conversation addressed to support (R1, R2, R5, R6), and the follow-up of
 * a closed child that a reply reaches (R20), in the transaction of the write: a refusal here rolls everything
 * back.
 */
@Component
class ChildTicketCreator {

    private final Settings settings;
    private final People people;
    private final Tickets tickets;
    private final ChildTicketAddressees addressees;
    private final JsonMapper json;

    ChildTicketCreator(
            Settings settings, People people, Tickets tickets, ChildTicketAddressees addressees, JsonMapper json) {
        this.settings = settings;
        this.people = people;
        this.tickets = tickets;
        this.addressees = addressees;
        this.json = json;
    }

    @EventListener
    void on(SideConversationOpened opened) {
        SideConversationSettings account = settings.sideConversations();
        SideConversationPolicy.requireTicketsChannel(account.ticketsChannel());
        Actor creator = opened.creator();
        SideConversationOpened.Message message = opened.message();
        addressees.check(
                creator,
                message.supportGroupId(),
                message.supportAgentId(),
                "message.to[" + message.participant() + "]");

        SideConversation conversation = opened.sideConversation();
        Ticket parent = opened.parent();
        Set<CopyField> copy = EnumSet.copyOf(
                account.childTicketDefaultCopyFields().isEmpty()
                        ? EnumSet.noneOf(CopyField.class)
                        : account.childTicketDefaultCopyFields());
        copy.addAll(opened.copyFields());

        String externalId = ChildLinks.RESERVED_PREFIX + conversation.getId() + ":ticket:" + parent.getId();
        Ticket child = tickets.createChild(
                creator,
                new Tickets.NewChild(
                        conversation.getSubject(),
                        message.body(),
                        message.htmlBody(),
                        firstCommentPublic(account),
                        copy.contains(CopyField.REQUESTER) ? parent.getRequesterId() : creator.userId(),
                        message.supportGroupId(),
                        message.supportAgentId(),
                        externalId,
                        viaSource(parent.getId(), conversation, "side_conversation"),
                        copy.contains(CopyField.TAGS) ? parent.getTags() : List.of(),
                        copy.contains(CopyField.FOLLOWERS) ? parent.getFollowerIds() : List.of(),
                        copy.contains(CopyField.TICKET_FORM) ? parent.getTicketFormId() : null,
                        copy.contains(CopyField.TICKET_FORM) ? parent.getCustomFields() : null,
                        opened.created().getId()));

        conversation.linkChild(child.getId(), externalId);
    }

    /**
     * R20: a reply reached a linked child that is closed, so it opens a follow-up of it, as Zendesk does for a
     * closed ticket: the same subject, requester, group, tags, followers, form and field values (the child's
     * own, never the side conversation's: R12), the same assignee while they may still hold it (an active,
     * assignable member of the group), the reply as its first comment, and the same link external id. The
     * follow-up acts for the side conversation, like the mirror: the replier was checked as a sender (and against
     * any group they named anew), not against the closed child's group. If the group is gone the reply is refused:
     * it would otherwise reach nobody, or a ticket outside the group that was chosen for it.
     */
    Ticket followUp(
            SideConversation conversation,
            Ticket closed,
            SideConversationReplied replied,
            SideConversationSettings account) {
        Long groupId = closed.getGroupId();
        if (groupId == null || !people.holdGroup(groupId)) {
            throw RecordInvalid.field(
                    "child_ticket",
                    "the child ticket is closed and its group no longer exists, "
                            + "so a follow-up cannot be opened for this reply; start a new side conversation");
        }
        Long assignee = closed.getAssigneeId() == null
                ? null
                : people.person(closed.getAssigneeId())
                        .filter(agent -> SideConversationPolicy.mayHoldChildTicketOf(agent, groupId))
                        .map(People.Person::id)
                        .filter(agent -> people.holdMembership(agent, groupId))
                        .orElse(null);
        return tickets.createChild(
                replied.author(),
                new Tickets.NewChild(
                        closed.getSubject(),
                        replied.message().body(),
                        replied.message().htmlBody(),
                        firstCommentPublic(account),
                        closed.getRequesterId(),
                        groupId,
                        assignee,
                        conversation.getChildExternalId(),
                        viaSource(closed.getId(), conversation, "follow_up"),
                        closed.getTags(),
                        closed.getFollowerIds(),
                        closed.getTicketFormId(),
                        closed.getCustomFields(),
                        replied.event().getId()));
    }

    /** R7: the first comment of a new child is public only with comment type public (it has no public one yet). */
    private static boolean firstCommentPublic(SideConversationSettings account) {
        return account.childTicketCommentType() == CommentType.PUBLIC;
    }

    /** {@code via.source}: from the parent ({@code side_conversation}) or from the closed child ({@code follow_up}). */
    private String viaSource(long fromTicketId, SideConversation conversation, String rel) {
        Map<String, Object> from = new LinkedHashMap<>();
        // Only ids: the child may be visible to people who may not see the parent (R17).
        from.put("ticket_id", fromTicketId);
        from.put("side_conversation_id", conversation.getId().toString());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("from", from);
        source.put("to", Map.of());
        source.put("rel", rel);
        return json.writeValueAsString(source);
    }
}
