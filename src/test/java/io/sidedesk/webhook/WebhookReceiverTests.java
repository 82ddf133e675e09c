package io.sidedesk.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The webhook suites' own tools, without the service: the receiver records what arrives (raw bytes, headers, order)
 * and answers from its script; the signature helper is HMAC-SHA256 as RFC 4231 defines it. If these were wrong, the
 * webhook suites would prove nothing.
 */
class WebhookReceiverTests {

    /** The receiver the webhook suites use (one for the JVM). */
    private static final WebhookReceiver RECEIVER = WebhookTestSupport.RECEIVER;

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void theReceiverRecordsEveryRequestWithItsRawBodyAndHeadersInOrderOfArrival() throws Exception {
        String path = WebhookTestSupport.freshPath();
        byte[] body = "{\"caf\u00e9\": 1}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> first = send("POST", RECEIVER.url(path + "?a=1"), body, "X-Custom", "one");
        HttpResponse<String> second = send("PUT", RECEIVER.url(path), new byte[0], "X-Custom", "two");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("ok");
        assertThat(second.statusCode()).isEqualTo(200);
        List<WebhookReceiver.Request> requests = WebhookTestSupport.awaitRequests(path, 2);
        assertThat(requests).hasSize(2);
        WebhookReceiver.Request received = requests.get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo(path);
        assertThat(received.query()).isEqualTo("a=1");
        assertThat(received.body()).isEqualTo(body);
        assertThat(received.json().get("caf\u00e9").asInt()).isEqualTo(1);
        assertThat(received.header("x-custom")).isEqualTo("one");
        assertThat(received.header("X-CUSTOM")).isEqualTo("one");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(requests.get(1).method()).isEqualTo("PUT");
        assertThat(requests.get(1).body()).isEmpty();
        assertThat(requests.get(1).sequence()).isGreaterThan(received.sequence());
        assertThat(RECEIVER.requests(WebhookTestSupport.freshPath())).isEmpty();
    }

    @Test
    void theReceiverAnswersItsScriptOnceEachThenItsStandingAnswer() throws Exception {
        String path = WebhookTestSupport.freshPath();
        RECEIVER.script(
                path,
                WebhookReceiver.Answer.status(503),
                WebhookReceiver.Answer.status(429).withHeader("Retry-After", "3600"),
                WebhookReceiver.Answer.status(302).withHeader("Location", "/elsewhere"));
        RECEIVER.answerAlways(path, WebhookReceiver.Answer.status(201).withBody("created"));

        HttpResponse<String> unavailable = send("POST", RECEIVER.url(path), new byte[0]);
        HttpResponse<String> tooMany = send("POST", RECEIVER.url(path), new byte[0]);
        HttpResponse<String> moved = send("POST", RECEIVER.url(path), new byte[0]);
        HttpResponse<String> created = send("POST", RECEIVER.url(path), new byte[0]);
        HttpResponse<String> again = send("POST", RECEIVER.url(path), new byte[0]);

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(tooMany.headers().firstValue("Retry-After")).contains("3600");
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(moved.headers().firstValue("Location")).contains("/elsewhere");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("created");
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(RECEIVER.count(path)).isEqualTo(5);
    }

    @Test
    void anAnswerThatWaitsOutlastsAClientsTimeoutAndHoldsUpNoOtherPath() throws Exception {
        String slow = WebhookTestSupport.freshPath();
        String fast = WebhookTestSupport.freshPath();
        RECEIVER.script(slow, WebhookReceiver.Answer.ok().after(Duration.ofSeconds(30)));
        HttpClient impatient =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        assertThatThrownBy(() -> impatient.send(
                        HttpRequest.newBuilder(URI.create(RECEIVER.url(slow)))
                                .timeout(Duration.ofMillis(300))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(send("POST", RECEIVER.url(fast), new byte[0]).statusCode()).isEqualTo(200);
        assertThat(RECEIVER.count(slow)).isEqualTo(1);
    }

    @Test
    void aClosedPortRefusesConnections() {
        int port = WebhookReceiver.closedPort();

        assertThatThrownBy(() -> send("POST", "http://127.0.0.1:" + port + "/x", new byte[0]))
                .isInstanceOf(ConnectException.class);
    }

    /** RFC 4231, test case 2: HMAC-SHA256 with the key "Jefe" of "what do ya want for nothing?". */
    @Test
    void theSignatureIsBase64OfHmacSha256OfTheTimestampThenTheBody() {
        byte[] expected = HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

        String signature = WebhookTestSupport.signature(
                "Jefe", "what do ya ", "want for nothing?".getBytes(StandardCharsets.UTF_8));

        assertThat(java.util.Base64.getDecoder().decode(signature)).isEqualTo(expected);
        assertThat(WebhookTestSupport.signature("Jefe", "", "what do ya want for nothing?".getBytes()))
                .isEqualTo(signature);
        assertThat(WebhookTestSupport.signature("Jeff", "what do ya ", "want for nothing?".getBytes()))
                .isNotEqualTo(signature);
    }

    @Test
    void aRequestIsSignedWithTheSecretThatMadeItsSignatureAndNoOther() throws Exception {
        String path = WebhookTestSupport.freshPath();
        byte[] body = "{\"id\": \"e1\"}".getBytes(StandardCharsets.UTF_8);
        String timestamp = "2026-12-05T10:00:00Z";
        send(
                "POST",
                RECEIVER.url(path),
                body,
                "X-Zendesk-Webhook-Signature-Timestamp",
                timestamp,
                "X-Zendesk-Webhook-Signature",
                WebhookTestSupport.signature(WebhookTestSupport.TEST_SECRET, timestamp, body));

        WebhookReceiver.Request request =
                WebhookTestSupport.awaitRequests(path, 1).get(0);

        assertThat(WebhookTestSupport.signedWith(request, WebhookTestSupport.TEST_SECRET))
                .isTrue();
        assertThat(WebhookTestSupport.signedWith(request, "another secret")).isFalse();
        assertThat(WebhookTestSupport.TIMESTAMP.matcher(request.header("X-Zendesk-Webhook-Signature-Timestamp")))
                .matches();
    }

    private static HttpResponse<String> send(String method, String url, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
