package io.sidedesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for tests: sends requests as a given caller and reads the JSON that comes back. */
public final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * An exchange the OpenAPI description does not describe fails its test ({@link OpenApiContract}); with
     * {@code -Dsidedesk.contract=report} it is only written down.
     */
    private static final boolean CONTRACT_REPORT_ONLY = "report".equals(System.getProperty("sidedesk.contract"));

    private final String base;
    private final Map<String, String> headers;
    private final boolean contract;

    private Api(String base, Map<String, String> headers, boolean contract) {
        this.base = base;
        this.headers = headers;
        this.contract = contract;
    }

    public static Api at(int port) {
        return new Api("http://localhost:" + port, Map.of(), true);
    }

    /**
     * Exchanges that are not held against the OpenAPI description ({@link OpenApiContract}): for requests no
     * client would make, such as bodies a test sends to prove they are refused.
     */
    public Api withoutContract() {
        return new Api(base, headers, false);
    }

    /** Basic {@code {email}/token:{token}}, as Zendesk clients send it. */
    public Api as(String email, String token) {
        return withHeader("Authorization", basic(email + "/token:" + token));
    }

    public Api bearer(String token) {
        return withHeader("Authorization", "Bearer " + token);
    }

    public Api withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(base, more, contract);
    }

    public Api anonymous() {
        Map<String, String> fewer = new LinkedHashMap<>(headers);
        fewer.remove("Authorization");
        return new Api(base, fewer, contract);
    }

    public String base() {
        return base;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a request; a String body goes as is, anything else as JSON. Paths may be absolute URLs. */
    public Response send(String method, String path, Object body) {
        String contentType = headers.getOrDefault("Content-Type", "application/json");
        return send(method, path, body, contentType);
    }

    public Response send(String method, String path, Object body, String contentType) {
        // java.net.URI refuses literal brackets (page[size]); send them encoded, as most clients do.
        String target = (path.startsWith("http") ? path : base + path)
                .replace("[", "%5B")
                .replace("]", "%5D");
        URI uri = URI.create(target);
        // A request that never completes fails its test instead of hanging the build.
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(90));
        headers.forEach((name, value) -> {
            if (!name.equals("Content-Type")) {
                request.header(name, value);
            }
        });
        String text = null;
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
            request.header("Content-Type", contentType);
            request.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        }
        try {
            Response response = new Response(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()));
            if (contract && "localhost".equals(uri.getHost()) && contentType.startsWith("application/json")) {
                holdToContract(method, uri, text, response);
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void holdToContract(String method, URI uri, String body, Response response) {
        List<String> violations =
                OpenApiContract.of("http://localhost:" + uri.getPort()).violations(method, uri, body, response);
        if (violations.isEmpty()) {
            return;
        }
        if (CONTRACT_REPORT_ONLY) {
            try {
                Files.writeString(
                        Path.of("target", "contract-violations.txt"),
                        String.join("\n", violations) + "\n",
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        throw new AssertionError("The OpenAPI description does not describe this exchange (see OpenApiContract):\n"
                + String.join("\n", violations));
    }

    /** Sends these bytes as the body, declared as {@code contentType} (which may name any charset). */
    public Response sendBytes(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(java.time.Duration.ofSeconds(90))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.equals("Content-Type")) {
                request.header(name, value);
            }
        });
        try {
            return new Response(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET written byte for byte on a socket, so the request line goes exactly as given (literal brackets). */
    public String rawGet(String pathAndQuery) {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n")
                    .append("Host: ")
                    .append(uri.getHost())
                    .append(':')
                    .append(uri.getPort())
                    .append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String basicHeaderFor(String credentials) {
        return basic(credentials);
    }

    static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** A response: status, headers and the body, parsed as JSON when it is JSON. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        Response(HttpResponse<String> response) {
            this(response.statusCode(), response.headers(), response.body());
        }

        public JsonNode json() {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
