package io.sidedesk.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;

import io.sidedesk.web.WireValue;

/** Which tickets a role may see (custom role {@code ticket_access}). Private groups further restrict all of them. */
public enum TicketAccess implements WireValue {
    ALL("all"),
    WITHIN_GROUPS("within-groups"),
    WITHIN_GROUPS_AND_PUBLIC_GROUPS("within-groups-and-public-groups"),
    ASSIGNED_ONLY("assigned-only");

    private final String value;

    TicketAccess(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static TicketAccess of(String value) {
        return WireValue.parse(TicketAccess.class, value);
    }

    @Converter(autoApply = true)
    static class Column extends WireValue.Column<TicketAccess> {

        Column() {
            super(TicketAccess.class);
        }
    }
}
