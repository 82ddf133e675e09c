package io.sidedesk.settings;

import com.fasterxml.jackson.annotation.JsonValue;

/** A parent ticket field that may be copied to a child ticket at creation (R6). */
public enum CopyField {

    TAGS("tags"), FOLLOWERS("followers"), TICKET_FORM("ticket_form"), REQUESTER("requester");

    private final String value;

    CopyField(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    static CopyField of(String value) {
        for (CopyField field : values()) {
            if (field.value.equals(value)) {
                return field;
            }
        }
        return null;
    }
}
