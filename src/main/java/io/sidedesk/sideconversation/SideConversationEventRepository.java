package io.sidedesk.sideconversation;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface SideConversationEventRepository extends JpaRepository<SideConversationEvent, UUID>,
        JpaSpecificationExecutor<SideConversationEvent> {

    List<SideConversationEvent> findBySideConversationIdInOrderBySeq(Collection<UUID> sideConversationIds);
}
