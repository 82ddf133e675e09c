package io.sidedesk.sideconversation;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface SideConversationRepository extends JpaRepository<SideConversation, UUID>,
        JpaSpecificationExecutor<SideConversation> {

    /** The side conversation row lock: always taken before the child ticket's (one lock order, no deadlocks). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from SideConversation s where s.id = :id and s.ticketId = :ticketId")
    Optional<SideConversation> lockOnTicket(UUID id, long ticketId);

    /** The side conversation of a child ticket, locked before the child's row (the same lock order). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from SideConversation s where s.childTicketId = :childTicketId")
    Optional<SideConversation> lockByChildTicketId(long childTicketId);

    Optional<SideConversation> findByIdAndTicketId(UUID id, long ticketId);

    // One array parameter rather than an IN list: translated once whatever the number of ids (PostgreSqlFunctions).
    @Query("select s from SideConversation s where equals_any(s.childTicketId, :childTicketIds)")
    java.util.List<SideConversation> findByChildTicketIdIn(Long[] childTicketIds);

    Optional<SideConversation> findByChildTicketId(long childTicketId);

    java.util.List<SideConversation> findByTicketIdAndChildTicketIdNotNull(long ticketId);
}
