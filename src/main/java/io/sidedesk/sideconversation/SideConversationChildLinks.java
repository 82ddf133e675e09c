package io.sidedesk.sideconversation;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.settings.Settings;
import io.sidedesk.ticket.ChildLinks;
import io.sidedesk.ticket.Ticket;

/** Tickets' view of the child ticket links, which live on side conversations: one statement per call. */
@Component
class SideConversationChildLinks implements ChildLinks {

    private final SideConversationRepository conversations;
    private final Settings settings;

    SideConversationChildLinks(SideConversationRepository conversations, Settings settings) {
        this.conversations = conversations;
        this.settings = settings;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, ChildOf> parentsOf(Collection<Ticket> tickets) {
        Map<Long, Ticket> byId =
                tickets.stream().collect(Collectors.toMap(Ticket::getId, Function.identity(), (a, b) -> a));
        return conversations.linksOfChildren(byId.keySet().toArray(Long[]::new)).stream()
                .collect(Collectors.toMap(row -> ((Number) row[0]).longValue(), row -> new Link(
                                ((Number) row[1]).longValue(), (UUID) row[2], (String) row[3])
                        .childOf(byId.get(((Number) row[0]).longValue()))));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Link> lockLinkOf(long ticketId) {
        return conversations
                .lockByChildTicketId(ticketId)
                .map(conversation ->
                        new Link(conversation.getTicketId(), conversation.getId(), conversation.getChildExternalId()));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockChildLinksOf(long parentId) {
        // Only the policies that solve or count a parent's children take their locks; the settings row read here is
        // the one the write's policies and mirror read (no other statement).
        var account = settings.sideConversations();
        if (account.solveChildrenWithParent() || account.parentSolveRequiresChildrenSolved()) {
            conversations.lockChildLinksOf(parentId);
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Link> lockLinkNowOf(long ticketId) {
        return conversations
                .lockNowByChildTicketId(ticketId)
                .map(conversation ->
                        new Link(conversation.getTicketId(), conversation.getId(), conversation.getChildExternalId()));
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.List<Long> childrenOf(long parentId) {
        return conversations.findByTicketIdAndChildTicketIdNotNull(parentId).stream()
                .map(SideConversation::getChildTicketId)
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> linkExternalId(long ticketId) {
        return conversations.findByChildTicketId(ticketId).map(SideConversation::getChildExternalId);
    }
}
