package io.sidedesk.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;

import io.sidedesk.web.WireValue;

/** A ticket's status, in Zendesk's order. */
public enum TicketStatus implements WireValue {

    NEW("new"), OPEN("open"), PENDING("pending"), HOLD("hold"), SOLVED("solved"), CLOSED("closed");

    private final String value;

    TicketStatus(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static TicketStatus of(String value) {
        return WireValue.parse(TicketStatus.class, value);
    }

    @Converter(autoApply = true)
    static class Column extends WireValue.Column<TicketStatus> {

        Column() {
            super(TicketStatus.class);
        }
    }
}
