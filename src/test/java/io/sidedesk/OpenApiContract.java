package io.sidedesk;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI description ({@code /v3/api-docs}) held against the wire. Every exchange a test makes through
 * {@link Api} is checked here:
 * <ul>
 * <li>a 2xx answer comes from a documented path and method;</li>
 * <li>an answer to a documented operation has a documented status, a documented media type, and a body its
 * schema accepts, with no member the schema does not name (answers are held strictly, though the description
 * leaves them open, so that a renamed or added member is caught);</li>
 * <li>a request body the service accepted (2xx) is one the operation's request schema accepts.</li>
 * </ul>
 * So the description cannot drift from what the service reads and writes: the first test whose request or answer
 * it no longer describes fails, naming the operation, the status and what differs. Query parameters and headers
 * are not checked. {@code -Dsidedesk.contract=report} writes what it finds to
 * {@code target/contract-violations.txt} instead of failing (to survey a change to the description).
 */
public final class OpenApiContract {

    private static final String DOCUMENT = "https://sidedesk.test/v3/api-docs";

    private static final Map<String, OpenApiContract> BY_BASE = new ConcurrentHashMap<>();

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<Template> templates = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(String text) {
        this.document = Api.JSON.readTree(text);
        JsonNode strict = document.deepCopy();
        strictAnswers(strict);
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(DOCUMENT, Api.JSON.writeValueAsString(strict))));
        for (String path : document.get("paths").propertyNames()) {
            templates.add(new Template(path));
        }
        // A literal segment wins over a variable: /tickets/show_many is not /tickets/{ticket_id}.
        templates.sort(Comparator.comparingInt(Template::variables));
    }

    /** The description the service at {@code base} publishes, read once. */
    public static OpenApiContract of(String base) {
        return BY_BASE.computeIfAbsent(base, key -> {
            Api.Response docs = Api.at(URI.create(key).getPort())
                    .anonymous()
                    .withoutContract()
                    .get("/v3/api-docs");
            if (docs.status() != 200) {
                throw new AssertionError("/v3/api-docs answered " + docs);
            }
            return new OpenApiContract(docs.body());
        });
    }

    /** The description as published. */
    public JsonNode document() {
        return document;
    }

    /** What in this exchange the description does not describe; empty when it does. */
    public List<String> violations(String method, URI uri, String requestBody, Api.Response response) {
        String path = uri.getRawPath();
        int status = response.status();
        boolean success = status >= 200 && status < 300;
        if (!path.startsWith("/api/v2/") || method.equals("OPTIONS")) {
            return List.of();
        }
        if (path.endsWith(".json")) {
            path = path.substring(0, path.length() - ".json".length());
        }
        String decoded = decode(path);
        Template template =
                templates.stream().filter(t -> t.matches(decoded)).findFirst().orElse(null);
        if (template == null) {
            return success
                    ? List.of(method + " " + path + ": answered " + status + ", but no path describes it")
                    : List.of();
        }
        String operationPointer = "/paths/" + escape(template.path) + "/" + method.toLowerCase();
        JsonNode operation = document.at(operationPointer);
        if (operation.isMissingNode()) {
            return success
                    ? List.of(method + " " + template.path + ": answered " + status
                            + ", but the description has no such operation")
                    : List.of();
        }
        String name = method + " " + template.path + " ("
                + operation.path("operationId").asString() + ")";
        List<String> violations = new ArrayList<>();
        if (success && requestBody != null && !requestBody.isBlank()) {
            if (operation.at("/requestBody/content/application~1json/schema").isMissingNode()) {
                violations.add(name + ": a body was accepted, but the operation documents none");
            } else {
                check(
                        violations,
                        name + " request",
                        operationPointer + "/requestBody/content/application~1json/schema",
                        requestBody);
            }
        }
        String responsePointer = operationPointer + "/responses/" + status;
        JsonNode answer = document.at(responsePointer);
        if (answer.isMissingNode()) {
            violations.add(name + ": answered " + status + ", which it does not document");
            return violations;
        }
        if (answer.has("$ref")) {
            responsePointer = answer.get("$ref").asString().substring(1);
            answer = document.at(responsePointer);
        }
        String body = response.body();
        JsonNode content = answer.path("content");
        if (body == null || body.isBlank()) {
            if (success && !content.isMissingNode() && !content.isEmpty() && !method.equals("HEAD")) {
                violations.add(name + ": answered " + status + " without the body it documents");
            }
            return violations;
        }
        if (content.isMissingNode() || content.isEmpty()) {
            violations.add(name + ": answered " + status + " with a body, which it does not document");
            return violations;
        }
        if (response.contentType() == null) {
            violations.add(name + ": answered " + status + " with a body but no Content-Type");
            return violations;
        }
        String mediaType = response.contentType().split(";")[0].trim();
        if (!content.has(mediaType)) {
            violations.add(
                    name + ": answered " + status + " as " + mediaType + ", documented as " + content.propertyNames());
            return violations;
        }
        check(
                violations,
                name + " " + status + " answer",
                responsePointer + "/content/" + escape(mediaType) + "/schema",
                body);
        return violations;
    }

    /** What in this request body the operation's request schema does not accept. */
    public List<String> requestViolations(String template, String method, String requestBody) {
        List<String> violations = new ArrayList<>();
        check(
                violations,
                method + " " + template + " request",
                "/paths/" + escape(template) + "/" + method.toLowerCase()
                        + "/requestBody/content/application~1json/schema",
                requestBody);
        return violations;
    }

    private void check(List<String> violations, String what, String pointer, String json) {
        Schema schema = schemas.computeIfAbsent(
                pointer, key -> registry.getSchema(SchemaLocation.of(DOCUMENT + "#" + encodeFragment(key))));
        // The service reads a body that starts with a byte order mark, as RFC 8259 lets it.
        List<Error> errors = schema.validate(Api.JSON.readTree(json.startsWith("\uFEFF") ? json.substring(1) : json));
        if (!errors.isEmpty()) {
            violations.add(what + " does not match " + pointer + ": "
                    + errors.stream().limit(5).map(Error::toString).toList() + " in " + abbreviate(json));
        }
    }

    /**
     * Answers' schemas closed: an object member no schema names is a violation. A schema that combines others
     * ({@code allOf}: a list's page) is closed as a whole, not its parts.
     */
    private static void strictAnswers(JsonNode document) {
        Set<String> visited = new HashSet<>();
        document.get("paths")
                .forEach(path -> path.forEach(
                        operation -> operation.path("responses").forEach(response -> response.path("content")
                                .forEach(media -> close(media.get("schema"), false, document, visited)))));
        document.at("/components/responses").forEach(response -> response.path("content")
                .forEach(media -> close(media.get("schema"), false, document, visited)));
    }

    private static void close(JsonNode schema, boolean part, JsonNode document, Set<String> visited) {
        if (!(schema instanceof ObjectNode node)) {
            return;
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asString();
            if (visited.add(ref + part)) {
                close(document.at(ref.substring(1)), part, document, visited);
            }
            return;
        }
        if (node.has("allOf")) {
            node.put("unevaluatedProperties", false);
            node.get("allOf").forEach(branch -> close(branch, true, document, visited));
        }
        if (node.has("properties")) {
            if (!part && !node.has("additionalProperties")) {
                node.put("unevaluatedProperties", false);
            }
            node.get("properties").forEach(property -> close(property, false, document, visited));
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            node.path(combinator).forEach(branch -> close(branch, false, document, visited));
        }
        close(node.get("items"), false, document, visited);
    }

    /** A JSON pointer segment: {@code /} and {@code ~} escaped. */
    public static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static String encodeFragment(String pointer) {
        return pointer.replace("{", "%7B").replace("}", "%7D");
    }

    private static String abbreviate(String json) {
        return json.length() > 600 ? json.substring(0, 600) + "..." : json;
    }

    /** The path as the service routes it; a path that cannot be decoded is matched as sent. */
    private static String decode(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }

    private record Template(String path, Pattern pattern, int variables) {

        Template(String path) {
            this(path, Pattern.compile(path.replaceAll("\\{[^}]+}", "[^/]+")), (int)
                    path.chars().filter(c -> c == '{').count());
        }

        boolean matches(String concrete) {
            return pattern.matcher(concrete).matches();
        }
    }
}
