package io.sidedesk.web;

import java.util.Objects;

import jakarta.validation.valueextraction.ExtractedValue;
import jakarta.validation.valueextraction.UnwrapByDefault;
import jakarta.validation.valueextraction.ValueExtractor;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One member of a partial update in its three states: left out (nothing changes), sent as {@code null} (cleared),
 * or sent with a value (set). A member of this type is never null itself: it starts {@link #absent()}, and
 * Jackson sets it only when the member is sent. Constraints on the member ({@code @Size(max = 255) Patch<String>})
 * are checked on its value, and described on it in the OpenAPI description.
 */
@JsonDeserialize(using = Patch.Reader.class)
public final class Patch<T> {

    private static final Patch<?> ABSENT = new Patch<>(false, null);
    private static final Patch<?> CLEARED = new Patch<>(true, null);

    private final boolean sent;
    private final T value;

    private Patch(boolean sent, T value) {
        this.sent = sent;
        this.value = value;
    }

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> absent() {
        return (Patch<T>) ABSENT;
    }

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> cleared() {
        return (Patch<T>) CLEARED;
    }

    /** Set to {@code value}; cleared when it is null. */
    public static <T> Patch<T> of(T value) {
        return value == null ? cleared() : new Patch<>(true, value);
    }

    /** Whether the member was sent at all (with a value or as null). */
    public boolean isSent() {
        return sent;
    }

    /** The value sent: null when cleared or left out. */
    public T value() {
        return value;
    }

    /** The value sent, or {@code current} when the member was left out. */
    public T orElse(T current) {
        return sent ? value : current;
    }

    /** Whether applying the member would change {@code current}. */
    public boolean changes(T current) {
        return sent && !Objects.equals(value, current);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Patch<?> patch && patch.sent == sent && Objects.equals(patch.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sent, value);
    }

    @Override
    public String toString() {
        return !sent ? "Patch.absent" : value == null ? "Patch.cleared" : "Patch.of(" + value + ")";
    }

    /** Reads a sent member: {@code null} clears, anything else is read as the value's type. */
    static final class Reader extends ValueDeserializer<Patch<?>> {

        private final ValueDeserializer<Object> values;

        Reader() {
            this(null);
        }

        private Reader(ValueDeserializer<Object> values) {
            this.values = values;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            JavaType type = property != null ? property.getType() : context.getContextualType();
            return new Reader(context.findContextualValueDeserializer(type.containedType(0), property));
        }

        @Override
        public Patch<?> deserialize(JsonParser parser, DeserializationContext context) {
            return of(values.deserialize(parser, context));
        }

        @Override
        public Patch<?> getNullValue(DeserializationContext context) {
            return cleared();
        }

        /** A member left out of a record's body is absent, not cleared. */
        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return absent();
        }
    }

    /** Bean Validation checks the value of a member (registered in META-INF/services). */
    @UnwrapByDefault
    public static final class Values implements ValueExtractor<Patch<@ExtractedValue ?>> {

        @Override
        public void extractValues(Patch<?> patch, ValueReceiver receiver) {
            receiver.value(null, patch.value());
        }
    }
}
