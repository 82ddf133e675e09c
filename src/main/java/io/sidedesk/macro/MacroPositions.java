package io.sidedesk.macro;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;

import io.sidedesk.web.Positions;

/** The order macros are listed in: positions 1..n, dense after every write ({@link Positions}). */
@Component
class MacroPositions extends Positions<Macro> {

    MacroPositions(MacroRepository macros, EntityManager entityManager) {
        super(macros, entityManager, "macros");
    }
}
