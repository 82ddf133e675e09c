package io.sidedesk.web;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;

import static io.sidedesk.web.OpenApiConfiguration.PAGE;
import static io.sidedesk.web.OpenApiConfiguration.ref;

/**
 * What the OpenAPI description says of each operation beyond its handler's signature: paging parameters, a list's
 * page ({@link ListOf}), its body's example and required members ({@link RequestDoc}), and every error it can
 * answer. The document as a whole is {@link OpenApiConfiguration}'s.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiOperations {

    @Bean
    OperationCustomizer pagingParameters() {
        return (operation, handler) -> {
            boolean paged = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.getParameterType() == Paging.class);
            if (paged) {
                operation.addParametersItem(query(
                        "page",
                        "Offset paging: page number, from 1; offset paging serves "
                                + "the first " + Paging.MAX_OFFSET_ROWS
                                + " rows (page × per_page at most that, or a 400), "
                                + "cursor paging every row",
                        new IntegerSchema().minimum(BigDecimal.ONE)));
                operation.addParametersItem(
                        query("per_page", "Offset paging: rows per page, 1 to 100 (default 100)", new IntegerSchema()));
                operation.addParametersItem(
                        query("page[size]", "Cursor paging: rows per page, 1 to 100", new IntegerSchema()));
                operation.addParametersItem(
                        query("page[after]", "Cursor paging: meta.after_cursor of the last page", new StringSchema()));
                operation.addParametersItem(query(
                        "page[before]", "Cursor paging: meta.before_cursor of the last page", new StringSchema()));
            }
            return operation;
        };
    }

    /**
     * A list's page as it is written ({@link ListOf}): the items under their member, with the paging members of
     * {@code PageMembers}.
     */
    @Bean
    GlobalOperationComponentsCustomizer listPages() {
        return new GlobalOperationComponentsCustomizer() {

            @Override
            public Operation customize(Operation operation, Components components, HandlerMethod handler) {
                ListOf list = handler.getMethodAnnotation(ListOf.class);
                if (list == null) {
                    return operation;
                }
                Schema<?> item;
                if (list.schema().isEmpty()) {
                    item = resolve(list.of(), components);
                } else {
                    item = new Schema<>().$ref(ref(list.schema()));
                }
                List<Schema> parts = new java.util.ArrayList<>(List.of(
                        new Schema<>().$ref(ref(PAGE)),
                        new ObjectSchema()
                                .addProperty(list.value(), new ArraySchema().items(item))
                                .addRequiredItem(list.value())));
                if (list.with() != Void.class) {
                    parts.add(resolve(list.with(), components));
                }
                Schema<?> page = new Schema<>().allOf(parts);
                operation
                        .getResponses()
                        .get("200")
                        .setContent(new Content().addMediaType("application/json", new MediaType().schema(page)));
                return operation;
            }

            @Override
            public Operation customize(Operation operation, HandlerMethod handler) {
                return operation;
            }
        };
    }

    /** The schema of a type, as a reference, with the schemas it refers to added to the components. */
    private static Schema<?> resolve(Class<?> type, Components components) {
        var resolved =
                ModelConverters.getInstance(true).readAllAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
        resolved.referencedSchemas.forEach((name, schema) -> {
            if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
                components.addSchemas(name, schema);
            }
        });
        return resolved.schema;
    }

    /**
     * An operation's {@link RequestDoc}: its example, and its own required members, as {@code allOf} the body's
     * schema and the members it requires.
     */
    @Bean
    OperationCustomizer requestExamples() {
        return (operation, handler) -> {
            RequestDoc doc = handler.getMethodAnnotation(RequestDoc.class);
            if (doc == null || operation.getRequestBody() == null) {
                return operation;
            }
            MediaType json = operation.getRequestBody().getContent().get("application/json");
            try {
                json.setExample(Json31.mapper().readTree(doc.example()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("The example of " + handler + " is not JSON", e);
            }
            if (doc.required().length > 0) {
                Schema<?> required = new ObjectSchema();
                for (String path : doc.required()) {
                    Schema<?> at = required;
                    String[] members = path.split("\\.");
                    for (int i = 0; i < members.length; i++) {
                        if (at.getRequired() == null || !at.getRequired().contains(members[i])) {
                            at.addRequiredItem(members[i]);
                        }
                        if (i < members.length - 1) {
                            Schema<?> next = at.getProperties() == null
                                    ? null
                                    : at.getProperties().get(members[i]);
                            if (next == null) {
                                next = new ObjectSchema();
                                at.addProperty(members[i], next);
                            }
                            at = next;
                        }
                    }
                }
                json.setSchema(new Schema<>().allOf(List.of(json.getSchema(), required)));
            }
            return operation;
        };
    }

    /**
     * {@code Idempotency-Key} on every POST and PUT (B3): the same key with the same request within 24 hours answers
     * again what the first answered, without writing anything.
     */
    @Bean
    OperationCustomizer idempotencyKeyHeaders() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(PostMapping.class) || handler.hasMethodAnnotation(PutMapping.class)) {
                operation.addParametersItem(new Parameter()
                        .in("header")
                        .name("Idempotency-Key")
                        .required(false)
                        .description("1 to 255 printable ASCII characters: a repeat within 24 hours answers what the "
                                + "first answered (`Idempotent-Replayed: true`), without writing anything")
                        .schema(new StringSchema().maxLength(255)));
            }
            return operation;
        };
    }

    /** Every error an operation can answer, each {@code application/problem+json}. */
    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses();
            boolean body = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
            boolean identified = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.hasParameterAnnotation(PathVariable.class));
            boolean conditional = Arrays.stream(handler.getMethodParameters()).anyMatch(parameter -> {
                RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
                return header != null && HttpHeaders.IF_MATCH.equalsIgnoreCase(header.name());
            });
            boolean write = !handler.hasMethodAnnotation(GetMapping.class);
            problem(responses, "400", true);
            problem(responses, "401", true);
            problem(responses, "403", true);
            problem(responses, "404", identified);
            problem(responses, "406", true);
            problem(responses, "409", write);
            problem(responses, "412", conditional);
            problem(responses, "413", body);
            problem(responses, "415", body);
            problem(responses, "422", body || write);
            problem(responses, "429", true);
            problem(responses, "500", true);
            problem(responses, "503", true);
            return operation;
        };
    }

    private static void problem(ApiResponses responses, String status, boolean applies) {
        if (applies && !responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + status));
        }
    }

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new Parameter()
                .in("query")
                .name(name)
                .description(description)
                .required(false)
                .schema(schema);
    }
}
