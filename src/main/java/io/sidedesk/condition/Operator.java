package io.sidedesk.condition;

import java.util.Arrays;

/** What a condition asks of its field, in Zendesk's spelling. */
public enum Operator {
    IS("is"),
    IS_NOT("is_not"),
    LESS_THAN("less_than"),
    GREATER_THAN("greater_than"),
    CHANGED("changed"),
    /** Changed to the value. */
    VALUE("value"),
    /** Changed from the value. */
    VALUE_PREVIOUS("value_previous"),
    NOT_CHANGED("not_changed"),
    INCLUDES("includes"),
    NOT_INCLUDES("not_includes");

    private final String wire;

    Operator(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The operator of this spelling, or null. */
    static Operator find(String wire) {
        return Arrays.stream(values())
                .filter(operator -> operator.wire.equals(wire))
                .findFirst()
                .orElse(null);
    }

    /** Whether the operator compares with a value (all but changed and not_changed). */
    public boolean takesValue() {
        return this != CHANGED && this != NOT_CHANGED;
    }

    /** Whether the operator compares the field with its value before the change. */
    public boolean comparesWithBefore() {
        return this == CHANGED || this == VALUE || this == VALUE_PREVIOUS || this == NOT_CHANGED;
    }
}
