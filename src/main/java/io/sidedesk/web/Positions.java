package io.sidedesk.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

/**
 * The order of a list of rows (triggers, SLA policies): positions 1, 2, ... n, each once and without a gap, after
 * every write. Writes to the list take turns ({@link #lock}), so that two of them never number from the same order.
 * The table's positions are unique through the constraint {@code <table>_position_unique}, deferrable.
 */
public class Positions<T extends Positioned> {

    private final PositionedRepository<T> rows;
    private final EntityManager entityManager;
    private final String table;

    protected Positions(PositionedRepository<T> rows, EntityManager entityManager, String table) {
        this.rows = rows;
        this.entityManager = entityManager;
        this.table = table;
    }

    /**
     * Waits for any other write to the list to commit, and holds them off until this one does. Taken before reading
     * what the write changes. Plain selects (what every ticket write reads) neither wait for it nor hold it up.
     */
    public void lock() {
        entityManager
                .createNativeQuery("lock table " + table + " in share row exclusive mode")
                .executeUpdate();
    }

    /** The position a new row takes: the one asked, those from there moving down by one; else (or past it) last. */
    public int makeRoom(Integer asked) {
        int last = rows.lastPosition();
        if (asked == null || asked > last) {
            return last + 1;
        }
        rows.makeRoomAt(asked);
        return asked;
    }

    /**
     * Each row at the position asked (past the last: last), all at once, the others keeping their order around
     * them; positions asked are each asked once.
     */
    public void place(Map<T, Integer> asked) {
        List<T> order = new ArrayList<>(rows.findAllByOrderByPositionAscIdAsc());
        order.removeAll(asked.keySet());
        // In the order of the positions asked: a later one, put further down, never moves an earlier one.
        asked.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(placed -> order.add(Math.min(placed.getValue(), order.size() + 1) - 1, placed.getKey()));
        renumber(order);
    }

    /** The rows named first, in that order; the others after them, in theirs: the whole new order. */
    public List<T> reorder(List<T> named) {
        List<T> order = new ArrayList<>(named);
        rows.findAllByOrderByPositionAscIdAsc().stream()
                .filter(row -> !named.contains(row))
                .forEach(order::add);
        renumber(order);
        return order;
    }

    /** After a delete: the others close up, in their order. */
    public void closeUp() {
        rows.flush();
        renumber(rows.findAllByOrderByPositionAscIdAsc());
    }

    /** Positions 1, 2, ... in this order; the unique positions are checked once, when all have moved. */
    private void renumber(List<T> order) {
        entityManager
                .createNativeQuery("set constraints " + table + "_position_unique deferred")
                .executeUpdate();
        for (int i = 0; i < order.size(); i++) {
            order.get(i).moveTo(i + 1);
        }
        rows.flush();
        entityManager
                .createNativeQuery("set constraints " + table + "_position_unique immediate")
                .executeUpdate();
    }
}
