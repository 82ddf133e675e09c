package io.sidedesk.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP receiver for webhooks: the JDK's server on 127.0.0.1 on a free port, in the test JVM. It records every
 * request (method, path, query, headers, the body's raw bytes, and its place in the order of arrival) before it
 * answers, and answers each path from a script: answers to give once each, in order, then a standing answer (200
 * {@code ok} unless the test says otherwise). An answer may wait before it is written (to outlast the service's
 * timeout). Each test uses paths of its own, so tests never see each other's requests.
 */
final class WebhookReceiver {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the receiver answers: a status, headers, a body (may be empty), after a delay (may be zero). */
    record Answer(int status, Map<String, String> headers, String body, Duration delay) {

        static Answer status(int status) {
            return new Answer(status, Map.of(), "", Duration.ZERO);
        }

        static Answer ok() {
            return new Answer(200, Map.of("Content-Type", "text/plain"), "ok", Duration.ZERO);
        }

        Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, more, body, delay);
        }

        Answer withBody(String text) {
            return new Answer(status, headers, text, delay);
        }

        Answer after(Duration wait) {
            return new Answer(status, headers, body, wait);
        }
    }

    /** A request as it arrived. Header names are matched case-insensitively. */
    record Request(
            long sequence, String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

        /** The first value of the header, or null. */
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** Every value of the header (empty when absent). */
        List<String> headerValues(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return "#" + sequence + " " + method + " " + path + (query == null ? "" : "?" + query) + " " + headers + " "
                    + text();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicLong arrivals = new AtomicLong();
    private final Map<String, List<Request>> received = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Answer> standing = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** A receiver listening on 127.0.0.1 on a free port, until the JVM ends. */
    static WebhookReceiver started() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
            // Daemon threads, as many as needed: an answer that waits never holds up another.
            ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "webhook-receiver");
                thread.setDaemon(true);
                return thread;
            });
            WebhookReceiver receiver = new WebhookReceiver(server, threads);
            server.createContext("/", receiver::handle);
            server.setExecutor(threads);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port} + the path (which may carry a query). */
    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Answers to give on this path once each, in order, after those already scripted. */
    void script(String path, Answer... answers) {
        Deque<Answer> queue = scripts.computeIfAbsent(path, key -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(answers));
        }
    }

    /** The answer on this path once the scripted ones are given (200 {@code ok} unless set). */
    void answerAlways(String path, Answer answer) {
        standing.put(path, answer);
    }

    /** Every request received on this path (the query aside), in the order of arrival. */
    List<Request> requests(String path) {
        List<Request> requests = received.getOrDefault(path, List.of());
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The number of requests received on this path. */
    int count(String path) {
        return requests(path).size();
    }

    private void handle(HttpExchange exchange) {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            String path = exchange.getRequestURI().getRawPath();
            Request request = new Request(
                    arrivals.incrementAndGet(),
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    body);
            List<Request> requests = received.computeIfAbsent(path, key -> new ArrayList<>());
            synchronized (requests) {
                requests.add(request);
            }
            Answer answer = next(path);
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            boolean noBody = bytes.length == 0 || answer.status() == 204 || answer.status() == 304;
            exchange.sendResponseHeaders(answer.status(), noBody ? -1 : bytes.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // The caller went away (its timeout passed while the answer waited): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private Answer next(String path) {
        Deque<Answer> queue = scripts.get(path);
        if (queue != null) {
            synchronized (queue) {
                Answer scripted = queue.poll();
                if (scripted != null) {
                    return scripted;
                }
            }
        }
        return standing.getOrDefault(path, Answer.ok());
    }

    /** A port on 127.0.0.1 that nothing listens on (it was free a moment ago): connections to it are refused. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
