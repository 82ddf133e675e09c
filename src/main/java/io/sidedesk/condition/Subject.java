package io.sidedesk.condition;

/**
 * What conditions are evaluated against: a ticket as a change left it, field by field, in the values the language
 * compares ({@link Field#read}): text, a {@code Long} id, a set of tags, or null for none.
 */
public interface Subject {

    /** The field's value after the change. */
    Object current(String field);

    /** The field's value before the change: for a new ticket, null. */
    Object previous(String field);

    /**
     * Whether the field is known not to have changed, without reading its value (a change the subject did not
     * record): {@code changed}, {@code value}, {@code value_previous} and {@code not_changed} are then decided
     * without reading the ticket. False when unknown.
     */
    default boolean knownUnchanged(String field) {
        return false;
    }
}
