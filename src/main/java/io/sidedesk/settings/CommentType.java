package io.sidedesk.settings;

import com.fasterxml.jackson.annotation.JsonValue;

import io.sidedesk.web.WireValue;

/** Whether a side conversation reply becomes a public comment or an internal note on the child ticket (R7). */
public enum CommentType implements WireValue {
    PUBLIC("public"),
    INTERNAL("internal"),
    MATCH_TICKET_PRIVACY("match_ticket_privacy");

    private final String value;

    CommentType(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    static CommentType of(String value) {
        return WireValue.find(CommentType.class, value);
    }
}
