package io.sidedesk.sla;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;

import io.sidedesk.web.Positions;

/** The order policies are matched in: positions 1..n, dense after every write ({@link Positions}). */
@Component
class SlaPolicyPositions extends Positions<SlaPolicy> {

    SlaPolicyPositions(SlaPolicyRepository policies, EntityManager entityManager) {
        super(policies, entityManager, "sla_policies");
    }
}
