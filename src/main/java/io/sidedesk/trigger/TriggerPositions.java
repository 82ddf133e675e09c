package io.sidedesk.trigger;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;

import io.sidedesk.web.Positions;

/** The order triggers run in: positions 1..n, dense after every write ({@link Positions}). */
@Component
class TriggerPositions extends Positions<Trigger> {

    TriggerPositions(TriggerRepository triggers, EntityManager entityManager) {
        super(triggers, entityManager, "triggers");
    }
}
