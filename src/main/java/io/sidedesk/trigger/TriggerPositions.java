package io.sidedesk.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;

/**
 * The order triggers run in: positions 1, 2, ... n, each once and without a gap, after every write. Writes to
 * triggers take turns ({@link #lock}), so that two of them never number from the same order.
 */
@Component
class TriggerPositions {

    private final TriggerRepository triggers;
    private final EntityManager entityManager;

    TriggerPositions(TriggerRepository triggers, EntityManager entityManager) {
        this.triggers = triggers;
        this.entityManager = entityManager;
    }

    /**
     * Waits for any other write to triggers to commit, and holds them off until this one does. Taken before reading
     * what the write changes. The engine's reads (plain selects) neither wait for it nor hold it up.
     */
    void lock() {
        entityManager
                .createNativeQuery("lock table triggers in share row exclusive mode")
                .executeUpdate();
    }

    /** The position a new trigger takes: the one asked, those from there moving down by one; else (or past it) last. */
    int makeRoom(Integer asked) {
        int last = triggers.lastPosition();
        if (asked == null || asked > last) {
            return last + 1;
        }
        triggers.makeRoomAt(asked);
        return asked;
    }

    /**
     * Each trigger at the position asked (past the last: last), all at once, the others keeping their order around
     * them; positions asked are each asked once.
     */
    void place(Map<Trigger, Integer> asked) {
        List<Trigger> order = new ArrayList<>(triggers.findAllByOrderByPositionAscIdAsc());
        order.removeAll(asked.keySet());
        // In the order of the positions asked: a later one, put further down, never moves an earlier one.
        asked.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(placed -> order.add(Math.min(placed.getValue(), order.size() + 1) - 1, placed.getKey()));
        renumber(order);
    }

    /** The triggers named first, in that order; the others after them, in theirs: the whole new order. */
    List<Trigger> reorder(List<Trigger> named) {
        List<Trigger> order = new ArrayList<>(named);
        triggers.findAllByOrderByPositionAscIdAsc().stream()
                .filter(trigger -> !named.contains(trigger))
                .forEach(order::add);
        renumber(order);
        return order;
    }

    /** After a delete: the others close up, in their order. */
    void closeUp() {
        triggers.flush();
        renumber(triggers.findAllByOrderByPositionAscIdAsc());
    }

    /** Positions 1, 2, ... in this order; the unique positions are checked once, when all have moved. */
    private void renumber(List<Trigger> order) {
        entityManager
                .createNativeQuery("set constraints triggers_position_unique deferred")
                .executeUpdate();
        for (int i = 0; i < order.size(); i++) {
            order.get(i).moveTo(i + 1);
        }
        triggers.flush();
        entityManager
                .createNativeQuery("set constraints triggers_position_unique immediate")
                .executeUpdate();
    }
}
