package io.sidedesk.web;

import java.util.Arrays;

import jakarta.persistence.AttributeConverter;

/**
 * An enum whose constants have the dialect's spelling ({@code "end-user"}, {@code "within-groups"}),
 * used as is in JSON and in database columns.
 */
public interface WireValue {

    String value();

    /** The constant spelled {@code value}, or null. */
    static <E extends Enum<E> & WireValue> E find(Class<E> type, String value) {
        return value == null ? null : type.cast(WireValueSpellings.OF.get(type).get(value));
    }

    /** The constant spelled {@code value}; anything else is an IllegalArgumentException listing the choices. */
    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String value) {
        E found = find(type, value);
        if (found == null) {
            throw new IllegalArgumentException("must be one of "
                    + String.join(
                            ", ",
                            Arrays.stream(type.getEnumConstants())
                                    .map(WireValue::value)
                                    .toList()));
        }
        return found;
    }

    /** Stores the constant's spelling; subclass it per enum with {@code @Converter(autoApply = true)}. */
    abstract class Column<E extends Enum<E> & WireValue> implements AttributeConverter<E, String> {

        private final Class<E> type;

        protected Column(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : value.value();
        }

        @Override
        public E convertToEntityAttribute(String value) {
            return value == null ? null : parse(type, value);
        }
    }
}
