package io.sidedesk.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;

import io.sidedesk.web.WireValue;

/** A ticket's priority. */
public enum TicketPriority implements WireValue {
    URGENT("urgent"),
    HIGH("high"),
    NORMAL("normal"),
    LOW("low");

    private final String value;

    TicketPriority(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static TicketPriority of(String value) {
        return WireValue.parse(TicketPriority.class, value);
    }

    @Converter(autoApply = true)
    static class Column extends WireValue.Column<TicketPriority> {

        Column() {
            super(TicketPriority.class);
        }
    }
}
