package io.sidedesk.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;

import io.sidedesk.web.WireValue;

/**
 * Which macros a role may write (custom role {@code macro_access}, Zendesk's values): none, the agent's own personal
 * macros, also those of groups they belong to, or every macro. Every agent may use the macros available to them.
 */
public enum MacroAccess implements WireValue {
    READONLY("readonly"),
    MANAGE_PERSONAL("manage-personal"),
    MANAGE_GROUP("manage-group"),
    FULL("full");

    private final String value;

    MacroAccess(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static MacroAccess of(String value) {
        return WireValue.parse(MacroAccess.class, value);
    }

    @Converter(autoApply = true)
    static class Column extends WireValue.Column<MacroAccess> {
        Column() {
            super(MacroAccess.class);
        }
    }
}
