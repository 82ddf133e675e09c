package io.sidedesk.trigger;

import java.util.List;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import io.sidedesk.web.PositionedRepository;

interface TriggerRepository extends PositionedRepository<Trigger>, JpaSpecificationExecutor<Trigger> {

    /** What every ticket write runs: the active triggers, in order. */
    List<Trigger> findByActiveTrueOrderByPositionAscIdAsc();
}
