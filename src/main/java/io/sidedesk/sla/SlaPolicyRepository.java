package io.sidedesk.sla;

import java.util.List;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import io.sidedesk.web.PositionedRepository;

interface SlaPolicyRepository extends PositionedRepository<SlaPolicy>, JpaSpecificationExecutor<SlaPolicy> {

    /** A policy as matching reads it: what it says, as stored. */
    interface Stored {

        Long getId();

        String getTitle();

        String getDescription();

        String getFilter();

        String getPolicyMetrics();
    }

    /** What every ticket write reads, in one statement: the policies in matching order, as rows, not entities. */
    @Query("select p.id as id, p.title as title, p.description as description, p.filter as filter,"
            + " p.policyMetrics as policyMetrics from SlaPolicy p order by p.position, p.id")
    List<Stored> inMatchingOrder();
}
