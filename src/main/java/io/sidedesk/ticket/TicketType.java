package io.sidedesk.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;

import io.sidedesk.web.WireValue;

/** A ticket's type. */
public enum TicketType implements WireValue {
    PROBLEM("problem"),
    INCIDENT("incident"),
    QUESTION("question"),
    TASK("task");

    private final String value;

    TicketType(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static TicketType of(String value) {
        return WireValue.parse(TicketType.class, value);
    }

    @Converter(autoApply = true)
    static class Column extends WireValue.Column<TicketType> {

        Column() {
            super(TicketType.class);
        }
    }
}
