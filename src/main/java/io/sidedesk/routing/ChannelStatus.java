package io.sidedesk.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;

import io.sidedesk.web.WireValue;

/** What an agent's status makes them on one channel: tickets (email) go to agents online or away (R21). */
enum ChannelStatus implements WireValue {
    ONLINE("online"),
    AWAY("away"),
    TRANSFERS_ONLY("transfers_only"),
    OFFLINE("offline");

    private final String value;

    ChannelStatus(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    static ChannelStatus of(String value) {
        return WireValue.parse(ChannelStatus.class, value);
    }

    /** Whether the router gives tickets to an agent this status makes the email channel. */
    boolean takesTickets() {
        return this == ONLINE || this == AWAY;
    }

    @Converter(autoApply = true)
    static class Column extends WireValue.Column<ChannelStatus> {

        Column() {
            super(ChannelStatus.class);
        }
    }
}
