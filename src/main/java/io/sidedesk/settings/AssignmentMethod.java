package io.sidedesk.settings;

import com.fasterxml.jackson.annotation.JsonValue;

import io.sidedesk.web.WireValue;

/** How the router chooses among the agents who can take a ticket (R21); ties go to the one idle longest. */
public enum AssignmentMethod implements WireValue {
    /** The most free places. */
    SPARE_CAPACITY("spare_capacity"),
    /** The highest share of their capacity free. */
    SPARE_PERCENTAGE("spare_percentage"),
    /** The one who went longest without a routed ticket. */
    ROUND_ROBIN("round_robin");

    private final String value;

    AssignmentMethod(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    static AssignmentMethod of(String value) {
        return WireValue.find(AssignmentMethod.class, value);
    }
}
