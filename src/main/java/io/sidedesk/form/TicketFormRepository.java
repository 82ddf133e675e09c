package io.sidedesk.form;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface TicketFormRepository extends JpaRepository<TicketForm, Long>, JpaSpecificationExecutor<TicketForm> {

    Optional<TicketForm> findFirstByDefaultFormTrue();

    @Modifying(flushAutomatically = true)
    @Query("update TicketForm f set f.defaultForm = false where f.defaultForm = true and f.id <> :keep")
    void clearDefaultExcept(long keep);
}
