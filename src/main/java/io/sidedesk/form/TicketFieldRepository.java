package io.sidedesk.form;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface TicketFieldRepository extends JpaRepository<TicketField, Long>, JpaSpecificationExecutor<TicketField> {

    @Query("select distinct f from TicketField f left join fetch f.options where f.id in :ids")
    List<TicketField> findWithOptions(Collection<Long> ids);

    /** The fields whose values end-users read: active and visible in the portal. */
    @Query("select f.id from TicketField f where f.active and f.visibleInPortal")
    List<Long> findIdsVisibleInPortal();
}
