package io.sidedesk.webhook;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.sidedesk.web.Patch;
import io.sidedesk.web.RecordInvalid;

/**
 * A webhook's members as sent, merged with what it had (PATCH) or with the defaults (POST, PUT), and checked: every
 * refusal names its member ({@code endpoint}, {@code authentication.data.token}, {@code custom_headers.X-Team}),
 * all of them at once, and nothing is written. Endpoints pass the SSRF rules for saving ({@link EndpointGuard}).
 */
@Component
class WebhookFields {

    static final int MAX_SUBSCRIPTIONS = 30;
    static final int MAX_HEADERS = 5;
    static final int MAX_HEADER_NAME = 128;
    static final int MAX_VALUE = 1000;

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> EVENT_TYPES = Set.copyOf(EventTypes.ALL);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    // What an HTTP header carries as it is: visible ASCII and Latin-1 (anything else would be sent as '?').
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E\\u00A0-\\u00FF]*");
    /** Headers Sidedesk sets, and those of the connection itself, which no webhook may send its own of. */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "authorization",
            "content-type",
            "content-length",
            "host",
            "user-agent",
            "connection",
            "transfer-encoding",
            "te",
            "trailer",
            "upgrade",
            "keep-alive",
            "expect",
            "proxy-authorization");

    /** Each authentication type's data members, in the order they are checked. */
    private static final Map<String, List<String>> AUTHENTICATION = Map.of(
            "basic_auth", List.of("username", "password"),
            "bearer_token", List.of("token"),
            "api_key", List.of("name", "value"));

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private final EndpointGuard guard;
    private final JsonMapper json;

    WebhookFields(EndpointGuard guard, JsonMapper json) {
        this.guard = guard;
        this.json = json;
    }

    /** The members of a new webhook, or of one replaced whole (PUT: {@code stored} keeps credentials resent bare). */
    Webhook.Fields whole(WebhookRequest.Fields sent, Webhook.Fields stored) {
        Errors errors = new Errors();
        WebhookRequest.Fields complete = new WebhookRequest.Fields(
                required(sent.name(), "name", errors),
                sent.description(),
                sent.status().isSent() ? sent.status() : Patch.of("active"),
                required(sent.endpoint(), "endpoint", errors),
                sent.httpMethod().isSent() ? sent.httpMethod() : Patch.of("POST"),
                sent.requestFormat().isSent() ? sent.requestFormat() : Patch.of("json"),
                required(sent.subscriptions(), "subscriptions", errors),
                sent.authentication(),
                sent.customHeaders());
        return check(complete, stored, false, errors);
    }

    /** The stored members with those sent in a merge patch. */
    Webhook.Fields patched(WebhookRequest.Fields sent, Webhook.Fields stored) {
        return check(sent, stored, true, new Errors());
    }

    private static <T> Patch<T> required(Patch<T> member, String name, Errors errors) {
        if (!member.isSent()) {
            errors.add(name, "is required");
        }
        return member;
    }

    private Webhook.Fields check(WebhookRequest.Fields sent, Webhook.Fields stored, boolean patch, Errors errors) {
        Webhook.Fields base = stored;
        String name = text(sent.name(), patch ? base.name() : null, "name", 255, true, errors);
        String description =
                text(sent.description(), patch ? base.description() : null, "description", 1000, false, errors);
        String status =
                choice(sent.status(), patch ? base.status() : null, "status", Set.of("active", "inactive"), errors);
        String endpoint = endpoint(sent.endpoint(), patch ? base.endpoint() : null, errors);
        String method = choice(sent.httpMethod(), patch ? base.httpMethod() : null, "http_method", METHODS, errors);
        String format = choice(
                sent.requestFormat(), patch ? base.requestFormat() : null, "request_format", Set.of("json"), errors);
        List<String> subscriptions = subscriptions(sent.subscriptions(), patch ? base.subscriptions() : null, errors);
        if (method != null
                && subscriptions != null
                && !"POST".equals(method)
                && !subscriptions.equals(List.of(EventTypes.CONDITIONAL_TICKET_EVENTS))) {
            errors.add("http_method", "must be POST for a webhook subscribed to events");
        }
        String[] authentication = authentication(sent.authentication(), stored, patch, errors);
        if (stored != null
                && stored.authData() != null
                && Objects.equals(authentication[1], stored.authData())
                && endpoint != null
                && !sameOrigin(endpoint, stored.endpoint())) {
            // Credentials go only where they were given for: an endpoint moved elsewhere needs them sent again.
            errors.add("authentication", "must be sent again with its data: the endpoint moves to another host");
        }
        String headers =
                headers(sent.customHeaders(), patch && stored != null ? stored.customHeaders() : "{}", patch, errors);
        errors.throwIfAny();
        return new Webhook.Fields(
                name,
                description,
                status,
                endpoint,
                method,
                format,
                subscriptions,
                authentication[0],
                authentication[1],
                headers);
    }

    private static String text(
            Patch<String> sent, String current, String member, int max, boolean required, Errors errors) {
        String value = sent.orElse(current);
        if (value == null || value.isBlank()) {
            if (required && sent.isSent()) {
                errors.add(member, "is required");
            }
            return null;
        }
        value = value.strip();
        if (value.length() > max) {
            errors.add(member, "must be at most " + max + " characters");
        }
        return value;
    }

    private static String choice(
            Patch<String> sent, String current, String member, Set<String> allowed, Errors errors) {
        String value = sent.orElse(current);
        if (value == null || !allowed.contains(value)) {
            errors.add(member, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
            return null;
        }
        return value;
    }

    private String endpoint(Patch<String> sent, String current, Errors errors) {
        String value = sent.orElse(current);
        if (value == null || value.isBlank()) {
            if (sent.isSent()) {
                errors.add("endpoint", "is required");
            }
            return null;
        }
        String endpoint = value.strip();
        EndpointGuard.syntaxProblem(endpoint)
                .or(() -> guard.refusalWhenSaved(URI.create(endpoint)))
                .ifPresent(problem -> errors.add("endpoint", problem));
        return endpoint;
    }

    private static List<String> subscriptions(Patch<List<String>> sent, List<String> current, Errors errors) {
        List<String> value = sent.orElse(current);
        if (value == null || value.isEmpty()) {
            if (sent.isSent()) {
                errors.add("subscriptions", "must name at least one event type");
            }
            return null;
        }
        if (value.size() > MAX_SUBSCRIPTIONS) {
            errors.add("subscriptions", "names at most " + MAX_SUBSCRIPTIONS + " event types");
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String type = value.get(i);
            String place = "subscriptions[" + i + "]";
            if (type == null) {
                errors.add(place, "cannot be null");
            } else if (EventTypes.CONDITIONAL_TICKET_EVENTS.equals(type)) {
                if (value.size() > 1) {
                    errors.add(place, "conditional_ticket_events is a webhook's only subscription");
                }
            } else if (!EVENT_TYPES.contains(type)) {
                errors.add(
                        place,
                        "is not an event type: " + String.join(", ", EventTypes.ALL)
                                + ", or conditional_ticket_events");
            } else if (!seen.add(type)) {
                errors.add(place, "names " + type + " twice");
            }
        }
        return value.stream().anyMatch(Objects::isNull) ? null : List.copyOf(value);
    }

    /** The type and the data (JSON) to store. */
    private String[] authentication(
            Patch<WebhookRequest.Authentication> sent, Webhook.Fields stored, boolean patch, Errors errors) {
        if (!sent.isSent()) {
            return patch ? new String[] {stored.authType(), stored.authData()} : new String[] {null, null};
        }
        WebhookRequest.Authentication given = sent.value();
        if (given == null) {
            return new String[] {null, null};
        }
        List<String> members = given.type() == null ? null : AUTHENTICATION.get(given.type());
        if (members == null) {
            errors.add("authentication.type", "must be one of api_key, basic_auth, bearer_token");
            return new String[] {null, null};
        }
        if (given.addPosition() != null && !"header".equals(given.addPosition())) {
            errors.add("authentication.add_position", "must be header");
        }
        if (given.data() == null && stored != null && given.type().equals(stored.authType())) {
            return new String[] {stored.authType(), stored.authData()};
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (String member : members) {
            String value = given.data() == null ? null : given.data().get(member);
            String place = "authentication.data." + member;
            if (value == null || value.isEmpty()) {
                errors.add(place, "is required for " + given.type());
            } else if (value.length() > MAX_VALUE || !PRINTABLE.matcher(value).matches()) {
                errors.add(place, "must be 1 to " + MAX_VALUE + " printable characters");
            } else if ("api_key".equals(given.type()) && "name".equals(member) && !headerName(value)) {
                errors.add(place, "must be a header name (letters, digits and !#$%&'*+.^_`|~-)");
            } else if ("api_key".equals(given.type()) && "name".equals(member) && reserved(value)) {
                errors.add(place, "is a header Sidedesk sets itself");
            } else {
                data.put(member, value);
            }
        }
        return new String[] {given.type(), json.writeValueAsString(data)};
    }

    /** The custom headers to store (JSON); on PATCH merged into the stored ones (a null value removes a header). */
    private String headers(Patch<Map<String, String>> sent, String stored, boolean patch, Errors errors) {
        if (!sent.isSent()) {
            return stored;
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (patch && sent.value() != null) {
            headers.putAll(json.readValue(stored, STRINGS));
        }
        if (sent.value() != null) {
            sent.value().forEach((name, value) -> {
                String place = "custom_headers." + name;
                if (value == null) {
                    headers.remove(name);
                } else if (name.length() > MAX_HEADER_NAME || !headerName(name)) {
                    errors.add(
                            place,
                            "must be a header name of at most " + MAX_HEADER_NAME
                                    + " characters (letters, digits and !#$%&'*+.^_`|~-)");
                } else if (reserved(name)) {
                    errors.add(place, "is set by Sidedesk and cannot be sent as a custom header");
                } else if (value.length() > MAX_VALUE
                        || !PRINTABLE.matcher(value).matches()) {
                    errors.add(place, "must be at most " + MAX_VALUE + " printable characters");
                } else {
                    headers.put(name, value);
                }
            });
        }
        if (headers.size() > MAX_HEADERS) {
            errors.add("custom_headers", "holds at most " + MAX_HEADERS + " headers");
        }
        return json.writeValueAsString(new LinkedHashMap<>(headers));
    }

    /** Whether two endpoints have the same scheme, host and port. */
    static boolean sameOrigin(String one, String other) {
        try {
            URI a = URI.create(one);
            URI b = URI.create(other);
            return Objects.equals(a.getScheme(), b.getScheme())
                    && a.getHost() != null
                    && a.getHost().equalsIgnoreCase(b.getHost())
                    && port(a) == port(b);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    static boolean headerName(String name) {
        return TOKEN.matcher(name).matches();
    }

    static boolean printable(String value) {
        return value.length() <= MAX_VALUE && PRINTABLE.matcher(value).matches();
    }

    static boolean reserved(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return RESERVED_HEADERS.contains(name) || name.startsWith("x-zendesk-") || name.startsWith("x-sidedesk-");
    }

    /** Refusals gathered across members, thrown together. */
    private static final class Errors {

        private final Map<String, List<String>> details = new LinkedHashMap<>();

        void add(String member, String message) {
            details.computeIfAbsent(member, m -> new ArrayList<>()).add(message);
        }

        void throwIfAny() {
            if (!details.isEmpty()) {
                throw new RecordInvalid(details);
            }
        }
    }
}
