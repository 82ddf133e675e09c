package io.sidedesk.settings;

import com.fasterxml.jackson.annotation.JsonValue;

import io.sidedesk.web.WireValue;

/** A parent ticket field that may be copied to a child ticket at creation (R6). */
public enum CopyField implements WireValue {
    TAGS("tags"),
    FOLLOWERS("followers"),
    TICKET_FORM("ticket_form"),
    REQUESTER("requester");

    private final String value;

    CopyField(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    static CopyField of(String value) {
        return WireValue.find(CopyField.class, value);
    }
}
