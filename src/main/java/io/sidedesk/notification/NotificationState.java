package io.sidedesk.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;

import io.sidedesk.web.WireValue;

/** Where a notification stands: to send, sent, given up on, or never to be sent (no mail server). */
enum NotificationState implements WireValue {
    PENDING("pending"),
    SENT("sent"),
    FAILED("failed"),
    NOT_SENT("not_sent");

    private final String value;

    NotificationState(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static NotificationState of(String value) {
        return WireValue.parse(NotificationState.class, value);
    }

    @Converter(autoApply = true)
    static class Column extends WireValue.Column<NotificationState> {

        Column() {
            super(NotificationState.class);
        }
    }
}
