package io.sidedesk.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the security suites share beyond {@link ApiTestSupport}'s fixtures: tickets made through the API, the
 * error-shape rules every refusal must keep, and a raw socket for requests no well-behaved client would send.
 * The matrix and the hostile input suites build their fixtures once per class, with child tickets on, and
 * put the settings back after their last test.
 */
abstract class SecurityTestSupport extends ApiTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    // ---- fixtures -----------------------------------------------------------------------------------------

    /** A response that must be a success: its JSON. */
    static JsonNode ok(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response.json();
    }

    /** A ticket the admin creates with these fields (a comment is added when none is given): its id. */
    long ticket(Map<String, Object> fields) {
        Map<String, Object> ticket = new LinkedHashMap<>(fields);
        ticket.putIfAbsent("comment", Map.of("body", "Fixture ticket " + unique("c")));
        return ok(admin().post("/api/v2/tickets", Map.of("ticket", ticket)), 201)
                .at("/ticket/id")
                .asLong();
    }

    static Map<String, Object> comment(String body, boolean isPublic) {
        return Map.of("comment", Map.of("body", body, "public", isPublic));
    }

    /** A marker: lower-case letters, digits and dashes only, so JSON, HTML escaping and tags keep it verbatim. */
    static String marker(String what) {
        return "mk-" + what + "-"
                + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    // ---- the error shape --------------------------------------------------------------------------------------

    /**
     * How a response breaks the dialect's error rules, if it does: never a 5xx; every 4xx is
     * {@code application/problem+json} with an {@code error} member and its own status; a 422 names at least
     * one field in {@code details} (README, "The dialect"). Empty when the response keeps the rules.
     */
    static List<String> errorShapeViolations(int status, String contentType, String body) {
        List<String> violations = new ArrayList<>();
        if (status >= 500) {
            violations.add("a server error " + status);
            return violations;
        }
        if (status < 400) {
            return violations;
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            violations.add(status + " is not application/problem+json but " + contentType);
            return violations;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (RuntimeException e) {
            violations.add(status + " problem body is not JSON");
            return violations;
        }
        JsonNode error = json.get("error");
        if (error == null
                || error.isNull()
                || (error.isString() && error.asString().isBlank())) {
            violations.add(status + " has no error member");
        }
        if (json.path("status").asInt() != status) {
            violations.add(status + " problem says status " + json.path("status"));
        }
        if (status == 422 && !namesAField(json.get("details"))) {
            violations.add("422 without details naming a field");
        }
        return violations;
    }

    static List<String> errorShapeViolations(Api.Response response) {
        return errorShapeViolations(response.status(), response.contentType(), response.body());
    }

    private static boolean namesAField(JsonNode details) {
        if (details == null || !details.isObject() || details.isEmpty()) {
            return false;
        }
        for (String field : details.propertyNames()) {
            JsonNode descriptions = details.get(field);
            if (field.isBlank()
                    || !descriptions.isArray()
                    || descriptions.isEmpty()
                    || descriptions.get(0).path("description").asString("").isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** 422 RecordInvalid whose details name exactly the given field (among possibly others). */
    static void assertInvalidNaming(Api.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(errorShapeViolations(response)).as(response.toString()).isEmpty();
        assertThat(response.json().get("error").asString()).isEqualTo("RecordInvalid");
        assertThat(response.json().get("details").has(field))
                .as("details name %s: %s", field, response)
                .isTrue();
    }

    // ---- raw HTTP ---------------------------------------------------------------------------------------------

    /** A response read off a raw socket. */
    record RawResponse(int status, Map<String, String> headers, String body) {

        String contentType() {
            return headers.get("content-type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /**
     * Sends a request exactly as written (request line, headers and body are not checked or encoded), so
     * the server, not the client library, decides what to make of it. {@code Connection: close} is added.
     */
    RawResponse raw(String method, String target, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket("localhost", port())) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n")
                    .append("Host: localhost:")
                    .append(port())
                    .append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            request.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                request.write(body);
            }
            socket.getOutputStream().write(request.toByteArray());
            socket.getOutputStream().flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("No HTTP response to " + method + " " + target + ": " + e, e);
        }
    }

    private static RawResponse parse(byte[] bytes) throws IOException {
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("no complete response head in " + bytes.length + " bytes");
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rest = dechunk(rest);
        }
        return new RawResponse(status, headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            String hex = size.toString().split(";")[0].trim();
            if (hex.isEmpty()) {
                return out.toByteArray();
            }
            int length = Integer.parseInt(hex, 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.read();
            in.read(); // the CRLF after the chunk
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
