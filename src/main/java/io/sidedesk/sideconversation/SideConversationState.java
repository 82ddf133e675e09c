package io.sidedesk.sideconversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;

import io.sidedesk.web.WireValue;

/** A side conversation's state. */
public enum SideConversationState implements WireValue {
    OPEN("open"),
    CLOSED("closed");

    private final String value;

    SideConversationState(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static SideConversationState of(String value) {
        return WireValue.parse(SideConversationState.class, value);
    }

    @Converter(autoApply = true)
    static class Column extends WireValue.Column<SideConversationState> {

        Column() {
            super(SideConversationState.class);
        }
    }
}
