package io.sidedesk.sideconversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;

import io.sidedesk.web.WireValue;

/** What a side conversation event records: its creation, a reply, or a change of its state or subject. */
public enum SideConversationEventType implements WireValue {
    CREATE("create"),
    REPLY("reply"),
    UPDATE("update");

    private final String value;

    SideConversationEventType(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static SideConversationEventType of(String value) {
        return WireValue.parse(SideConversationEventType.class, value);
    }

    @Converter(autoApply = true)
    static class Column extends WireValue.Column<SideConversationEventType> {

        Column() {
            super(SideConversationEventType.class);
        }
    }
}
