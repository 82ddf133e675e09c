package io.sidedesk.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one webhook request and reports what came back, never throwing for network problems. Connections go only to
 * addresses the {@link EndpointGuard} checked (it is the client's DNS resolver, asked for literal addresses too); no
 * redirect is followed, nothing is retried, no cookie is kept and no header is added beyond the request's own and those
 * HTTP/1.1 requires (Host, Content-Length, Connection). The whole exchange gets {@code timeout} (so does each of
 * connecting and waiting for a response); at most {@value #MAX_BODY_BYTES} bytes of a response body are read.
 */
final class WebhookTransport implements AutoCloseable {

    static final int MAX_BODY_CHARS = 4_000;
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    /** One request as given: the transport adds no header of its own (no User-Agent either). */
    public record Request(String method, URI endpoint, List<Map.Entry<String, String>> headers, byte[] body) {}

    /**
     * What came of a request. With a response: its {@code status}, {@code headers} (names lower-cased), the first
     * {@value #MAX_BODY_CHARS} characters of its {@code body} ("" when none), and how long {@code Retry-After} asks to
     * wait (null when absent, unreadable or in the past); {@code error} is null. Without: {@code status}, {@code body} and
     * {@code retryAfter} are null and {@code error} is one line saying why, {@code refused} when the SSRF rule refused it.
     */
    public record Result(
            Integer status,
            List<Map.Entry<String, String>> headers,
            String body,
            Duration retryAfter,
            String error,
            boolean refused,
            long durationMs) {}

    private final EndpointGuard guard;
    private final int maxConnections;
    private final Duration timeout;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "webhook-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    // Made by the first request (guarded by this): an instance that never sends one never loads the TLS trust store.
    private CloseableHttpClient client;
    // Set by close(): no client is made after it.
    private boolean closed;

    WebhookTransport(EndpointGuard guard, Duration timeout, int maxConnections) {
        this(guard, timeout, maxConnections, Clock.systemUTC());
    }

    WebhookTransport(EndpointGuard guard, Duration timeout, int maxConnections, Clock clock) {
        if (timeout.isNegative() || timeout.isZero() || maxConnections < 1) {
            throw new IllegalArgumentException("timeout and maxConnections must be positive");
        }
        this.timeout = timeout;
        this.clock = clock;
        this.guard = guard;
        this.maxConnections = maxConnections;
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    private synchronized CloseableHttpClient client() {
        if (closed) {
            throw new IllegalStateException("the webhook transport is closed");
        }
        if (client == null) {
            Timeout limit = Timeout.ofMilliseconds(timeout.toMillis());
            client = HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setDnsResolver(new GuardedResolver(guard))
                            .setMaxConnTotal(maxConnections)
                            .setMaxConnPerRoute(maxConnections)
                            .setDefaultConnectionConfig(ConnectionConfig.custom()
                                    .setConnectTimeout(limit)
                                    .setSocketTimeout(limit)
                                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                    .build())
                            .build())
                    .setDefaultRequestConfig(RequestConfig.custom()
                            .setConnectionRequestTimeout(limit)
                            .setResponseTimeout(limit)
                            .setRedirectsEnabled(false)
                            .setAuthenticationEnabled(false)
                            .setContentCompressionEnabled(false)
                            .setProtocolUpgradeEnabled(false)
                            .build())
                    .disableRedirectHandling()
                    .disableAutomaticRetries()
                    .disableCookieManagement()
                    .disableAuthCaching()
                    .disableContentCompression()
                    .disableDefaultUserAgent()
                    .build();
        }
        return client;
    }

    /** Sends the request; every outcome, a refusal or a network failure included, is a {@link Result}. */
    Result send(Request request) {
        CloseableHttpClient httpClient;
        try {
            httpClient = client(); // before the deadline starts: making it (the first time) is not the exchange
        } catch (RuntimeException e) { // closed, or the JVM's TLS set-up unusable (a bad trust store setting)
            String why = Objects.toString(e.getMessage(), e.getClass().getName());
            return new Result(null, List.of(), null, null, "no HTTP client: " + why, false, 0);
        }
        long started = System.nanoTime();
        HttpUriRequestBase http;
        try {
            http = new HttpUriRequestBase(request.method(), request.endpoint());
        } catch (IllegalArgumentException unusable) {
            // No request can ever be made to it (a port beyond 65535): refused, as an endpoint never to try again.
            return new Result(null, List.of(), null, null, "refused: the endpoint is not a usable URL", true, 0);
        }
        request.headers().forEach(header -> http.addHeader(header.getKey(), header.getValue()));
        byte[] sent = request.body() == null ? new byte[0] : request.body();
        if (sent.length > 0 || BODY_METHODS.contains(request.method().toUpperCase(Locale.ROOT))) {
            http.setEntity(new ByteArrayEntity(sent, null)); // Content-Length: 0 rather than none on an empty POST
        }
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> {
                    late.set(true);
                    http.cancel();
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            ClassicHttpResponse response = httpClient.executeOpen(null, http, null);
            String body = readBodyAndClose(response);
            List<Map.Entry<String, String>> headers = Arrays.stream(response.getHeaders())
                    .map(h -> Map.entry(h.getName().toLowerCase(Locale.ROOT), Objects.toString(h.getValue(), "")))
                    .toList();
            Duration retryAfter = retryAfter(response.getFirstHeader("Retry-After"));
            return new Result(response.getCode(), headers, body, retryAfter, null, false, millisSince(started));
        } catch (IOException e) {
            boolean refused = e instanceof EndpointRefused;
            String error = late.get() && !refused ? timedOut() : describe(e, request.endpoint());
            return new Result(null, List.of(), null, null, error, refused, millisSince(started));
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * The {@code X-Zendesk-Webhook-Signature} of a body: base64(HMAC-SHA256(secret, timestamp + body)), the secret used
     * as its UTF-8 bytes, as Zendesk does.
     */
    static String signature(String secret, String timestamp, byte[] body) {
        return signature(secret.getBytes(StandardCharsets.UTF_8), timestamp, body);
    }

    static String signature(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body == null ? new byte[0] : body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        deadlines.shutdownNow();
        if (client != null) {
            client.close(CloseMode.GRACEFUL);
        }
    }

    /**
     * The start of the body, and the response closed: a body longer than that, or cut off by the deadline, closes the
     * connection rather than be read on (HttpClient drains a body to reuse its connection).
     */
    private static String readBodyAndClose(ClassicHttpResponse response) {
        HttpEntity entity = response.getEntity();
        byte[] buffer = new byte[MAX_BODY_BYTES];
        int length = 0;
        boolean whole = false;
        try {
            InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
            int read = 0;
            while (length < buffer.length && (read = in.read(buffer, length, buffer.length - length)) >= 0) {
                length += read;
            }
            whole = read < 0;
        } catch (IOException e) {
            // The response came: what was read of its body is kept.
        }
        closeQuietly(response, whole);
        String body = new String(buffer, 0, length, StandardCharsets.UTF_8);
        if (body.length() <= MAX_BODY_CHARS) {
            return body;
        }
        int end = Character.isHighSurrogate(body.charAt(MAX_BODY_CHARS - 1)) ? MAX_BODY_CHARS - 1 : MAX_BODY_CHARS;
        return body.substring(0, end);
    }

    private static void closeQuietly(ClassicHttpResponse response, boolean bodyWasRead) {
        try {
            if (!bodyWasRead && response instanceof CloseableHttpResponse closeable) {
                closeable.close(CloseMode.IMMEDIATE);
            } else {
                response.close();
            }
        } catch (IOException e) {
            // Nothing more is wanted of this connection.
        }
    }

    /** Retry-After as delta seconds or an HTTP date, from now on this transport's clock. */
    private Duration retryAfter(Header header) {
        if (header == null || header.getValue() == null) {
            return null;
        }
        String value = header.getValue().strip();
        try {
            Duration wait = value.chars().allMatch(Character::isDigit) && !value.isEmpty()
                    ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.between(
                            clock.instant(),
                            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                                    .toInstant());
            return wait.isNegative() ? null : wait;
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /** One line saying why no response came; never a header value. */
    private String describe(IOException e, URI endpoint) {
        if (e instanceof EndpointRefused) {
            return e.getMessage();
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + endpoint.getHost();
        }
        if (e instanceof InterruptedIOException) {
            return timedOut();
        }
        if (e instanceof ConnectException) {
            return String.valueOf(e.getMessage()).contains("refused") ? "connection refused" : "could not connect";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof NoHttpResponseException) {
            return "no response: the server closed the connection";
        }
        if (e instanceof SSLException) {
            return "TLS failed: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        }
        return "request failed: " + e.getClass().getSimpleName();
    }

    private String timedOut() {
        long millis = timeout.toMillis();
        return "timed out after " + (millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms");
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** The guard as HttpClient's resolver: the only addresses HttpClient connects to are those it returns. */
    private record GuardedResolver(EndpointGuard guard) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return guard.addressesFor(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host; // only for Kerberos, which webhooks never use: no lookup
        }
    }
}
