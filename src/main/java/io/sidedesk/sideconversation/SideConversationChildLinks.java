package io.sidedesk.sideconversation;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.settings.Settings;
import io.sidedesk.ticket.ChildLinks;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.web.PendingWrites;
import io.sidedesk.web.Transactions;

/** Tickets' view of the child ticket links, which live on side conversations: one statement per call. */
@Component
class SideConversationChildLinks implements ChildLinks {

    private final SideConversationRepository conversations;
    private final Settings settings;
    private final JdbcClient jdbc;
    private final EntityManager entityManager;

    SideConversationChildLinks(
            SideConversationRepository conversations, Settings settings, JdbcClient jdbc, EntityManager entityManager) {
        this.conversations = conversations;
        this.settings = settings;
        this.jdbc = jdbc;
        this.entityManager = entityManager;
    }

    /** Not transactional itself (every ticket shown or listed asks, within its read): one statement either way. */
    @Override
    public Map<Long, ChildOf> parentsOf(Collection<Ticket> tickets) {
        Map<Long, Ticket> byId =
                tickets.stream().collect(Collectors.toMap(Ticket::getId, Function.identity(), (a, b) -> a));
        // Through JdbcClient, not the repository's native query: every ticket shown or listed asks (one statement
        // either way, without the ORM's query machinery around it).
        PendingWrites.flush(entityManager);
        Map<Long, ChildOf> parents = new java.util.HashMap<>();
        jdbc.sql("""
                        select s.child_ticket_id, s.ticket_id, s.id, s.child_external_id from side_conversations s
                        where s.child_ticket_id = any(?)""")
                .param(byId.keySet().toArray(Long[]::new))
                .query((row, number) -> {
                    long child = row.getLong(1);
                    return Map.entry(
                            child,
                            new Link(row.getLong(2), row.getObject(3, UUID.class), row.getString(4))
                                    .childOf(byId.get(child)));
                })
                .list()
                .forEach(entry -> parents.put(entry.getKey(), entry.getValue()));
        return parents;
    }

    @Override
    public Optional<Link> lockLinkOf(long ticketId) {
        Transactions.requireActive();
        // The ORM's query by its string (interpreted once), not a repository method's proxies: every write on a
        // ticket asks.
        return entityManager
                .createQuery("select s from SideConversation s where s.childTicketId = :child", SideConversation.class)
                .setParameter("child", ticketId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .stream()
                .findFirst()
                .map(conversation ->
                        new Link(conversation.getTicketId(), conversation.getId(), conversation.getChildExternalId()));
    }

    @Override
    public void lockChildLinksOf(long parentId) {
        Transactions.requireActive();
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
