package io.sidedesk.sideconversation;

import java.io.StringWriter;
import java.util.function.Consumer;

import jakarta.persistence.AttributeConverter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A jsonb column holding a value that Jackson writes and reads, in snake_case as the API shows it. The column
 * stays text bound as {@code ?::jsonb}, so a typed value costs no statement more than the text did. Values are
 * never changed in place (an entity replaces them), so the converters are {@code @Immutable}: dirty checking
 * compares them by equality, without copies.
 */
abstract class JsonColumn<T> implements AttributeConverter<T, String> {

    // Its own mapper: what is stored must not follow the API's configuration, only the records' members.
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    // Resolved once for the type, not at every row.
    private final ObjectReader reader;
    private final ObjectWriter writer;

    JsonColumn(TypeReference<T> type) {
        this.reader = JSON.readerFor(type);
        this.writer = JSON.writerFor(type);
    }

    /** A parser of stored text, for a column that reads its values token by token. */
    static JsonParser parser(String stored) {
        return JSON.createParser(stored);
    }

    /** The text a column writes token by token (what it writes is stored as jsonb: members in any order). */
    static String written(Consumer<JsonGenerator> write) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            write.accept(generator);
        }
        return text.toString();
    }

    @Override
    public String convertToDatabaseColumn(T value) {
        return value == null ? null : writer.writeValueAsString(value);
    }

    @Override
    public T convertToEntityAttribute(String stored) {
        return stored == null ? null : reader.readValue(stored);
    }
}
