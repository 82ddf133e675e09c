package io.sidedesk.rollup;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.sidedesk.ticket.TicketStatus;
import io.sidedesk.web.PendingWrites;

/**
 * A parent's linked child tickets (R13: the child's external id is still the one written at creation), with their
 * status and side conversation: one statement. Unlinked and deleted children take part in no policy.
 */
@Component
class LinkedChildren {

    private final JdbcClient jdbc;
    private final EntityManager entityManager;

    LinkedChildren(JdbcClient jdbc, EntityManager entityManager) {
        this.jdbc = jdbc;
        this.entityManager = entityManager;
    }

    record Child(long id, TicketStatus status, UUID sideConversationId) {

        boolean unsolved() {
            return io.sidedesk.ticket.RollUpWrites.unsolved(status);
        }
    }

    /**
     * The parent's linked children, by id, as the transaction sees them now: a child the write itself linked (a macro
     * that opens one) included, its pending changes flushed first.
     */
    List<Child> of(long parentId) {
        PendingWrites.flush(entityManager);
        return jdbc.sql("""
                        select t.id, t.status, s.id as side_conversation_id
                        from side_conversations s join tickets t on t.id = s.child_ticket_id
                        where s.ticket_id = ? and t.external_id = s.child_external_id and not t.deleted
                        order by t.id""")
                .param(parentId)
                .query((row, number) ->
                        new Child(row.getLong(1), TicketStatus.of(row.getString(2)), row.getObject(3, UUID.class)))
                .list();
    }

    /** Whether the ticket is a linked child of the parent (as the transaction sees it now, as above). */
    boolean isLinkedChild(long parentId, long ticketId) {
        PendingWrites.flush(entityManager);
        return jdbc.sql("""
                        select exists (select 1 from side_conversations s join tickets t on t.id = s.child_ticket_id
                        where s.ticket_id = ? and s.child_ticket_id = ? and t.external_id = s.child_external_id
                        and not t.deleted)""")
                .param(parentId)
                .param(ticketId)
                .query(Boolean.class)
                .single();
    }
}
