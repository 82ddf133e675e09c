package io.sidedesk.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Webhooks as a resource (docs/webhooks-contract.md, "The webhook" and "Endpoints"; B2): create, show, list, replace
 * (PUT), merge patch (PATCH) and delete; every check on save, each a 422 naming the member that writes nothing; the
 * defaults and limits; credentials that are written and never read back, in no answer at all (R22), and kept when a
 * client sends back what it read; the signing secret, read and rotated, never replayed by an idempotency key; the
 * list's filters and cursor paging; 404 for what does not exist; literal addresses of private networks refused at
 * save; and admins only.
 */
class WebhookApiTests extends WebhookTestSupport {

    /** The members of a webhook as the contract shows it, and no others. */
    private static final Set<String> MEMBERS = Set.of(
            "id",
            "name",
            "description",
            "status",
            "endpoint",
            "http_method",
            "request_format",
            "subscriptions",
            "authentication",
            "custom_headers",
            "circuit_breaker",
            "created_at",
            "created_by",
            "updated_at",
            "updated_by");

    @Autowired
    private JdbcTemplate jdbc;

    // ---- create, show, list ----------------------------------------------------------------------------------

    @Test
    void aCreatedWebhookHasTheContractsShapeAndReadsBackTheSame_B2() {
        String path = freshPath();
        String name = unique("Billing pipeline");
        Map<String, Object> body = fields(
                "name",
                name,
                "description",
                "Sends billing's tickets to the warehouse",
                "status",
                "active",
                "endpoint",
                RECEIVER.url(path),
                "http_method",
                "POST",
                "request_format",
                "json",
                "subscriptions",
                List.of(EVENT + "ticket.created", EVENT + "side_conversation.replied"),
                "authentication",
                fields(
                        "type",
                        "bearer_token",
                        "data",
                        fields("token", "t-" + unique("token")),
                        "add_position",
                        "header"),
                "custom_headers",
                fields("X-Team", "billing"));

        Api.Response response = postWebhook(admin(), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode webhook = response.json().get("webhook");
        assertThat(webhook.propertyNames()).containsExactlyInAnyOrderElementsOf(MEMBERS);
        String id = webhook.get("id").asString();
        assertThat(webhook.get("id").isString()).isTrue();
        assertThat(id).matches(ULID);
        assertThat(response.header("Location")).endsWith("/api/v2/webhooks/" + id);
        assertThat(webhook.get("name").asString()).isEqualTo(name);
        assertThat(webhook.get("description").asString()).isEqualTo("Sends billing's tickets to the warehouse");
        assertThat(webhook.get("status").asString()).isEqualTo("active");
        assertThat(webhook.get("endpoint").asString()).isEqualTo(RECEIVER.url(path));
        assertThat(webhook.get("http_method").asString()).isEqualTo("POST");
        assertThat(webhook.get("request_format").asString()).isEqualTo("json");
        assertThat(strings(webhook.get("subscriptions")))
                .containsExactly(EVENT + "ticket.created", EVENT + "side_conversation.replied");
        assertThat(webhook.get("authentication"))
                .as("the type and position, never the data")
                .isEqualTo(json(fields("type", "bearer_token", "add_position", "header")));
        assertThat(webhook.get("custom_headers")).isEqualTo(json(fields("X-Team", "billing")));
        assertThat(webhook.get("circuit_breaker"))
                .isEqualTo(json(fields("state", "closed", "consecutive_failures", 0, "open_until", null)));
        String admin = String.valueOf(adminId());
        assertThat(webhook.get("created_by").isString())
                .as("user ids are strings")
                .isTrue();
        assertThat(webhook.get("created_by").asString()).isEqualTo(admin);
        assertThat(webhook.get("updated_by").asString()).isEqualTo(admin);
        assertThat(Instant.parse(webhook.get("created_at").asString())).isNotNull();
        assertThat(webhook.get("updated_at").asString())
                .isEqualTo(webhook.get("created_at").asString());

        assertThat(showWebhook(id)).as("read back as answered").isEqualTo(webhook);
        assertThat(webhooks()).contains(webhook);
    }

    @Test
    void aWebhookGivenOnlyItsRequiredMembersTakesTheDefaults_B2() {
        JsonNode webhook = createdWebhook(fields(
                "name",
                unique("Defaults"),
                "endpoint",
                RECEIVER.url(freshPath()),
                "subscriptions",
                List.of(EVENT + "ticket.created")));

        assertThat(webhook.get("status").asString()).isEqualTo("active");
        assertThat(webhook.get("http_method").asString()).isEqualTo("POST");
        assertThat(webhook.get("request_format").asString()).isEqualTo("json");
        assertThat(webhook.get("description").isNull()).isTrue();
        assertThat(webhook.get("authentication").isNull()).isTrue();
        assertThat(webhook.get("custom_headers").isNull()
                        || webhook.get("custom_headers").isEmpty())
                .as("no custom headers: %s", webhook.get("custom_headers"))
                .isTrue();
        assertThat(webhook.at("/circuit_breaker/state").asString()).isEqualTo("closed");

        JsonNode withToken = createdWebhook(hookBody(
                RECEIVER.url(freshPath()),
                List.of("ticket.created"),
                "authentication",
                fields("type", "bearer_token", "data", fields("token", "t"))));
        assertThat(withToken.get("authentication"))
                .as("add_position is header by default")
                .isEqualTo(json(fields("type", "bearer_token", "add_position", "header")));
    }

    @Test
    void unknownAndReadOnlyMembersOfTheBodyAreIgnored_B2() {
        Map<String, Object> body = hookBody(RECEIVER.url(freshPath()), List.of("ticket.created"));
        body.put("bogus", "ignored");
        body.put("id", MISSING_ID);
        body.put("circuit_breaker", fields("state", "open", "consecutive_failures", 99, "open_until", null));
        body.put("created_by", "987654321");
        body.put("created_at", "2001-01-01T00:00:00Z");

        Api.Response response = postWebhook(admin().withoutContract(), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode webhook = response.json().get("webhook");
        assertThat(webhook.get("id").asString()).isNotEqualTo(MISSING_ID);
        assertThat(webhook.has("bogus")).isFalse();
        assertThat(webhook.at("/circuit_breaker/state").asString()).isEqualTo("closed");
        assertThat(webhook.at("/circuit_breaker/consecutive_failures").asInt()).isZero();
        assertThat(webhook.get("created_by").asString()).isEqualTo(String.valueOf(adminId()));
        assertThat(webhook.get("created_at").asString()).doesNotStartWith("2001");
    }

    @Test
    void membersAtTheirLimitsAreTaken_B2() {
        String padded = freshPath() + "/";
        String endpoint = RECEIVER.url(padded);
        endpoint = endpoint + "p".repeat(2048 - endpoint.length());
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("X-" + "h".repeat(126), "v".repeat(1000));
        for (int i = 1; i <= 4; i++) {
            headers.put("X-Header-" + i, "~!#$%&'*+-.^_`|" + i);
        }

        JsonNode webhook = createdWebhook(fields(
                "name",
                "n".repeat(255 - 8) + unique("").substring(1, 9),
                "description",
                "d".repeat(1000),
                "endpoint",
                endpoint,
                "subscriptions",
                EVENT_TYPES,
                "authentication",
                fields(
                        "type",
                        "basic_auth",
                        "data",
                        fields("username", "u".repeat(1000), "password", "p".repeat(1000))),
                "custom_headers",
                headers));

        assertThat(webhook.get("name").asString()).hasSize(255);
        assertThat(webhook.get("description").asString()).hasSize(1000);
        assertThat(webhook.get("endpoint").asString()).hasSize(2048).isEqualTo(endpoint);
        assertThat(strings(webhook.get("subscriptions"))).containsExactlyInAnyOrderElementsOf(EVENT_TYPES);
        assertThat(webhook.get("custom_headers")).isEqualTo(json(headers));
        assertThat(webhook.at("/authentication/type").asString()).isEqualTo("basic_auth");
        assertThat(createdWebhook(hookBody(
                                RECEIVER.url(freshPath()),
                                List.of(CONDITIONAL),
                                "http_method",
                                "PATCH",
                                "authentication",
                                fields("type", "api_key", "data", fields("name", "X-Api-Key", "value", "v"))))
                        .get("http_method")
                        .asString())
                .isEqualTo("PATCH");
    }

    /**
     * A host name is not resolved when a webhook is saved (docs/webhooks-contract.md, "SSRF"): a name that resolves to
     * nothing is taken; it is checked on every request instead.
     */
    @Test
    void aHostNameIsNotResolvedWhenSaved_B2() {
        JsonNode webhook = createdWebhook(
                hookBody("https://hooks.sidedesk.invalid/" + unique("x"), List.of(CONDITIONAL), "status", "inactive"));

        assertThat(webhook.get("endpoint").asString()).startsWith("https://hooks.sidedesk.invalid/");
    }

    // ---- checks on save ---------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> aWrongWebhookIsA422NamingTheMemberAndWritesNothing_B2() {
        String endpoint = RECEIVER.url(freshPath());
        String longEndpoint = endpoint + "/" + "p".repeat(2049 - endpoint.length() - 1);
        String longName = "X-" + "h".repeat(127);
        Map<String, Object> sixHeaders = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            sixHeaders.put("X-Header-" + i, "v");
        }
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no name", without(valid(endpoint), "name"), "name"));
        cases.add(new Case("an empty name", with(valid(endpoint), "name", ""), "name"));
        cases.add(new Case("a name of 256", with(valid(endpoint), "name", "n".repeat(256)), "name"));
        cases.add(new Case(
                "a description of 1001", with(valid(endpoint), "description", "d".repeat(1001)), "description"));
        cases.add(new Case("an unknown status", with(valid(endpoint), "status", "paused"), "status"));
        cases.add(new Case("no endpoint", without(valid(endpoint), "endpoint"), "endpoint"));
        for (String wrong : List.of(
                "",
                "hooks.example.com/sidedesk",
                "/relative/path",
                "ftp://hooks.example.com/sidedesk",
                "javascript:alert(1)",
                "file:///etc/passwd",
                "http://",
                "http://user:secret@hooks.example.com/sidedesk",
                "https://user@hooks.example.com/sidedesk",
                "https://hooks.example.com/sidedesk#fragment",
                longEndpoint)) {
            cases.add(new Case(
                    "the endpoint " + abbreviate(wrong), with(valid(endpoint), "endpoint", wrong), "endpoint"));
        }
        for (String method : List.of("HEAD", "TRACE", "CONNECT", "OPTIONS", "", "FETCH")) {
            cases.add(new Case(
                    "the method '" + method + "'", with(valid(endpoint), "http_method", method), "http_method"));
        }
        for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
            cases.add(new Case(
                    "event subscriptions with " + method, with(valid(endpoint), "http_method", method), "http_method"));
        }
        for (String format : List.of("xml", "form_encoded", "")) {
            cases.add(new Case(
                    "the format '" + format + "'", with(valid(endpoint), "request_format", format), "request_format"));
        }
        cases.add(new Case("no subscriptions", without(valid(endpoint), "subscriptions"), "subscriptions"));
        cases.add(new Case("empty subscriptions", with(valid(endpoint), "subscriptions", List.of()), "subscriptions"));
        cases.add(new Case(
                "subscriptions not a list",
                with(valid(endpoint), "subscriptions", EVENT + "ticket.created"),
                "subscriptions"));
        cases.add(new Case(
                "an unknown event type second",
                with(valid(endpoint), "subscriptions", List.of(EVENT + "ticket.created", EVENT + "ticket.bogus")),
                "subscriptions[1]"));
        cases.add(new Case(
                "an event type without its prefix",
                with(valid(endpoint), "subscriptions", List.of("ticket.created")),
                "subscriptions[0]"));
        cases.add(new Case(
                "an event type twice",
                with(valid(endpoint), "subscriptions", List.of(EVENT + "ticket.created", EVENT + "ticket.created")),
                "subscriptions"));
        cases.add(new Case(
                "conditional_ticket_events with an event type",
                with(valid(endpoint), "subscriptions", List.of(CONDITIONAL, EVENT + "ticket.created")),
                "subscriptions"));
        cases.add(new Case(
                "an authentication of an unknown type",
                with(valid(endpoint), "authentication", fields("type", "oauth2", "data", fields("token", "t"))),
                "authentication.type"));
        cases.add(new Case(
                "an authentication without a type",
                with(valid(endpoint), "authentication", fields("data", fields("token", "t"))),
                "authentication.type"));
        cases.add(new Case(
                "a bearer token without data",
                with(valid(endpoint), "authentication", fields("type", "bearer_token")),
                "authentication.data"));
        cases.add(auth(endpoint, "bearer_token", fields(), "authentication.data.token"));
        cases.add(auth(endpoint, "bearer_token", fields("token", ""), "authentication.data.token"));
        cases.add(auth(endpoint, "bearer_token", fields("token", "t".repeat(1001)), "authentication.data.token"));
        cases.add(auth(endpoint, "basic_auth", fields("username", "u"), "authentication.data.password"));
        cases.add(auth(endpoint, "basic_auth", fields("password", "p"), "authentication.data.username"));
        cases.add(
                auth(endpoint, "basic_auth", fields("username", "", "password", "p"), "authentication.data.username"));
        cases.add(auth(
                endpoint,
                "basic_auth",
                fields("username", "u", "password", "p".repeat(1001)),
                "authentication.data.password"));
        cases.add(auth(endpoint, "api_key", fields("value", "v"), "authentication.data.name"));
        cases.add(auth(endpoint, "api_key", fields("name", "X Api Key", "value", "v"), "authentication.data.name"));
        cases.add(auth(endpoint, "api_key", fields("name", "X-Api-Key:", "value", "v"), "authentication.data.name"));
        cases.add(auth(endpoint, "api_key", fields("name", "X-Api-Key", "value", ""), "authentication.data.value"));
        cases.add(auth(
                endpoint,
                "api_key",
                fields("name", "X-Api-Key", "value", "v".repeat(1001)),
                "authentication.data.value"));
        cases.add(new Case(
                "an authentication added anywhere but the header",
                with(
                        valid(endpoint),
                        "authentication",
                        fields("type", "bearer_token", "data", fields("token", "t"), "add_position", "body")),
                "authentication.add_position"));
        cases.add(
                new Case("six custom headers", with(valid(endpoint), "custom_headers", sixHeaders), "custom_headers"));
        cases.add(header(endpoint, "Bad Header", "v"));
        cases.add(header(endpoint, "X-Bad(Header)", "v"));
        cases.add(header(endpoint, longName, "v"));
        cases.add(header(endpoint, "X-Foo", "v".repeat(1001)));
        cases.add(header(endpoint, "X-Foo", "line\r\nX-Injected: yes"));
        cases.add(header(endpoint, "X-Foo", "bell\u0007"));
        for (String reserved : List.of(
                "Authorization",
                "authorization",
                "Content-Type",
                "Content-Length",
                "Host",
                "User-Agent",
                "X-Zendesk-Webhook-Signature",
                "x-zendesk-anything",
                "X-Sidedesk-Event-Id",
                "X-SIDEDESK-ATTEMPT")) {
            cases.add(header(endpoint, reserved, "v"));
        }

        return cases.stream()
                .map(wrong -> dynamicTest(wrong.what() + " is refused naming " + wrong.member(), () -> {
                    List<JsonNode> before = webhooks();
                    Api.Response response = postWebhook(admin().withoutContract(), wrong.webhook());
                    assertInvalidNaming(response, wrong.member());
                    assertThat(webhooks()).as("nothing written").isEqualTo(before);
                }));
    }

    @Test
    void aWrongReplacementOrPatchIsA422NamingTheMemberAndLeavesTheWebhookAsItWas_B2() {
        String endpoint = RECEIVER.url(freshPath());
        String id = createdWebhook(valid(endpoint)).get("id").asString();
        JsonNode before = showWebhook(id);
        Api api = admin().withoutContract();

        assertInvalidNaming(putWebhook(api, id, without(valid(endpoint), "name")), "name");
        assertInvalidNaming(putWebhook(api, id, without(valid(endpoint), "endpoint")), "endpoint");
        assertInvalidNaming(putWebhook(api, id, without(valid(endpoint), "subscriptions")), "subscriptions");
        assertInvalidNaming(putWebhook(api, id, with(valid(endpoint), "endpoint", "http://10.0.0.1/x")), "endpoint");
        assertInvalidNaming(patchWebhook(api, id, nullable("name", null)), "name");
        assertInvalidNaming(patchWebhook(api, id, nullable("endpoint", null)), "endpoint");
        assertInvalidNaming(patchWebhook(api, id, nullable("subscriptions", null)), "subscriptions");
        assertInvalidNaming(patchWebhook(api, id, fields("name", "")), "name");
        assertInvalidNaming(patchWebhook(api, id, fields("http_method", "GET")), "http_method");
        assertInvalidNaming(patchWebhook(api, id, fields("endpoint", "http://169.254.169.254/latest")), "endpoint");
        assertInvalidNaming(
                patchWebhook(api, id, fields("subscriptions", List.of(EVENT + "ticket.bogus"))), "subscriptions[0]");
        assertInvalidNaming(
                patchWebhook(api, id, fields("custom_headers", fields("Host", "evil"))), "custom_headers.Host");
        assertInvalidNaming(
                patchWebhook(api, id, fields("authentication", fields("type", "basic_auth"))), "authentication.data");
        assertInvalidNaming(
                mergePatchWebhook(api, id, fields("status", "paused", "name", unique("Not taken"))), "status");

        assertThat(showWebhook(id)).as("nothing written").isEqualTo(before);
    }

    @Test
    void eventSubscriptionsNeedPostWhileConditionalTicketEventsTakeAnyMethod_B2() {
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            JsonNode webhook =
                    createdWebhook(hookBody(RECEIVER.url(freshPath()), List.of(CONDITIONAL), "http_method", method));
            assertThat(webhook.get("http_method").asString()).isEqualTo(method);
        }
        String id = createdWebhook(hookBody(RECEIVER.url(freshPath()), List.of(CONDITIONAL), "http_method", "PUT"))
                .get("id")
                .asString();
        JsonNode before = showWebhook(id);

        assertInvalidNaming(
                patchWebhook(admin().withoutContract(), id, fields("subscriptions", List.of(EVENT + "ticket.created"))),
                "http_method");
        assertThat(showWebhook(id)).isEqualTo(before);
        assertThat(patchWebhook(
                                admin(),
                                id,
                                fields("subscriptions", List.of(EVENT + "ticket.created"), "http_method", "POST"))
                        .status())
                .isEqualTo(204);
        assertThat(strings(showWebhook(id).get("subscriptions"))).containsExactly(EVENT + "ticket.created");
    }

    /**
     * SSRF (docs/webhooks-contract.md): a literal address of a loopback, link-local, private, shared, multicast or
     * reserved network, IPv4-mapped IPv6 forms included, is a 422 naming {@code endpoint} when saved, by create,
     * replace or patch, unless the allowed hosts name it: the test profile allows 127.0.0.1 alone.
     */
    @TestFactory
    Stream<DynamicTest> aLiteralAddressOfAPrivateNetworkIsRefusedWhenSavedButTheAllowedHostIsTaken_B2() {
        int port = RECEIVER.port();
        List<String> refused = List.of(
                "http://127.0.0.2:" + port + "/x",
                "http://127.255.255.254/x",
                "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.1/x",
                "http://172.16.0.1/x",
                "http://172.31.255.255/x",
                "http://192.168.1.1/x",
                "http://100.64.0.1/x",
                "http://0.0.0.0:" + port + "/x",
                "http://224.0.0.1/x",
                "http://255.255.255.255/x",
                "http://[::1]:" + port + "/x",
                "http://[::]:" + port + "/x",
                "http://[fe80::1]/x",
                "http://[fc00::1]/x",
                "http://[fd12:3456::1]/x",
                "http://[::ffff:127.0.0.2]:" + port + "/x",
                "http://[::ffff:169.254.169.254]/x",
                "http://[::ffff:10.0.0.1]/x",
                "http://[::ffff:7f00:2]:" + port + "/x");
        Stream<DynamicTest> refusals = refused.stream()
                .map(endpoint -> dynamicTest(endpoint + " is refused on create, replace and patch", () -> {
                    String id = createdWebhook(valid(RECEIVER.url(freshPath())))
                            .get("id")
                            .asString();
                    List<JsonNode> before = webhooks();
                    Api api = admin().withoutContract();
                    assertInvalidNaming(postWebhook(api, valid(endpoint)), "endpoint");
                    assertInvalidNaming(putWebhook(api, id, valid(endpoint)), "endpoint");
                    assertInvalidNaming(patchWebhook(api, id, fields("endpoint", endpoint)), "endpoint");
                    assertThat(webhooks()).as("nothing written").isEqualTo(before);
                }));
        Stream<DynamicTest> allowed = Stream.of(dynamicTest("http://127.0.0.1:" + port + "/ (allowed) is taken", () -> {
            JsonNode webhook = createdWebhook(valid("http://127.0.0.1:" + port + "/"));
            assertThat(webhook.get("endpoint").asString()).isEqualTo("http://127.0.0.1:" + port + "/");
        }));
        return Stream.concat(refusals, allowed);
    }

    /** At most 100 webhooks (a 422 naming {@code base}): the test fills the account up, then empties it again. */
    @Test
    void theHundredAndFirstWebhookIsRefusedNamingBase_B2() {
        List<String> mine = new ArrayList<>();
        try {
            int existing = webhooks().size();
            assertThat(existing).as("the webhooks other tests left").isLessThan(100);
            for (int i = existing; i < 100; i++) {
                Api.Response response = postWebhook(admin(), inactive(RECEIVER.url(freshPath())));
                assertThat(response.status())
                        .as("webhook %d: %s", i + 1, response)
                        .isEqualTo(201);
                mine.add(response.json().at("/webhook/id").asString());
            }
            assertThat(webhooks()).hasSize(100);

            Api.Response refused = postWebhook(admin(), inactive(RECEIVER.url(freshPath())));

            assertInvalidNaming(refused, "base");
            assertThat(webhooks()).as("nothing written").hasSize(100);
        } finally {
            for (String id : mine) {
                admin().delete(webhookPath(id));
            }
        }
        assertThat(postWebhook(admin(), inactive(RECEIVER.url(freshPath()))).status())
                .as("room again once some are deleted")
                .isEqualTo(201);
    }

    // ---- replace, patch, delete ---------------------------------------------------------------------------------

    @Test
    void putReplacesEveryWritableMemberAndMembersLeftOutTakeTheirDefaults_B2() {
        String id = createdWebhook(hookBody(
                        RECEIVER.url(freshPath()),
                        List.of(CONDITIONAL),
                        "description",
                        "Before",
                        "status",
                        "inactive",
                        "http_method",
                        "PUT",
                        "authentication",
                        fields("type", "bearer_token", "data", fields("token", "t")),
                        "custom_headers",
                        fields("X-Team", "billing")))
                .get("id")
                .asString();
        JsonNode before = showWebhook(id);
        clock.advance(Duration.ofMinutes(5));
        String endpoint = RECEIVER.url(freshPath());
        String name = unique("Replaced");

        Api.Response replaced = putWebhook(
                admin(),
                id,
                fields("name", name, "endpoint", endpoint, "subscriptions", List.of(EVENT + "ticket.created")));

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(204);
        assertThat(replaced.body()).isEmpty();
        JsonNode after = showWebhook(id);
        assertThat(after.get("id").asString()).isEqualTo(id);
        assertThat(after.get("name").asString()).isEqualTo(name);
        assertThat(after.get("endpoint").asString()).isEqualTo(endpoint);
        assertThat(strings(after.get("subscriptions"))).containsExactly(EVENT + "ticket.created");
        assertThat(after.get("description").isNull()).isTrue();
        assertThat(after.get("status").asString()).isEqualTo("active");
        assertThat(after.get("http_method").asString()).isEqualTo("POST");
        assertThat(after.get("request_format").asString()).isEqualTo("json");
        assertThat(after.get("authentication").isNull()).isTrue();
        assertThat(after.get("custom_headers").isNull()
                        || after.get("custom_headers").isEmpty())
                .as("custom headers gone: %s", after.get("custom_headers"))
                .isTrue();
        assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
        assertThat(after.get("created_by")).isEqualTo(before.get("created_by"));
        assertThat(Instant.parse(after.get("updated_at").asString()))
                .isAfter(Instant.parse(before.get("updated_at").asString()));
    }

    @Test
    void patchChangesOnlyTheMembersSentAndNamesWhoChangedIt_B2() {
        String id = createdWebhook(hookBody(
                        RECEIVER.url(freshPath()),
                        List.of("ticket.created", "ticket.comment_added"),
                        "description",
                        "Kept",
                        "custom_headers",
                        fields("X-Team", "billing")))
                .get("id")
                .asString();
        JsonNode before = showWebhook(id);
        TestUser otherAdmin = user("admin");
        clock.advance(Duration.ofMinutes(5));

        Api.Response patched = patchWebhook(as(otherAdmin), id, fields("name", "Renamed " + id, "status", "inactive"));

        assertThat(patched.status()).as(patched.toString()).isEqualTo(204);
        JsonNode after = showWebhook(id);
        assertThat(after.get("name").asString()).isEqualTo("Renamed " + id);
        assertThat(after.get("status").asString()).isEqualTo("inactive");
        for (String member : List.of(
                "id",
                "description",
                "endpoint",
                "http_method",
                "request_format",
                "subscriptions",
                "authentication",
                "custom_headers",
                "circuit_breaker",
                "created_at",
                "created_by")) {
            assertThat(after.get(member)).as(member).isEqualTo(before.get(member));
        }
        assertThat(after.get("updated_by").asString()).isEqualTo(String.valueOf(otherAdmin.id()));
        assertThat(Instant.parse(after.get("updated_at").asString()))
                .isAfter(Instant.parse(before.get("updated_at").asString()));
    }

    @Test
    void aMergePatchNullClearsOptionalMembersAndANullHeaderRemovesOnlyThatHeader_B2() {
        String id = createdWebhook(hookBody(
                        RECEIVER.url(freshPath()),
                        List.of("ticket.created"),
                        "description",
                        "Cleared",
                        "authentication",
                        fields("type", "bearer_token", "data", fields("token", "t")),
                        "custom_headers",
                        fields("X-A", "1", "X-B", "2")))
                .get("id")
                .asString();

        Api.Response headers =
                mergePatchWebhook(admin(), id, fields("custom_headers", fields("X-B", null, "X-C", "3")));

        assertThat(headers.status()).as(headers.toString()).isEqualTo(204);
        assertThat(showWebhook(id).get("custom_headers")).isEqualTo(json(fields("X-A", "1", "X-C", "3")));

        Api.Response cleared = mergePatchWebhook(
                admin(), id, fields("description", null, "authentication", null, "custom_headers", null));

        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(204);
        JsonNode after = showWebhook(id);
        assertThat(after.get("description").isNull()).isTrue();
        assertThat(after.get("authentication").isNull()).isTrue();
        assertThat(after.get("custom_headers").isNull()
                        || after.get("custom_headers").isEmpty())
                .as("custom headers cleared: %s", after.get("custom_headers"))
                .isTrue();
        assertThat(after.get("name").asString()).isNotBlank();
        assertThat(strings(after.get("subscriptions"))).containsExactly(EVENT + "ticket.created");
    }

    @Test
    void aDeletedWebhookIsGoneWithItsInvocationsAndAttempts_B2() {
        Hook hook = hook("ticket.created");
        long ticket = parentTicket();
        awaitRequests(hook, 1);
        JsonNode invocation = awaitInvocation(
                hook,
                "the ticket's creation",
                i -> i.get("ticket_id").asString().equals(String.valueOf(ticket))
                        && i.get("status").asString().equals("success"));
        String invocationId = invocation.get("id").asString();
        assertThat(attempts(hook.id(), invocationId)).hasSize(1);

        Api.Response deleted = admin().delete(webhookPath(hook.id()));

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertNotFound(admin().get(webhookPath(hook.id())));
        assertNotFound(admin().get(invocationsPath(hook.id())));
        assertNotFound(admin().get(attemptsPath(hook.id(), invocationId)));
        assertNotFound(admin().withoutContract().delete(webhookPath(hook.id())));
        assertThat(webhooks().stream().map(w -> w.get("id").asString())).doesNotContain(hook.id());
        parentTicket();
        sendDue();
        assertThat(received(hook)).as("nothing sent for a deleted webhook").hasSize(1);
    }

    // ---- credentials --------------------------------------------------------------------------------------------

    /**
     * Credentials are written, never read (R22): no answer carries them, not the create's, the show's, the list's,
     * a refusal's (that echoes what was sent), the test's, the invocations' or the attempts'; yet the receiver gets
     * them.
     */
    @Test
    void credentialsAreSentToTheReceiverButCarriedByNoAnswer_R22() {
        String user = unique("user");
        String password = unique("password");
        String token = unique("token");
        String apiKey = unique("apikey");
        List<Map<String, Object>> authentications = List.of(
                fields("type", "basic_auth", "data", fields("username", user, "password", password)),
                fields("type", "bearer_token", "data", fields("token", token)),
                fields("type", "api_key", "data", fields("name", "X-Api-Key", "value", apiKey)));
        List<String> secrets = List.of(user, password, token, apiKey);
        List<String> answers = new ArrayList<>();
        List<Hook> hooks = new ArrayList<>();
        for (Map<String, Object> authentication : authentications) {
            String path = freshPath();
            Map<String, Object> body = hookBody(RECEIVER.url(path), List.of("ticket.created"));
            body.put("authentication", authentication);
            Api.Response created = postWebhook(admin(), body);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            answers.add(created.body());
            String id = created.json().at("/webhook/id").asString();
            hooks.add(new Hook(id, path, RECEIVER.url(path)));
            answers.add(admin().get(webhookPath(id)).body());
            Map<String, Object> refusedBody = new LinkedHashMap<>(body);
            refusedBody.put("name", "");
            answers.add(postWebhook(admin().withoutContract(), refusedBody).body());
            answers.add(putWebhook(admin().withoutContract(), id, refusedBody).body());
            answers.add(patchWebhook(admin(), id, fields("authentication", authentication))
                    .body());
            answers.add(
                    admin().post(TEST_ENDPOINT + "?webhook_id=" + id, fields()).body());
        }
        answers.add(admin().get(WEBHOOKS + "?page[size]=100").body());
        long ticket = parentTicket();
        for (Hook hook : hooks) {
            List<WebhookReceiver.Request> requests = awaitRequests(hook, 2);
            JsonNode invocation = awaitInvocation(
                    hook,
                    "the ticket's creation",
                    i -> i.get("ticket_id").asString().equals(String.valueOf(ticket))
                            && !i.get("latest_completed_at").isNull());
            answers.add(admin().get(invocationsPath(hook.id())).body());
            answers.add(admin().get(attemptsPath(hook.id(), invocation.get("id").asString()))
                    .body());
            assertThat(requests)
                    .allSatisfy(request -> assertThat(request.headers().toString())
                            .containsAnyOf(
                                    Base64.getEncoder()
                                            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
                                    token,
                                    apiKey));
        }

        for (String answer : answers) {
            for (String secret : secrets) {
                assertThat(answer).as("an answer carries a credential").doesNotContain(secret);
            }
        }
        for (Hook hook : hooks) {
            assertThat(showWebhook(hook.id()).get("authentication").propertyNames())
                    .containsExactlyInAnyOrder("type", "add_position");
        }
    }

    /** Each type of authentication as the receiver gets it, in the header. */
    @Test
    void eachAuthenticationIsSentInItsHeader_B2() {
        Hook basic =
                authenticated(fields("type", "basic_auth", "data", fields("username", "ann", "password", "s3 cr:et")));
        Hook bearer = authenticated(fields("type", "bearer_token", "data", fields("token", "tok-123")));
        Hook apiKey = authenticated(fields("type", "api_key", "data", fields("name", "X-Api-Key", "value", "key-456")));

        for (Hook hook : List.of(basic, bearer, apiKey)) {
            Api.Response tested = admin().post(TEST_ENDPOINT + "?webhook_id=" + hook.id(), fields());
            assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        }

        assertThat(awaitRequests(basic, 1).get(0).header("Authorization"))
                .isEqualTo(
                        "Basic " + Base64.getEncoder().encodeToString("ann:s3 cr:et".getBytes(StandardCharsets.UTF_8)));
        assertThat(awaitRequests(bearer, 1).get(0).header("Authorization")).isEqualTo("Bearer tok-123");
        WebhookReceiver.Request keyed = awaitRequests(apiKey, 1).get(0);
        assertThat(keyed.header("X-Api-Key")).isEqualTo("key-456");
        assertThat(keyed.header("Authorization")).isNull();
    }

    /**
     * A client may send back what it read (docs/webhooks-contract.md, "Authentication"): {@code authentication} with the
     * stored type and no {@code data} keeps the stored credentials, by PUT and by PATCH; another type needs its data.
     */
    @Test
    void theStoredTypeWithoutDataKeepsTheCredentialsWhileAnotherTypeNeedsItsData_B2() {
        String token = unique("kept");
        Hook hook = authenticated(fields("type", "bearer_token", "data", fields("token", token)));
        JsonNode read = showWebhook(hook.id());

        Api.Response sentBack = putWebhook(admin().withoutContract(), hook.id(), JSON.convertValue(read, Map.class));
        assertThat(sentBack.status())
                .as("the webhook sent back whole: %s", sentBack)
                .isEqualTo(204);
        JsonNode afterPut = showWebhook(hook.id());
        for (String member : MEMBERS) {
            if (!member.equals("updated_at") && !member.equals("updated_by")) {
                assertThat(afterPut.get(member)).as(member).isEqualTo(read.get(member));
            }
        }
        Api.Response patched = patchWebhook(
                admin(), hook.id(), fields("authentication", fields("type", "bearer_token", "add_position", "header")));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(204);
        assertThat(admin().post(TEST_ENDPOINT + "?webhook_id=" + hook.id(), fields())
                        .status())
                .isEqualTo(200);
        assertThat(awaitRequests(hook, 1).get(0).header("Authorization"))
                .as("the stored token, kept")
                .isEqualTo("Bearer " + token);

        JsonNode before = showWebhook(hook.id());
        assertInvalidNaming(
                patchWebhook(
                        admin().withoutContract(), hook.id(), fields("authentication", fields("type", "basic_auth"))),
                "authentication.data");
        assertInvalidNaming(
                putWebhook(
                        admin().withoutContract(),
                        hook.id(),
                        with(
                                valid(hook.endpoint()),
                                "authentication",
                                fields("type", "api_key", "add_position", "header"))),
                "authentication.data");
        assertThat(showWebhook(hook.id())).as("nothing written").isEqualTo(before);

        Api.Response changed = patchWebhook(
                admin(),
                hook.id(),
                fields(
                        "authentication",
                        fields("type", "basic_auth", "data", fields("username", "u", "password", "p"))));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(admin().post(TEST_ENDPOINT + "?webhook_id=" + hook.id(), fields())
                        .status())
                .isEqualTo(200);
        assertThat(awaitRequests(hook, 2).get(1).header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8)));
    }

    // ---- the signing secret --------------------------------------------------------------------------------------

    @Test
    void theSigningSecretIsReadUncachedAndARotationMakesANewOneThatAloneSignsFromNowOn_B2() {
        Hook hook = hook(CONDITIONAL);
        Hook other = hook(CONDITIONAL);

        Api.Response read = admin().get(webhookPath(hook.id()) + "/signing_secret");

        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.header("Cache-Control")).contains("no-store");
        assertThat(read.json().get("signing_secret").propertyNames()).containsExactlyInAnyOrder("algorithm", "secret");
        String old = secretOf(hook);
        assertThat(old).isEqualTo(read.json().at("/signing_secret/secret").asString());
        assertThat(secretOf(hook)).as("the same until rotated").isEqualTo(old);
        assertThat(secretOf(other)).as("each webhook has its own").isNotEqualTo(old);

        Api.Response rotation = admin().post(webhookPath(hook.id()) + "/signing_secret", null);

        assertThat(rotation.status()).as(rotation.toString()).isEqualTo(201);
        assertThat(rotation.json().at("/signing_secret/algorithm").asString()).isEqualTo("SHA256");
        String fresh = rotation.json().at("/signing_secret/secret").asString();
        assertThat(fresh).isNotBlank().isNotEqualTo(old);
        assertThat(secretOf(hook)).isEqualTo(fresh);
        assertThat(admin().post(TEST_ENDPOINT + "?webhook_id=" + hook.id(), fields())
                        .status())
                .isEqualTo(200);
        WebhookReceiver.Request signed = awaitRequests(hook, 1).get(0);
        assertThat(signedWith(signed, fresh)).as("signed with the new secret").isTrue();
        assertThat(signedWith(signed, old)).as("not with the old one").isFalse();
    }

    /**
     * A secret is shown once (B3, "Secrets are shown once"): a rotation repeated under the same {@code Idempotency-Key}
     * is not replayed with the secret (it is told the secret was shown once, a 409 as for API tokens), rotates nothing
     * again, and no idempotency row holds the secret.
     */
    @Test
    void aRotationRepeatedUnderTheSameIdempotencyKeyDoesNotReplayTheSecret_R22() {
        Hook hook = hook(CONDITIONAL);
        String key = unique("rotate");
        Api keyed = admin().withHeader("Idempotency-Key", key);

        Api.Response first = keyed.post(webhookPath(hook.id()) + "/signing_secret", null);
        Api.Response repeated = keyed.post(webhookPath(hook.id()) + "/signing_secret", null);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String secret = first.json().at("/signing_secret/secret").asString();
        assertThat(repeated.status()).as(repeated.toString()).isEqualTo(409);
        assertThat(repeated.contentType()).startsWith("application/problem+json");
        assertThat(repeated.json().get("error").asString()).isEqualTo("IdempotentRequestError");
        assertThat(repeated.body()).doesNotContain(secret);
        assertThat(secretOf(hook)).as("rotated once").isEqualTo(secret);
        List<byte[]> stored =
                jdbc.query("select body from idempotency_keys where key = ?", (row, n) -> row.getBytes(1), key);
        stored.forEach(
                body -> assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain(secret));
    }

    // ---- the list -----------------------------------------------------------------------------------------------

    @Test
    void theListIsOldestFirstFilteredByNameAndStatusAndPagedByCursor_B2() {
        String tag = unique("ListTag").replace("-", "");
        List<String> ids = new ArrayList<>();
        for (String name : List.of("Alpha " + tag, "beta " + tag.toLowerCase(), "Gamma " + tag.toUpperCase())) {
            ids.add(createdWebhook(hookBody(RECEIVER.url(freshPath()), List.of("ticket.created"), "name", name))
                    .get("id")
                    .asString());
            clock.advance(Duration.ofSeconds(1));
        }
        String inactive = createdWebhook(hookBody(
                        RECEIVER.url(freshPath()),
                        List.of("ticket.created"),
                        "name",
                        "Delta " + tag,
                        "status",
                        "inactive"))
                .get("id")
                .asString();
        ids.add(inactive);

        assertThat(idsOf(webhooks("filter[name_contains]=" + tag.toLowerCase())))
                .as("case-insensitive, oldest first")
                .containsExactlyElementsOf(ids);
        assertThat(idsOf(webhooks("filter[name_contains]=" + tag.toUpperCase())))
                .containsExactlyElementsOf(ids);
        assertThat(idsOf(webhooks("filter[name_contains]=" + tag + "&filter[status]=inactive")))
                .containsExactly(inactive);
        assertThat(idsOf(webhooks("filter[name_contains]=" + tag + "&filter[status]=active")))
                .containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(idsOf(webhooks("filter[status]=inactive")))
                .contains(inactive)
                .doesNotContain(ids.get(0));
        assertThat(idsOf(webhooks("filter[name_contains]=" + unique("nothing"))))
                .isEmpty();
        List<String> all = idsOf(webhooks());
        assertThat(all).containsAll(ids);
        assertThat(all).as("ordered by id").isSorted();

        String filtered = WEBHOOKS + "?filter[name_contains]=" + tag;
        assertThat(idsOf(ApiAssertions.allCursorPages(admin(), filtered, "webhooks", 1)))
                .containsExactlyElementsOf(ids);
        Api.Response first = admin().get(filtered + "&page[size]=3");
        assertThat(first.json().has("count")).isFalse();
        assertThat(first.json().at("/meta/has_more").asBoolean()).isTrue();
        assertThat(first.json().at("/meta/after_cursor").asString()).isNotBlank();
        Api.Response second = admin().get(first.json().at("/links/next").asString());
        assertThat(idsOf(second.json().get("webhooks"))).containsExactly(inactive);
        assertThat(second.json().at("/meta/has_more").asBoolean()).isFalse();
        Api.Response back = admin().get(second.json().at("/links/prev").asString());
        assertThat(idsOf(back.json().get("webhooks"))).containsExactlyElementsOf(ids.subList(0, 3));
    }

    @Test
    void aListFilterOrPageThatCannotBeUsedIsA400NamingIt_B2() {
        assertBadParameter(admin().get(WEBHOOKS + "?filter[status]=paused"), "filter[status]");
        assertBadParameter(admin().get(WEBHOOKS + "?page[size]=0"), "page[size]");
        assertBadParameter(admin().get(WEBHOOKS + "?page[size]=101"), "page[size]");
        assertBadParameter(admin().get(WEBHOOKS + "?page[size]=2&page[after]=!!!"), "page[after]");
    }

    // ---- what does not exist, and who may ------------------------------------------------------------------------

    @Test
    void anUnknownWebhookOrInvocationIsA404_B2() {
        Hook hook = hook("ticket.created");
        Hook other = hook("ticket.created");
        long ticket = parentTicket();
        awaitRequests(hook, 1);
        String invocation = awaitInvocation(hook, "the ticket's creation", i -> i.get("ticket_id")
                        .asString()
                        .equals(String.valueOf(ticket)))
                .get("id")
                .asString();
        Api api = admin().withoutContract();
        List<JsonNode> before = webhooks();

        for (String id : List.of(MISSING_ID, "not-a-ulid", "123", MISSING_ID.toLowerCase())) {
            String path = webhookPath(id);
            assertNotFound(api.get(path));
            assertNotFound(putWebhook(api, id, valid(RECEIVER.url(freshPath()))));
            assertNotFound(patchWebhook(api, id, fields("name", "Nobody")));
            assertNotFound(api.delete(path));
            assertNotFound(api.get(path + "/signing_secret"));
            assertNotFound(api.post(path + "/signing_secret", null));
            assertNotFound(api.get(invocationsPath(id)));
            assertNotFound(api.get(attemptsPath(id, invocation)));
            assertNotFound(api.post(TEST_ENDPOINT + "?webhook_id=" + id, fields()));
        }
        assertNotFound(api.get(attemptsPath(hook.id(), "987654321")));
        assertNotFound(api.get(attemptsPath(hook.id(), "abc")));
        assertNotFound(api.get(attemptsPath(other.id(), invocation)));
        assertThat(webhooks()).as("nothing written").isEqualTo(before);
    }

    @Test
    void onlyAdminsReadOrWriteWebhooksAndAnonymousCallersAreUnauthorized_B2() {
        Hook hook = hook(CONDITIONAL);
        String secret = secretOf(hook);
        TestUser demoted = user("admin");
        assertThat(admin().put("/api/v2/users/" + demoted.id(), Map.of("user", Map.of("role", "agent")))
                        .status())
                .isEqualTo(200);
        List<JsonNode> before = webhooks();

        for (TestUser caller : List.of(agent(), lightAgent(), endUser(), demoted)) {
            for (Api.Response response : everyEndpoint(as(caller), hook)) {
                assertForbidden(response);
                assertThat(response.body()).doesNotContain(secret);
            }
        }
        for (Api.Response response : everyEndpoint(api(), hook)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
        }

        assertThat(webhooks()).as("nothing written").isEqualTo(before);
        assertThat(secretOf(hook)).as("not rotated").isEqualTo(secret);
        assertThat(received(hook)).as("nothing sent").isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private record Case(String what, Map<String, Object> webhook, String member) {}

    /** A valid webhook at this endpoint: a unique name, subscribed to ticket.created. */
    private static Map<String, Object> valid(String endpoint) {
        return hookBody(endpoint, List.of("ticket.created"));
    }

    /** A valid webhook that queues nothing. */
    private static Map<String, Object> inactive(String endpoint) {
        return hookBody(endpoint, List.of("ticket.created"), "name", unique("Limit"), "status", "inactive");
    }

    private static Map<String, Object> without(Map<String, Object> webhook, String member) {
        Map<String, Object> fewer = new LinkedHashMap<>(webhook);
        fewer.remove(member);
        return fewer;
    }

    private static Case auth(String endpoint, String type, Map<String, Object> data, String member) {
        return new Case(
                "a " + type + " with data " + abbreviate(data.toString()),
                with(valid(endpoint), "authentication", fields("type", type, "data", data, "add_position", "header")),
                member);
    }

    private static Case header(String endpoint, String name, String value) {
        return new Case(
                "the custom header " + abbreviate(name) + ": " + abbreviate(value),
                with(valid(endpoint), "custom_headers", fields(name, value)),
                "custom_headers." + name);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** A webhook with this authentication, at a fresh path, for {@code conditional_ticket_events}. */
    private Hook authenticated(Map<String, Object> authentication) {
        return hook(List.of(CONDITIONAL), "authentication", authentication);
    }

    /** Every webhook endpoint, called by this caller on the hook (writes with valid bodies). */
    private List<Api.Response> everyEndpoint(Api caller, Hook hook) {
        String path = webhookPath(hook.id());
        return List.of(
                caller.get(WEBHOOKS),
                caller.post(WEBHOOKS, Map.of("webhook", valid(RECEIVER.url(freshPath())))),
                caller.get(path),
                putWebhook(caller, hook.id(), valid(hook.endpoint())),
                patchWebhook(caller, hook.id(), fields("name", unique("Taken over"))),
                caller.delete(path),
                caller.get(path + "/signing_secret"),
                caller.post(path + "/signing_secret", null),
                caller.post(TEST_ENDPOINT, Map.of("webhook", Map.of("endpoint", hook.endpoint()))),
                caller.post(TEST_ENDPOINT + "?webhook_id=" + hook.id(), fields()),
                caller.get(invocationsPath(hook.id())),
                caller.get(attemptsPath(hook.id(), "1")));
    }

    private static List<String> idsOf(List<JsonNode> webhooks) {
        return webhooks.stream().map(webhook -> webhook.get("id").asString()).toList();
    }

    private static List<String> idsOf(JsonNode webhooks) {
        List<String> ids = new ArrayList<>();
        webhooks.forEach(webhook -> ids.add(webhook.get("id").asString()));
        return ids;
    }
}
