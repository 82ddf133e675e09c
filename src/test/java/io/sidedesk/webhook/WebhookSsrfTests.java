package io.sidedesk.webhook;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import io.sidedesk.Api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * SSRF as production has it (docs/webhooks-contract.md, "SSRF"; B2): no host is allowed here, so the tests' receiver on
 * 127.0.0.1 is a loopback address like any other. A literal address is refused when saved (422 naming
 * {@code endpoint}, or {@code webhook.endpoint} for a test); a name is not resolved then, but on every request, and a
 * name that resolves to loopback is refused there: the attempt fails with an error and no retry, the test answers 200
 * with no status and an error. Either way the receiver receives nothing. One context of its own (the allowed hosts
 * empty), shared by nothing else.
 */
@TestPropertySource(properties = "sidedesk.webhooks.allowed-hosts=")
class WebhookSsrfTests extends WebhookTestSupport {

    @Test
    void theReceiversLiteralLoopbackAddressIsRefusedWhenNoHostIsAllowed_B2() {
        String path = freshPath();
        List<JsonNode> before = webhooks();
        Api api = admin().withoutContract();

        assertInvalidNaming(
                api.post(TEST_ENDPOINT, Map.of("webhook", Map.of("endpoint", RECEIVER.url(path)))), "webhook.endpoint");
        assertInvalidNaming(postWebhook(api, hookBody(RECEIVER.url(path), List.of("ticket.created"))), "endpoint");

        assertThat(RECEIVER.requests(path)).as("nothing sent").isEmpty();
        assertThat(webhooks()).as("nothing written").isEqualTo(before);
    }

    /** A name is not resolved when saved or validated; on the request it resolves to loopback, and is refused. */
    @Test
    void aNameThatResolvesToLoopbackIsRefusedWhenTheTestIsSent_B2() {
        String path = freshPath();

        Api.Response tested = admin().post(
                        TEST_ENDPOINT,
                        Map.of("webhook", Map.of("endpoint", "http://localhost:" + RECEIVER.port() + path)));

        // Refused as a literal address is, once resolved: the contract's 422 naming the endpoint, saying why.
        assertInvalidNaming(tested, "webhook.endpoint");
        assertThat(tested.toString()).contains("loopback");
        assertThat(RECEIVER.requests(path)).as("nothing sent").isEmpty();
    }

    @Test
    void aWebhookNamingAHostThatResolvesToLoopbackFailsAtOnceAndSendsNothing_B2() {
        String path = freshPath();
        String endpoint = "http://localhost:" + RECEIVER.port() + path;
        JsonNode webhook = createdWebhook(hookBody(endpoint, List.of("ticket.created")));
        assertThat(webhook.get("endpoint").asString())
                .as("names are not resolved when saved")
                .isEqualTo(endpoint);
        Hook hook = new Hook(webhook.get("id").asString(), path, endpoint);

        long ticket = parentTicket();

        JsonNode failed = awaitInvocation(
                hook, "the refused delivery", i -> !i.get("status").asString().equals("pending"));
        assertThat(failed.get("ticket_id").asString()).isEqualTo(String.valueOf(ticket));
        assertThat(failed.get("status").asString()).as("no retry").isEqualTo("failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("status_code").isNull()).isTrue();
        JsonNode attempt = only(attempts(hook.id(), failed.get("id").asString()));
        assertThat(attempt.get("status").asString()).isEqualTo("failed");
        assertThat(attempt.get("error").asString()).isNotBlank();
        laterSendDue();
        assertThat(RECEIVER.requests(path)).as("nothing sent").isEmpty();
        assertThat(only(invocations(hook)).get("attempts").asInt()).isEqualTo(1);
    }

    /**
     * Other spellings of loopback (a single decimal number, a shortened IPv4 address, an IPv4-mapped IPv6 address,
     * the name in capitals) are refused, whether as a literal when validated or when the request would go: the
     * receiver gets nothing. (Spellings that need a DNS server to fail, or that the JDK reads as a public address,
     * are left out: a test never waits on the network.)
     */
    @TestFactory
    Stream<DynamicTest> otherSpellingsOfLoopbackReachNothing_B2() {
        int port = RECEIVER.port();
        return Stream.of(
                        "2130706433",
                        "127.1",
                        "127.0.1",
                        "[::ffff:127.0.0.1]",
                        "[::ffff:7f00:1]",
                        "[0:0:0:0:0:ffff:127.0.0.1]",
                        "LOCALHOST")
                .map(host -> dynamicTest(host + " reaches nothing", () -> {
                    String path = freshPath();
                    Api.Response tested = admin().withoutContract()
                            .post(
                                    TEST_ENDPOINT,
                                    Map.of("webhook", Map.of("endpoint", "http://" + host + ":" + port + path)));
                    if (tested.status() == 422) {
                        assertInvalidNaming(tested, "webhook.endpoint");
                    } else {
                        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
                        assertThat(tested.json().at("/response/status").isNull())
                                .as(tested.toString())
                                .isTrue();
                        assertThat(tested.json().at("/response/error").asString())
                                .isNotBlank();
                    }
                    assertThat(RECEIVER.requests(path)).as("nothing sent").isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> literalAddressesOfPrivateNetworksAreRefusedWhenSaved_B2() {
        int port = RECEIVER.port();
        return Stream.of(
                        "http://127.0.0.1:" + port + "/x",
                        "http://[::1]:" + port + "/x",
                        "http://169.254.169.254/latest/meta-data",
                        "http://10.0.0.1/x",
                        "http://10.255.255.255/x",
                        "http://172.20.0.1/x",
                        "http://192.168.0.1/x",
                        "http://100.127.255.254/x",
                        "http://[fd00::1]/x",
                        "http://[::ffff:192.168.0.1]/x")
                .map(endpoint -> dynamicTest(endpoint + " is refused", () -> {
                    List<JsonNode> before = webhooks();
                    Api api = admin().withoutContract();
                    assertInvalidNaming(postWebhook(api, hookBody(endpoint, List.of("ticket.created"))), "endpoint");
                    assertInvalidNaming(
                            api.post(TEST_ENDPOINT, Map.of("webhook", Map.of("endpoint", endpoint))),
                            "webhook.endpoint");
                    assertThat(webhooks()).as("nothing written").isEqualTo(before);
                }));
    }
}
