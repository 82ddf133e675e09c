package io.sidedesk.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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

    /**
     * The rows {@code ids} names, in that order: each named once (else a 422 naming {@code member}), found by
     * {@code find} in one read; one not found is a 404 of that {@code noun} ("Trigger 12 not found").
     */
    public static <R extends Positioned> List<R> named(
            List<Long> ids, Function<List<Long>, Iterable<R>> find, String member, String noun) {
        if (ids == null || ids.isEmpty()) {
            throw RecordInvalid.field(member, "must name at least one");
        }
        if (ids.stream().anyMatch(Objects::isNull) || new LinkedHashSet<>(ids).size() != ids.size()) {
            throw RecordInvalid.field(member, "names one more than once, or null");
        }
        Map<Long, R> found = new HashMap<>();
        find.apply(ids).forEach(row -> found.put(row.getId(), row));
        List<R> ordered = new ArrayList<>();
        for (Long id : ids) {
            R row = found.get(id);
            if (row == null) {
                throw new RecordNotFound(noun, id);
            }
            ordered.add(row);
        }
        return ordered;
    }

    /**
     * The positions an update of several rows asks ({@code asked}: one per row, null for none), by row; two rows may
     * not ask for the same one (a 422 naming {@code member[i].position}).
     */
    public static <R extends Positioned> Map<R, Integer> asked(List<R> rows, List<Integer> asked, String member) {
        Map<R, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Integer position = asked.get(i);
            if (position != null && positions.containsValue(position)) {
                throw RecordInvalid.field(member + "[" + i + "].position", "is asked for another one too");
            }
            if (position != null) {
                positions.put(rows.get(i), position);
            }
        }
        return positions;
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
