package io.sidedesk;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description ({@code /v3/api-docs}) held against the wire. Every exchange a test makes through
 * {@link Api} is checked here: an answer to a documented operation must have a documented status and a body
 * its schema accepts, and a request the service accepted (2xx) must have had a body the operation's request
 * schema accepts. So the description cannot drift from what the service reads and writes: the first test
 * whose request or answer it no longer describes fails, naming the operation, the status and what differs.
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
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(DOCUMENT, text)));
        for (String path : document.get("paths").propertyNames()) {
            templates.add(new Template(path));
        }
        // A literal segment wins over a variable: /tickets/show_many is not /tickets/{ticket_id}.
        templates.sort(Comparator.comparingInt(Template::variables));
    }

    /** The description the service at {@code base} publishes, read once. */
    public static OpenApiContract of(String base) {
        return BY_BASE.computeIfAbsent(base, key -> {
            Api.Response docs = Api.at(URI.create(key).getPort()).anonymous().withoutContract().get("/v3/api-docs");
            if (docs.status() != 200) {
                throw new AssertionError("/v3/api-docs answered " + docs);
            }
            return new OpenApiContract(docs.body());
        });
    }

    public JsonNode document() {
        return document;
    }

    /** What in this exchange the description does not describe; empty when it does. */
    public List<String> violations(String method, URI uri, String requestBody, Api.Response response) {
        String path = uri.getRawPath();
        if (!path.startsWith("/api/v2/")) {
            return List.of();
        }
        if (path.endsWith(".json")) {
            path = path.substring(0, path.length() - ".json".length());
        }
        String decoded = URLDecoderSafe.decode(path);
        Template template = templates.stream().filter(t -> t.matches(decoded)).findFirst().orElse(null);
        if (template == null) {
            return List.of();
        }
        String operationPointer = "/paths/" + escape(template.path) + "/" + method.toLowerCase();
        JsonNode operation = document.at(operationPointer);
        if (operation.isMissingNode()) {
            return List.of();
        }
        String name = method + " " + template.path + " (" + operation.path("operationId").asString() + ")";
        List<String> violations = new ArrayList<>();
        int status = response.status();
        if (status >= 200 && status < 300 && requestBody != null && !requestBody.isBlank()) {
            JsonNode schema = operation.at("/requestBody/content/application~1json/schema");
            if (schema.isMissingNode()) {
                violations.add(name + ": a body was accepted, but the operation documents none");
            } else {
                check(violations, name + " request", operationPointer + "/requestBody/content/application~1json/schema",
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
        if (body == null || body.isBlank()) {
            return violations;
        }
        if (response.contentType() == null) {
            violations.add(name + ": answered " + status + " with a body but no Content-Type");
            return violations;
        }
        String mediaType = response.contentType().split(";")[0].trim();
        if (!mediaType.endsWith("json")) {
            return violations;
        }
        if (!answer.path("content").has(mediaType)) {
            violations.add(name + ": answered " + status + " as " + mediaType + ", documented as "
                    + answer.path("content").propertyNames());
            return violations;
        }
        check(violations, name + " " + status + " answer",
                responsePointer + "/content/" + escape(mediaType) + "/schema", body);
        return violations;
    }

    /** What in this request body the operation's request schema does not accept. */
    public List<String> requestViolations(String template, String method, String requestBody) {
        List<String> violations = new ArrayList<>();
        check(violations, method + " " + template + " request", "/paths/" + escape(template) + "/"
                + method.toLowerCase() + "/requestBody/content/application~1json/schema", requestBody);
        return violations;
    }

    private void check(List<String> violations, String what, String pointer, String json) {
        Schema schema = schemas.computeIfAbsent(pointer,
                key -> registry.getSchema(SchemaLocation.of(DOCUMENT + "#" + encodeFragment(key))));
        // The service reads a body that starts with a byte order mark, as RFC 8259 lets it.
        List<Error> errors = schema.validate(Api.JSON.readTree(json.startsWith("\uFEFF") ? json.substring(1) : json));
        if (!errors.isEmpty()) {
            violations.add(what + " does not match " + pointer + ": " + errors.stream().limit(5)
                .map(Error::toString).toList() + " in " + abbreviate(json));
        }
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

    private record Template(String path, Pattern pattern, int variables) {

        Template(String path) {
            this(path, Pattern.compile(path.replaceAll("\\{[^}]+}", "[^/]+")),
                    (int) path.chars().filter(c -> c == '{').count());
        }

        boolean matches(String concrete) {
            return pattern.matcher(concrete).matches();
        }
    }

    private static final class URLDecoderSafe {

        static String decode(String path) {
            try {
                return java.net.URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return path;
            }
        }
    }
}
