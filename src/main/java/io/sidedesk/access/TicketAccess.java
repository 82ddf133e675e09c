package io.sidedesk.access;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Which tickets a role may see (custom role {@code ticket_access}). Private groups further restrict all of them. */
public enum TicketAccess {

    ALL("all"),
    WITHIN_GROUPS("within-groups"),
    WITHIN_GROUPS_AND_PUBLIC_GROUPS("within-groups-and-public-groups"),
    ASSIGNED_ONLY("assigned-only");

    private final String value;

    TicketAccess(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static TicketAccess of(String value) {
        return Arrays.stream(values()).filter(access -> access.value.equals(value)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(
                    "must be all, within-groups, within-groups-and-public-groups or assigned-only"));
    }

    @Converter(autoApply = true)
    static class Column implements AttributeConverter<TicketAccess, String> {

        @Override
        public String convertToDatabaseColumn(TicketAccess access) {
            return access == null ? null : access.value;
        }

        @Override
        public TicketAccess convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}
