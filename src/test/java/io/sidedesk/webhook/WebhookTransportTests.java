package io.sidedesk.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sidedesk.webhook.WebhookTransport.Request;
import io.sidedesk.webhook.WebhookTransport.Result;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transport against a real HTTP server on 127.0.0.1, the one address allowed. Names resolve through a fake DNS:
 * {@code hooks.test} to 127.0.0.1, {@code internal.test} to 127.0.0.2. Timeouts are deadlines, not speed: the margins
 * are many times the timeout.
 */
class WebhookTransportTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private WebhookTransport transport;

    record Received(String method, String path, Headers headers, byte[] body) {}

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes()));
            handlers.getOrDefault(exchange.getRequestURI().getPath(), ex -> respond(ex, 200, "ok"))
                    .handle(exchange);
        });
        server.start();
        transport = transport(List.of("127.0.0.1"), TIMEOUT);
    }

    @AfterEach
    void stopServer() {
        transport.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void theResponsesStatusHeadersAndBodyAreCapturedAndTheRequestSentAsGiven_B2() {
        handlers.put("/hook", exchange -> {
            exchange.getResponseHeaders().add("X-Receiver", "Yes");
            respond(exchange, 201, "thanks, got it");
        });
        byte[] body = "{\"ticket\":{\"id\":42}}".getBytes(StandardCharsets.UTF_8);

        Result result = transport.send(new Request(
                "POST",
                url("127.0.0.1", "/hook"),
                List.of(
                        Map.entry("Content-Type", "application/json; charset=utf-8"),
                        Map.entry("User-Agent", "Sidedesk-Webhook"),
                        Map.entry("X-Zendesk-Webhook-Id", "01HW")),
                body));

        assertThat(result.status()).isEqualTo(201);
        assertThat(result.headers()).contains(Map.entry("x-receiver", "Yes"));
        assertThat(result.body()).isEqualTo("thanks, got it");
        assertThat(result.error()).isNull();
        assertThat(result.refused()).isFalse();
        assertThat(result.retryAfter()).isNull();
        assertThat(result.durationMs()).isGreaterThanOrEqualTo(0);
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo(body);
        assertThat(request.headers().get("User-Agent")).containsExactly("Sidedesk-Webhook");
        assertThat(request.headers().get("Content-Type")).containsExactly("application/json; charset=utf-8");
        assertThat(request.headers().get("X-Zendesk-Webhook-Id")).containsExactly("01HW");
    }

    @Test
    void aClosedTransportAnswersWithAResultAndSendsNothing_B2() {
        Result before = transport.send(new Request("GET", url("127.0.0.1", "/plain"), List.of(), null));
        transport.close();
        Result after = transport.send(new Request("GET", url("127.0.0.1", "/plain"), List.of(), null));
        WebhookTransport unused = transport(List.of("127.0.0.1"), TIMEOUT);
        unused.close(); // never sent: nothing was made to close
        Result never = unused.send(new Request("GET", url("127.0.0.1", "/plain"), List.of(), null));

        assertThat(before.status()).isEqualTo(200);
        assertThat(after.status()).isNull();
        assertThat(after.error()).isEqualTo("no HTTP client: the webhook transport is closed");
        assertThat(after.refused()).isFalse();
        assertThat(never.error()).isEqualTo("no HTTP client: the webhook transport is closed");
        assertThat(received).hasSize(1);
    }

    @Test
    void noHeaderIsAddedBeyondTheRequestsOwnAndWhatHttpRequires_B2() {
        Result get = transport.send(new Request("GET", url("127.0.0.1", "/plain"), List.of(), null));
        Result post = transport.send(new Request("POST", url("127.0.0.1", "/empty"), List.of(), null));

        assertThat(get.status()).isEqualTo(200);
        assertThat(post.status()).isEqualTo(200);
        assertThat(received.get(0).headers().keySet())
                .allSatisfy(name -> assertThat(name).isIn("Host", "Connection"));
        assertThat(received.get(1).headers().keySet()).allSatisfy(name -> assertThat(name)
                .isIn("Host", "Connection", "Content-length")); // as the JDK server spells them
        assertThat(received.get(1).headers().get("Content-Length")).containsExactly("0");
    }

    @Test
    void aLongBodyIsCutAt4000CharactersWithoutReadingItAll_B2() {
        handlers.put("/ascii", exchange -> respond(exchange, 500, "x".repeat(1_000_000)));
        handlers.put("/accents", exchange -> respond(exchange, 200, "é".repeat(10_000)));

        Result ascii = transport.send(new Request("POST", url("127.0.0.1", "/ascii"), List.of(), new byte[] {1}));
        Result accents = transport.send(new Request("POST", url("127.0.0.1", "/accents"), List.of(), new byte[] {1}));
        Result after = transport.send(new Request("GET", url("127.0.0.1", "/after"), List.of(), null));

        assertThat(ascii.status()).isEqualTo(500);
        assertThat(ascii.body()).isEqualTo("x".repeat(4_000));
        assertThat(accents.body()).isEqualTo("é".repeat(4_000));
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("ok");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDateFromTheClock_B2() {
        handlers.put("/seconds", exchange -> respondWithRetryAfter(exchange, "120"));
        handlers.put("/date", exchange -> respondWithRetryAfter(exchange, "Sat, 05 Dec 2026 10:02:30 GMT"));
        handlers.put("/past", exchange -> respondWithRetryAfter(exchange, "Sat, 05 Dec 2026 09:00:00 GMT"));
        handlers.put("/garbage", exchange -> respondWithRetryAfter(exchange, "soon"));
        handlers.put("/negative", exchange -> respondWithRetryAfter(exchange, "-5"));

        assertThat(retryAfterOf("/seconds")).isEqualTo(Duration.ofSeconds(120));
        assertThat(retryAfterOf("/date")).isEqualTo(Duration.ofSeconds(150));
        assertThat(retryAfterOf("/past")).isNull();
        assertThat(retryAfterOf("/garbage")).isNull();
        assertThat(retryAfterOf("/negative")).isNull();
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsATimeout_B2() {
        handlers.put("/slow", exchange -> {
            sleep(Duration.ofSeconds(30));
            respond(exchange, 200, "too late");
        });
        WebhookTransport impatient = transport(List.of("127.0.0.1"), Duration.ofMillis(300));

        Result result = impatient.send(new Request("POST", url("127.0.0.1", "/slow"), List.of(), new byte[] {1}));
        impatient.close();

        assertThat(result.status()).isNull();
        assertThat(result.error()).isEqualTo("timed out after 300ms");
        assertThat(result.refused()).isFalse();
        assertThat(result.durationMs()).isLessThan(20_000);
    }

    @Test
    void aBodyTrickledSlowerThanTheDeadlineIsCutOffThere_B2() {
        handlers.put("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 300);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 300; i++) {
                    out.write('.');
                    out.flush();
                    sleep(Duration.ofMillis(100));
                }
            }
        });
        WebhookTransport impatient = transport(List.of("127.0.0.1"), Duration.ofMillis(500));

        Result result = impatient.send(new Request("GET", url("127.0.0.1", "/trickle"), List.of(), null));
        impatient.close();

        // Each byte comes well within the socket timeout; the whole body would take 30 s.
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).hasSizeLessThan(300);
        assertThat(result.durationMs()).isLessThan(20_000);
    }

    @Test
    void aClosedPortIsConnectionRefusedAndNoErrorCarriesAHeaderValue_B2() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }

        Result result = transport.send(new Request(
                "POST",
                URI.create("http://127.0.0.1:" + closedPort + "/hook"),
                List.of(Map.entry("Authorization", "Bearer s3cr3t-token")),
                new byte[] {1}));

        assertThat(result.status()).isNull();
        assertThat(result.error()).isEqualTo("connection refused");
        assertThat(result.refused()).isFalse();
        assertThat(result.headers()).isEmpty();
        assertThat(result.body()).isNull();
    }

    @Test
    void aRedirectIsReturnedAsItCameAndNotFollowed_B2() {
        handlers.put("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            respond(exchange, 302, "");
        });

        Result result = transport.send(new Request("POST", url("127.0.0.1", "/moved"), List.of(), new byte[] {1}));

        assertThat(result.status()).isEqualTo(302);
        assertThat(result.headers()).contains(Map.entry("location", "/elsewhere"));
        assertThat(received).extracting(Received::path).containsExactly("/moved");
    }

    @Test
    void aLiteralAddressNotAllowedIsRefusedWithoutConnecting_B2() {
        WebhookTransport guarded = transport(List.of(), TIMEOUT);

        Result result = guarded.send(new Request("POST", url("127.0.0.1", "/hook"), List.of(), new byte[] {1}));
        guarded.close();

        assertThat(result.refused()).isTrue();
        assertThat(result.status()).isNull();
        assertThat(result.error())
                .isEqualTo("refused: 127.0.0.1 is a loopback address; allow it with SIDEDESK_WEBHOOKS_ALLOWED_HOSTS");
        assertThat(received).isEmpty();
    }

    @Test
    void aNameResolvingToAnAddressNotAllowedIsRefused_B2() {
        Result result = transport.send(new Request("POST", url("internal.test", "/hook"), List.of(), new byte[] {1}));

        assertThat(result.refused()).isTrue();
        assertThat(result.error())
                .isEqualTo("refused: internal.test resolves to 127.0.0.2, a loopback address;"
                        + " allow it with SIDEDESK_WEBHOOKS_ALLOWED_HOSTS");
        assertThat(received).isEmpty();
    }

    @Test
    void theConnectionGoesToTheAddressTheGuardReturned_B2() {
        // hooks.test exists only in the fake DNS: the request can reach the server only through the guard's answer.
        Result result = transport.send(new Request("POST", url("hooks.test", "/hook"), List.of(), new byte[] {1}));

        assertThat(result.status()).isEqualTo(200);
        assertThat(received.get(0).headers().getFirst("Host")).isEqualTo("hooks.test:" + port());
    }

    @Test
    void anUnknownHostIsReportedAsSuch_B2() {
        Result result = transport.send(new Request("POST", url("nowhere.test", "/hook"), List.of(), new byte[] {1}));

        assertThat(result.status()).isNull();
        assertThat(result.error()).isEqualTo("unknown host nowhere.test");
        assertThat(result.refused()).isFalse();
    }

    @Test
    void theSignatureIsBase64OfHmacSha256OfTimestampThenBody_B2() throws Exception {
        String secret = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
        String timestamp = "2026-12-05T10:00:00Z";
        byte[] body = "{\"ticket\":{\"id\":42,\"subject\":\"Café\"}}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write(timestamp.getBytes(StandardCharsets.UTF_8));
        signed.write(body);
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(signed.toByteArray()));

        assertThat(WebhookTransport.signature(secret, timestamp, body))
                .isEqualTo(expected)
                // Computed once with Python's hmac module, the way receivers check it.
                .isEqualTo("AX1MfkG7fiiOd4aUJyXRqOpYzioEWr199/wxqPPMzuw=");
    }

    private WebhookTransport transport(List<String> allowed, Duration timeout) {
        EndpointGuard guard = new EndpointGuard(allowed, host -> switch (host) {
            case "hooks.test" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            case "internal.test" -> new InetAddress[] {InetAddress.getByName("127.0.0.2")};
            default -> throw new UnknownHostException(host);
        });
        return new WebhookTransport(guard, timeout, 2, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Duration retryAfterOf(String path) {
        return transport
                .send(new Request("POST", url("127.0.0.1", path), List.of(), new byte[] {1}))
                .retryAfter();
    }

    private URI url(String host, String path) {
        return URI.create("http://" + host + ":" + port() + path);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static void respondWithRetryAfter(HttpExchange exchange, String value) throws IOException {
        exchange.getResponseHeaders().add("Retry-After", value);
        respond(exchange, 429, "slow down");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // The client stopped reading, as it should for a long body.
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
