package io.sidedesk.view;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;

import io.sidedesk.web.Positions;

/** The order views are listed in: positions 1..n, dense after every write ({@link Positions}). */
@Component
class ViewPositions extends Positions<View> {

    ViewPositions(ViewRepository views, EntityManager entityManager) {
        super(views, entityManager, "views");
    }
}
