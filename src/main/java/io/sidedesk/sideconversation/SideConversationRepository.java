package io.sidedesk.sideconversation;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

interface SideConversationRepository
        extends JpaRepository<SideConversation, UUID>, JpaSpecificationExecutor<SideConversation> {

    /** The same, without waiting: a row another write holds is a lock_not_available (55P03), a 409 to retry. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "0"))
    @Query("select s from SideConversation s where s.childTicketId = :childTicketId")
    Optional<SideConversation> lockNowByChildTicketId(long childTicketId);

    /** The side conversations of a parent's child tickets, locked in id order (before any ticket row). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query(
            "select s from SideConversation s where s.ticketId = :parentId and s.childTicketId is not null order by s.id")
    java.util.List<SideConversation> lockChildLinksOf(long parentId);

    Optional<SideConversation> findByIdAndTicketId(UUID id, long ticketId);

    Optional<SideConversation> findByChildTicketId(long childTicketId);

    java.util.List<SideConversation> findByTicketIdAndChildTicketIdNotNull(long ticketId);
}
