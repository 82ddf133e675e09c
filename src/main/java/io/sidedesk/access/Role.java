package io.sidedesk.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;

import io.sidedesk.web.WireValue;

/** A user's base role, as the dialect names it. Light agents are agents with a role_type 1 custom role. */
public enum Role implements WireValue {
    END_USER("end-user"),
    AGENT("agent"),
    ADMIN("admin");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static Role of(String value) {
        return WireValue.parse(Role.class, value);
    }

    @Converter(autoApply = true)
    static class Column extends WireValue.Column<Role> {

        Column() {
            super(Role.class);
        }
    }
}
