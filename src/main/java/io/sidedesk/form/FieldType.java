package io.sidedesk.form;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;

import io.sidedesk.web.WireValue;

/** The kinds of custom ticket field. */
public enum FieldType implements WireValue {
    TEXT("text"),
    TEXTAREA("textarea"),
    CHECKBOX("checkbox"),
    INTEGER("integer"),
    DECIMAL("decimal"),
    DATE("date"),
    TAGGER("tagger");

    private final String value;

    FieldType(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static FieldType of(String value) {
        return WireValue.parse(FieldType.class, value);
    }

    @Converter(autoApply = true)
    static class Column extends WireValue.Column<FieldType> {

        Column() {
            super(FieldType.class);
        }
    }
}
