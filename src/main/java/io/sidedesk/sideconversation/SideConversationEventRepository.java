package io.sidedesk.sideconversation;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface SideConversationEventRepository
        extends JpaRepository<SideConversationEvent, UUID>, JpaSpecificationExecutor<SideConversationEvent> {

    @org.springframework.data.jpa.repository.Query(
            "select e from SideConversationEvent e where e.sideConversationId in :sideConversationIds order by e.seq")
    List<SideConversationEvent> findBySideConversationIdInOrderBySeq(Collection<UUID> sideConversationIds);
}
