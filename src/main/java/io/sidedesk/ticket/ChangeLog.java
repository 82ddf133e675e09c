package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntFunction;

/** The changes one write makes to a ticket, noted as audit events as the entity makes them. */
final class ChangeLog {

    private final List<AuditEvent> events = new ArrayList<>();

    /** {@code value}, noted as a change of {@code field} if it differs from {@code current}. */
    <T> T change(String field, T current, T value) {
        if (!Objects.equals(current, value)) {
            note(field, current, value);
        }
        return value;
    }

    /** A set's new members as an array (the one given when they are the same), noted if they changed. */
    <T> T[] replace(String field, T[] current, SortedSet<T> wanted, IntFunction<T[]> array) {
        SortedSet<T> before = new TreeSet<>(Arrays.asList(current));
        if (before.equals(wanted)) {
            return current;
        }
        note(field, before, wanted);
        return wanted.toArray(array.apply(0));
    }

    void note(String field, Object previous, Object value) {
        events.add(AuditEvent.change(field, previous, value));
    }

    /** The changes noted since the last call. */
    List<AuditEvent> take() {
        List<AuditEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }
}
