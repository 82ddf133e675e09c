package io.sidedesk.web;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;
import io.sidedesk.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description ({@code /v3/api-docs}) is valid OpenAPI 3.1, organised for people, and true: its
 * examples are accepted by its own schemas and by the service. (Every exchange of every test is held against
 * it as well: {@link OpenApiContract}.)
 */
class OpenApiDescriptionTests extends ApiTestSupport {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private JsonNode docs() {
        return OpenApiContract.of(api().base()).document();
    }

    @Test
    void isValidOpenApi31AndEverySchemaIsValidJsonSchema() throws Exception {
        JsonNode docs = docs();
        assertThat(docs.get("openapi").asString()).startsWith("3.1.");

        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema openApi31;
        // The OpenAPI Initiative's schema for 3.1 documents (src/test/resources/openapi/README.md).
        try (InputStream schema = getClass().getResourceAsStream("/openapi/oas-3.1-schema.json")) {
            openApi31 = registry.getSchema(schema);
        }
        assertThat(openApi31.validate(docs))
                .as("the description against the OpenAPI 3.1 schema")
                .isEmpty();

        Schema jsonSchema = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        docs.at("/components/schemas").properties().forEach(entry -> {
            List<Error> errors = jsonSchema.validate(entry.getValue());
            assertThat(errors)
                    .as("schema %s is JSON Schema 2020-12", entry.getKey())
                    .isEmpty();
        });
    }

    @Test
    void everyReferenceResolves() {
        JsonNode docs = docs();
        List<String> refs = new ArrayList<>();
        collectRefs(docs, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(docs.at(ref.substring(1)).isMissingNode())
                    .as("%s resolves", ref)
                    .isFalse();
        }
    }

    @Test
    void operationsAreNamedAndTaggedForPeople() {
        JsonNode docs = docs();
        List<String> tags = docs.get("tags")
                .valueStream()
                .map(tag -> tag.get("name").asString())
                .toList();
        assertThat(tags).startsWith("Tickets", "Side conversations and child tickets", "People and groups");
        docs.get("tags").forEach(tag -> assertThat(tag.path("description").asString())
                .as("tag %s", tag)
                .isNotBlank());
        assertThat(docs.get("paths").propertyNames()).noneMatch(path -> path.startsWith("/error"));
        assertThat(docs.at("/servers/0/description").asString()).isEqualTo("This Sidedesk");
        assertThat(docs.at("/components/securitySchemes/apiToken/description").asString())
                .contains("/token");
        assertThat(docs.at("/components/securitySchemes/bearerToken/scheme").asString())
                .isEqualTo("bearer");
        assertThat(docs.at("/info/description").asString())
                .contains("`.json` suffix")
                .contains("Authorize");

        Set<String> operationIds = new HashSet<>();
        forEachOperation(docs, (path, method, operation) -> {
            String id = operation.path("operationId").asString();
            assertThat(id).as("%s %s", method, path).matches("[a-z][A-Za-z]+");
            assertThat(operationIds.add(id)).as("operationId %s is unique", id).isTrue();
            assertThat(operation.path("summary").asString())
                    .as("summary of %s", id)
                    .isNotBlank();
            assertThat(operation.get("tags")).as("tags of %s", id).hasSize(1);
            assertThat(tags)
                    .as("tag of %s", id)
                    .contains(operation.get("tags").get(0).asString());
        });
        assertThat(operationIds)
                .contains(
                        "createSideConversation",
                        "replyToSideConversation",
                        "createTicket",
                        "updateAccountSettings",
                        "createGroup");
    }

    @Test
    void everyErrorResponseIsProblemJson() {
        JsonNode docs = docs();
        forEachOperation(docs, (path, method, operation) -> operation
                .get("responses")
                .properties()
                .forEach(entry -> {
                    if (entry.getKey().startsWith("4") || entry.getKey().startsWith("5")) {
                        JsonNode response = entry.getValue();
                        if (response.has("$ref")) {
                            response = docs.at(response.get("$ref").asString().substring(1));
                        }
                        assertThat(response.at("/content/application~1problem+json/schema/$ref")
                                        .asString())
                                .as("%s %s answers %s", method, path, entry.getKey())
                                .isEqualTo("#/components/schemas/Problem");
                    }
                }));
        JsonNode ticket = docs.at("/paths/~1api~1v2~1tickets~1{ticket_id}/put/responses");
        assertThat(ticket.propertyNames())
                .contains("400", "401", "403", "404", "409", "412", "413", "415", "422", "429", "503");
    }

    @Test
    void enumsAndRequiredMembersAreDescribed() {
        JsonNode schemas = docs().at("/components/schemas");
        assertThat(values(schemas.at("/Ticket/properties/status/enum")))
                .containsExactly("new", "open", "pending", "hold", "solved", "closed");
        assertThat(values(schemas.at("/Ticket/properties/priority/enum"))).contains("urgent", "low");
        assertThat(values(schemas.at("/Ticket/properties/type/enum"))).contains("problem", "task");
        assertThat(values(schemas.at("/SideConversation/properties/state/enum")))
                .containsExactly("open", "closed");
        assertThat(values(schemas.at("/SideConversationEvent/properties/type/enum")))
                .containsExactly("create", "reply", "update");
        assertThat(values(schemas.at("/Comment/properties/type/enum"))).containsExactly("Comment");
        assertThat(values(schemas.at("/TicketRequest/required"))).containsExactly("ticket");

        JsonNode create = docs().at("/paths/~1api~1v2~1tickets/post/requestBody/content/application~1json/schema");
        assertThat(create.toString())
                .contains("#/components/schemas/TicketRequest")
                .contains("\"required\":[\"comment\"]");
    }

    /** Every body an operation reads has an example, and its own schema accepts it. */
    @Test
    void everyRequestBodyHasAnExampleItsSchemaAccepts() {
        JsonNode docs = docs();
        OpenApiContract contract = OpenApiContract.of(api().base());
        forEachOperation(docs, (path, method, operation) -> {
            JsonNode json = operation.at("/requestBody/content/application~1json");
            if (json.isMissingNode()) {
                return;
            }
            assertThat(json.has("example"))
                    .as("an example for %s", operation.get("operationId"))
                    .isTrue();
            assertThat(contract.requestViolations(
                            path, method, json.get("example").toString()))
                    .as("the example of %s", operation.get("operationId"))
                    .isEmpty();
        });
    }

    /** Examples that name no record by id work when sent as they are. */
    @Test
    void examplesWorkWhenSentAsTheyAre() {
        JsonNode docs = docs();
        Api.Response created = admin().post("/api/v2/tickets", example(docs, "/api/v2/tickets", "post"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long ticket = created.json().at("/ticket/id").asLong();

        Api.Response updated =
                admin().put("/api/v2/tickets/" + ticket, example(docs, "/api/v2/tickets/{ticket_id}", "put"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().at("/ticket/status").asString()).isEqualTo("pending");

        try {
            Api.Response settings =
                    admin().put("/api/v2/account/settings", example(docs, "/api/v2/account/settings", "put"));
            assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        } finally {
            restoreDefaultSettings();
        }

        Api.Response token = admin().post("/api/v2/api_tokens", example(docs, "/api/v2/api_tokens", "post"));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        assertThat(admin().delete("/api/v2/api_tokens/"
                                + token.json().at("/api_token/id").asLong())
                        .status())
                .isEqualTo(204);
    }

    /** The contract catches what the description does not say (so a test that passes through it can fail). */
    @Test
    void theContractCatchesAnswersAndPathsTheDescriptionDoesNotDescribe() {
        OpenApiContract contract = OpenApiContract.of(api().base());
        Api.Response real = admin().get("/api/v2/groups/" + group(true));
        String group = real.body();
        URI show = URI.create(api().base() + "/api/v2/groups/1");

        assertThat(contract.violations("GET", show, null, real)).isEmpty();
        assertThat(contract.violations("GET", show, null, answer(200, group.replace("\"is_public\"", "\"isPublic\""))))
                .as("a renamed member")
                .isNotEmpty();
        assertThat(contract.violations(
                        "GET", show, null, answer(200, group.replace("\"group\":{", "\"group\":{\"x\":1,"))))
                .as("an added member")
                .isNotEmpty();
        assertThat(contract.violations("GET", show, null, answer(200, "{\"group\":{}}")))
                .as("missing members")
                .isNotEmpty();
        assertThat(contract.violations(
                        "GET", show, null, answer(200, group.replaceFirst("\"name\":\"[^\"]*\"", "\"name\":null"))))
                .as("a null the description does not allow")
                .isNotEmpty();
        assertThat(contract.violations("GET", show, null, answer(200, "")))
                .as("no body")
                .isNotEmpty();
        assertThat(contract.violations(
                        "GET",
                        show,
                        null,
                        new Api.Response(
                                200,
                                HttpHeaders.of(Map.of("Content-Type", List.of("text/html")), (name, value) -> true),
                                "<html>")))
                .as("another media type")
                .isNotEmpty();
        assertThat(contract.violations("GET", show, null, answer(418, "{}")))
                .as("a status not documented")
                .isNotEmpty();
        assertThat(contract.violations(
                        "GET", URI.create(api().base() + "/api/v2/groups/1/nothing"), null, answer(200, "{}")))
                .as("a path not documented")
                .isNotEmpty();
        assertThat(contract.violations("PATCH", show, null, answer(200, group)))
                .as("a method not documented")
                .isNotEmpty();
        assertThat(contract.violations("PUT", show, "{\"group\": {\"name\": 7}}", answer(200, group)))
                .as("an accepted request the description refuses")
                .isNotEmpty();
        assertThat(contract.violations("GET", show, null, answer(404, "{\"title\":\"Not Found\",\"status\":404}")))
                .as("a problem without its error member")
                .isNotEmpty();
    }

    private static Api.Response answer(int status, String body) {
        return new Api.Response(
                status,
                HttpHeaders.of(
                        Map.of(
                                "Content-Type",
                                List.of(status >= 400 ? "application/problem+json" : "application/json")),
                        (name, value) -> true),
                body);
    }

    @Test
    void everyPathAlsoAnswersWithTheJsonSuffix() {
        JsonNode docs = docs();
        for (String path : docs.get("paths").propertyNames()) {
            if (path.contains("{") || !docs.get("paths").get(path).has("get") || path.endsWith("/search")) {
                continue;
            }
            Api.Response plain = admin().get(path);
            Api.Response suffixed = admin().get(path + ".json");
            assertThat(suffixed.status()).as("%s.json", path).isEqualTo(plain.status());
            assertThat(suffixed.json().propertyNames())
                    .as("%s.json", path)
                    .isEqualTo(plain.json().propertyNames());
        }
    }

    private static String example(JsonNode docs, String path, String method) {
        return docs.at("/paths/" + OpenApiContract.escape(path) + "/" + method
                        + "/requestBody/content/application~1json/example")
                .toString();
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> {
            if (!value.isNull()) {
                values.add(value.asString());
            }
        });
        return values;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref") && entry.getValue().isString()) {
                    refs.add(entry.getValue().asString());
                } else {
                    collectRefs(entry.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }

    private interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private static void forEachOperation(JsonNode docs, OperationVisitor visitor) {
        docs.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(method -> {
                    if (METHODS.contains(method.getKey())) {
                        visitor.visit(path.getKey(), method.getKey(), method.getValue());
                    }
                }));
    }
}
