package io.sidedesk.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * The members of the description's schemas as the wire has them, which Java types alone do not say:
 * <ul>
 * <li>names: nested types are named with their enclosing type ({@code TicketRequest.Fields} is
 * {@code TicketRequestFields}), so that the many small {@code Body}, {@code Fields} and {@code Many} types do
 * not overwrite each other;</li>
 * <li>answers: every member a record writes is {@code required} (always there), except those it leaves out
 * when null ({@code @JsonInclude(NON_NULL)}); only members marked {@link MayBeNull} may be null;</li>
 * <li>requests: any member may be sent as null (it changes nothing, or clears), except in a type marked
 * {@link NoNulls};</li>
 * <li>{@link ReadOnly} members are {@code readOnly}; a custom field value ({@link JsonNode}) is any JSON.</li>
 * </ul>
 * A schema is an answer's or a request's by where the description uses it; none is used for both
 * ({@code OpenApiDescriptionTests}).
 */
final class WireSchemas {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /** Each named schema's Java type, as the names were given. */
    private final Map<String, Class<?>> types = new ConcurrentHashMap<>();

    final TypeNameResolver names = new TypeNameResolver() {

        @Override
        protected String nameForClass(Class<?> type, Set<Options> options) {
            String name = super.nameForClass(type, options);
            types.put(name, type);
            return name;
        }

        @Override
        protected String getNameOfClass(Class<?> type) {
            Class<?> enclosing = type.getEnclosingClass();
            return enclosing == null
                    ? super.getNameOfClass(type)
                    : getNameOfClass(enclosing) + super.getNameOfClass(type);
        }
    };

    /** One member, as the model resolver describes it. */
    Schema<?> member(Schema<?> property, AnnotatedType type) {
        Annotation[] annotations = type.getCtxAnnotations() == null ? new Annotation[0] : type.getCtxAnnotations();
        if (Arrays.stream(annotations).anyMatch(ReadOnly.class::isInstance)) {
            property.setReadOnly(true);
        }
        Class<?> raw = type.getType() instanceof JavaType javaType
                ? javaType.getRawClass()
                : type.getType() instanceof Class<?> plain ? plain : null;
        if (raw != null && JsonNode.class.isAssignableFrom(raw)) {
            property.setTypes(null);
            property.setType(null);
            return property;
        }
        return Arrays.stream(annotations).anyMatch(MayBeNull.class::isInstance) ? nullable(property) : property;
    }

    /** The whole description: answers' required members, requests' null members. */
    void complete(OpenAPI description) {
        Map<String, Schema> schemas = description.getComponents().getSchemas();
        Set<String> read = new HashSet<>();
        Set<String> written = new HashSet<>();
        description.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation
                        .getRequestBody()
                        .getContent()
                        .values()
                        .forEach(media -> reach(media.getSchema(), schemas, read));
            }
            operation.getResponses().values().forEach(response -> {
                if (response.getContent() != null) {
                    response.getContent().values().forEach(media -> reach(media.getSchema(), schemas, written));
                }
            });
        }));
        written.forEach(name -> required(schemas.get(name), type(name)));
        read.stream().filter(name -> !written.contains(name)).forEach(name -> {
            Class<?> type = type(name);
            Schema<?> schema = schemas.get(name);
            if ((type == null || !type.isAnnotationPresent(NoNulls.class)) && schema.getProperties() != null) {
                // A required member may not be null either ({"ticket": null} is a 422).
                schema.getProperties()
                        .replaceAll((member, property) -> schema.getRequired() != null
                                        && schema.getRequired().contains(member)
                                ? property
                                : nullable(property));
            }
        });
    }

    /**
     * The Java type of a named schema. Types named by their own {@code @Schema(name)} as a handler's body or answer
     * never reach the type name resolver; they are found beside the types that did, in the same source file.
     */
    private Class<?> type(String name) {
        Class<?> known = types.get(name);
        return known != null
                ? known
                : new ArrayList<>(types.values())
                        .stream()
                                .map(WireSchemas::outermost)
                                .distinct()
                                .flatMap(outer ->
                                        Stream.concat(Stream.of(outer), Arrays.stream(outer.getDeclaredClasses())))
                                .filter(candidate -> {
                                    var annotation =
                                            candidate.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
                                    return annotation != null
                                            && annotation.name().equals(name);
                                })
                                .findFirst()
                                .orElse(null);
    }

    private static Class<?> outermost(Class<?> type) {
        return type.getEnclosingClass() == null ? type : outermost(type.getEnclosingClass());
    }

    /** The names of the component schemas {@code schema} reaches. */
    @SuppressWarnings("rawtypes") // swagger's models hold raw Schema lists and maps
    private static void reach(Schema<?> schema, Map<String, Schema> schemas, Set<String> names) {
        Deque<Schema> pending = new ArrayDeque<>();
        Consumer<Schema> push = more -> {
            if (more != null) {
                pending.push(more);
            }
        };
        push.accept(schema);
        while (!pending.isEmpty()) {
            Schema next = pending.pop();
            if (next.get$ref() != null) {
                String name = next.get$ref().substring(next.get$ref().lastIndexOf('/') + 1);
                if (names.add(name)) {
                    push.accept(schemas.get(name));
                }
            }
            Consumer<List<Schema>> all = list -> {
                if (list != null) {
                    list.forEach(push);
                }
            };
            all.accept(next.getAllOf());
            all.accept(next.getAnyOf());
            all.accept(next.getOneOf());
            if (next.getProperties() != null) {
                next.getProperties().values().forEach(push);
            }
            push.accept(next.getItems());
            if (next.getAdditionalProperties() instanceof Schema values) {
                push.accept(values);
            }
        }
    }

    /** An answer's members that are always written: a record's, but for those left out when null. */
    private static void required(Schema<?> schema, Class<?> type) {
        if (schema == null || type == null || !type.isRecord() || schema.getProperties() == null) {
            return;
        }
        JsonInclude included = type.getAnnotation(JsonInclude.class);
        boolean nullsLeftOut = included != null && included.value() != JsonInclude.Include.ALWAYS;
        List<String> always = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            // Jackson's annotations do not target record components: they land on the component's field.
            Field field = field(type, component.getName());
            if (field.isAnnotationPresent(JsonIgnore.class)) {
                continue;
            }
            JsonInclude include = field.getAnnotation(JsonInclude.class);
            boolean mayBeNull = component.isAnnotationPresent(MayBeNull.class);
            String name = field.isAnnotationPresent(JsonProperty.class)
                    ? field.getAnnotation(JsonProperty.class).value()
                    : SNAKE_CASE.translate(component.getName());
            if (include != null && include.value() != JsonInclude.Include.ALWAYS || nullsLeftOut && mayBeNull) {
                // Left out rather than null.
                Schema<?> property = schema.getProperties().get(name);
                if (property != null
                        && property.getTypes() != null
                        && property.getTypes().contains("null")) {
                    Set<String> types = new LinkedHashSet<>(property.getTypes());
                    types.remove("null");
                    property.setTypes(types);
                }
                continue;
            }
            if (schema.getProperties().containsKey(name)) {
                always.add(name);
            }
        }
        schema.setRequired(always.isEmpty() ? null : always);
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("A record without its component's field: " + type, e);
        }
    }

    /** {@code property}, or null. */
    @SuppressWarnings("unchecked")
    static Schema<?> nullable(Schema<?> property) {
        if (property.get$ref() != null) {
            Schema<?> either = new Schema<>()
                    .anyOf(List.of(
                            new Schema<>().$ref(property.get$ref()),
                            new Schema<>().types(new LinkedHashSet<>(List.of("null")))));
            either.setReadOnly(property.getReadOnly());
            either.setDescription(property.getDescription());
            return either;
        }
        if (property.getTypes() != null
                && !property.getTypes().isEmpty()
                && !property.getTypes().contains("null")) {
            Set<String> types = new LinkedHashSet<>(property.getTypes());
            types.add("null");
            property.setTypes(types);
            if (property.getEnum() != null && !property.getEnum().contains(null)) {
                List<Object> values = new ArrayList<>(property.getEnum());
                values.add(null);
                ((Schema<Object>) property).setEnum(values);
            }
        }
        return property;
    }
}
