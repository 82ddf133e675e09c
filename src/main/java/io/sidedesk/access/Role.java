package io.sidedesk.access;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A user's base role, as the dialect names it. Light agents are agents with a role_type 1 custom role. */
public enum Role {

    END_USER("end-user"), AGENT("agent"), ADMIN("admin");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static Role of(String value) {
        return Arrays.stream(values()).filter(role -> role.value.equals(value)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("must be end-user, agent or admin"));
    }

    @Converter(autoApply = true)
    static class Column implements AttributeConverter<Role, String> {

        @Override
        public String convertToDatabaseColumn(Role role) {
            return role == null ? null : role.value;
        }

        @Override
        public Role convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}
