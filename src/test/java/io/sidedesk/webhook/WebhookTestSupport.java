package io.sidedesk.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.MutableClock;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the webhook suites (issue 24, B2, docs/webhooks-contract.md) stand on: a real receiver ({@link WebhookReceiver}:
 * the JDK's HTTP server on 127.0.0.1, which the test profile allows as a webhook host) that records every request and
 * answers from a script per path; webhooks made by a test, each pointing at a path of its own and deleted after the
 * test (webhooks are account-wide: one left behind would receive every later test's events); reads of webhooks,
 * their invocations and attempts; and the signature, computed here with {@code javax.crypto}.
 *
 * <p>Time: the service's clock is a {@link MutableClock} that stands still. An event queued by a commit is sent at once
 * (the commit wakes the senders); a retry is due only after the test moves the clock past its backoff (backoff times
 * up to 1.2: move it by {@link #PAST_ANY_BACKOFF}) and calls {@link #sendDue()}, which sends on the test's thread.
 * The senders' own look for due invocations is an hour apart here. A wait ({@link #await}) only bounds a hang: it is
 * never a measure of speed. That something was <em>not</em> sent is read from the invocations (queued in the write's
 * transaction, so they are there when the write answers) or after {@link #sendDue()} has run everything due, never
 * from a pause.
 *
 * <p>This context's settings: {@value #MAX_ATTEMPTS} attempts, the breaker opening after {@value #BREAKER_THRESHOLD}
 * failures in a row for a minute, backoff from 30 s up to 2 h, a 2 s timeout. Subclasses add no properties of their
 * own, so that they share one context (but {@code WebhookSsrfTests}, which allows no host).
 *
 * <p>Test hooks the implementation provides: the bean {@link WebhookSender}, with {@code int sendDue()} (claim, send
 * and record rounds on the caller's thread until nothing is due now: the number of attempts made) and
 * {@code void wake()}.
 */
@Import(MutableClock.AsTheServiceClock.class)
abstract class WebhookTestSupport extends SideConversationTestSupport {

    static final String WEBHOOKS = "/api/v2/webhooks";

    static final String TEST_ENDPOINT = WEBHOOKS + "/test";

    /** Zendesk's documented static secret that signs the requests of {@code /webhooks/test} without a webhook. */
    static final String TEST_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

    static final String EVENT = "zen:event-type:";

    static final String CONDITIONAL = "conditional_ticket_events";

    static final int MAX_ATTEMPTS = 4;

    static final int BREAKER_THRESHOLD = 3;

    static final Duration BREAKER_COOLDOWN = Duration.ofMinutes(1);

    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(30);

    static final Duration MAX_BACKOFF = Duration.ofHours(2);

    /** Past any backoff (at most 2 h, times at most 1.2) and any cool-down (at most 1 h): whatever is due is due. */
    static final Duration PAST_ANY_BACKOFF = Duration.ofHours(3);

    /** How long a test waits for the senders before it calls it a hang: never a measure of speed. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    /** A ULID (26 characters of Crockford's base32) that no webhook has. */
    static final String MISSING_ID = "01JF0000000000000000000ZZZ";

    static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** ISO 8601 UTC to the second, as the signature's timestamp is written. */
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    /** Every event type a webhook may subscribe to (docs/webhooks-contract.md, "Events"). */
    static final List<String> EVENT_TYPES = List.of(
            EVENT + "ticket.created",
            EVENT + "ticket.status_changed",
            EVENT + "ticket.priority_changed",
            EVENT + "ticket.type_changed",
            EVENT + "ticket.subject_changed",
            EVENT + "ticket.agent_assignment_changed",
            EVENT + "ticket.group_assignment_changed",
            EVENT + "ticket.tags_changed",
            EVENT + "ticket.comment_added",
            EVENT + "ticket.external_id_changed",
            EVENT + "ticket.custom_field_changed",
            EVENT + "ticket.requester_changed",
            EVENT + "side_conversation.created",
            EVENT + "side_conversation.replied",
            EVENT + "side_conversation.closed",
            EVENT + "side_conversation.reopened",
            EVENT + "side_conversation.child_ticket_linked",
            EVENT + "side_conversation.link_broken");

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One receiver for the JVM, shared by both webhook contexts; each test uses paths of its own. */
    static final WebhookReceiver RECEIVER = WebhookReceiver.started();

    @DynamicPropertySource
    static void webhookSettings(DynamicPropertyRegistry registry) {
        registry.add("sidedesk.webhooks.max-attempts", () -> MAX_ATTEMPTS);
        registry.add("sidedesk.webhooks.breaker-threshold", () -> BREAKER_THRESHOLD);
        registry.add("sidedesk.webhooks.breaker-cooldown", () -> "1m");
        registry.add("sidedesk.webhooks.initial-backoff", () -> "30s");
        registry.add("sidedesk.webhooks.max-backoff", () -> "2h");
        registry.add("sidedesk.webhooks.poll-interval", () -> "1h");
        registry.add("sidedesk.webhooks.timeout", () -> "2s");
    }

    @Autowired
    MutableClock clock;

    @Autowired
    WebhookSender sender;

    /** The webhooks this test made (those it deleted itself too): every one deleted after it. */
    private final List<String> madeWebhooks = new ArrayList<>();

    @AfterEach
    void deleteTheWebhooks() {
        for (String id : madeWebhooks) {
            Api.Response response = admin().withoutContract().delete(WEBHOOKS + "/" + id);
            assertThat(response.status()).as(response.toString()).isIn(204, 404);
        }
    }

    // ---- the receiver ---------------------------------------------------------------------------------------

    /** A path of the receiver's that no other test uses. */
    static String freshPath() {
        return "/hooks/" + unique("h");
    }

    /** What a webhook is: its id, the receiver's path it points at, and that endpoint. */
    record Hook(String id, String path, String endpoint) {}

    /** Waits until the path has received at least {@code count} requests: every request it received, in order. */
    static List<WebhookReceiver.Request> awaitRequests(String path, int count) {
        await(
                count + " requests on " + path + " (received " + RECEIVER.requests(path) + ")",
                () -> RECEIVER.count(path) >= count);
        return RECEIVER.requests(path);
    }

    static List<WebhookReceiver.Request> awaitRequests(Hook hook, int count) {
        return awaitRequests(hook.path(), count);
    }

    /** Every request the hook's path received, in order. */
    static List<WebhookReceiver.Request> received(Hook hook) {
        return RECEIVER.requests(hook.path());
    }

    /** The parsed bodies of the requests. */
    static List<JsonNode> payloads(List<WebhookReceiver.Request> requests) {
        return requests.stream().map(WebhookReceiver.Request::json).toList();
    }

    /** The event bodies the hook received about this ticket ({@code subject} zen:ticket:id), in order. */
    static List<JsonNode> eventsAbout(Hook hook, long ticket) {
        return payloads(received(hook)).stream()
                .filter(body -> body.path("subject").asString("").equals("zen:ticket:" + ticket))
                .toList();
    }

    /** The one item of a list, which must hold exactly one. */
    static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** The event types of the bodies, in order. */
    static List<String> types(List<JsonNode> bodies) {
        return bodies.stream().map(body -> body.get("type").asString()).toList();
    }

    // ---- time and the senders -----------------------------------------------------------------------------

    /** Runs every send that is due now, on this thread: the attempts made. */
    int sendDue() {
        return sender.sendDue();
    }

    /** Moves the service's clock past any backoff and runs whatever is then due: the attempts made. */
    int laterSendDue() {
        clock.advance(PAST_ANY_BACKOFF);
        return sendDue();
    }

    /** Reads until what is read meets the condition (at most {@link #PATIENCE}): the last read. */
    static <T> T eventually(String what, Supplier<T> read, Predicate<T> holds) {
        List<T> last = new ArrayList<>(1);
        await(what, () -> {
            T value = read.get();
            last.clear();
            last.add(value);
            return holds.test(value);
        });
        return last.get(0);
    }

    // ---- webhooks -------------------------------------------------------------------------------------------

    /** {@code zen:event-type:} + the name, or the name itself for {@code conditional_ticket_events}. */
    static String type(String name) {
        return name.equals(CONDITIONAL) || name.startsWith(EVENT) ? name : EVENT + name;
    }

    /** A webhook of this test: a unique name, the endpoint and subscriptions (by name), then more members. */
    static Map<String, Object> hookBody(String endpoint, List<String> subscriptions, Object... more) {
        Map<String, Object> webhook = fields(
                "name",
                unique("Webhook"),
                "endpoint",
                endpoint,
                "subscriptions",
                subscriptions.stream().map(WebhookTestSupport::type).toList());
        webhook.putAll(fields(more));
        return webhook;
    }

    /** Posts a webhook as this caller ({@code {"webhook": body}}), noting it when created so it is deleted after. */
    Api.Response postWebhook(Api caller, Map<String, Object> webhook) {
        Api.Response response = caller.post(WEBHOOKS, Map.of("webhook", webhook));
        if (response.status() == 201) {
            madeWebhooks.add(response.json().at("/webhook/id").asString());
        }
        return response;
    }

    /** Creates the webhook as the admin (which must succeed): the webhook. */
    JsonNode createdWebhook(Map<String, Object> webhook) {
        Api.Response response = postWebhook(admin(), webhook);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("webhook");
    }

    /** A webhook at a fresh path of the receiver, subscribed to these events (by name), with more members. */
    Hook hook(List<String> subscriptions, Object... more) {
        String path = freshPath();
        JsonNode webhook = createdWebhook(hookBody(RECEIVER.url(path), subscriptions, more));
        return new Hook(webhook.get("id").asString(), path, RECEIVER.url(path));
    }

    /** A webhook at a fresh path of the receiver, subscribed to these events (by name). */
    Hook hook(String... subscriptions) {
        return hook(List.of(subscriptions));
    }

    /** A webhook subscribed to every event type. */
    Hook hookForEverything() {
        return hook(EVENT_TYPES);
    }

    /** Notes a webhook made another way (as another admin) so that it is deleted after the test. */
    void made(String id) {
        madeWebhooks.add(id);
    }

    static String webhookPath(String id) {
        return WEBHOOKS + "/" + id;
    }

    /** The webhook as the admin reads it (which must succeed). */
    JsonNode showWebhook(String id) {
        Api.Response response = admin().get(webhookPath(id));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("webhook");
    }

    /** Every webhook the admin lists with this query (may be empty), every page, oldest first. */
    List<JsonNode> webhooks(String query) {
        return ApiAssertions.all(admin(), WEBHOOKS + (query.isEmpty() ? "" : "?" + query), "webhooks");
    }

    /** Every webhook, every page. */
    List<JsonNode> webhooks() {
        return webhooks("");
    }

    static Api.Response putWebhook(Api caller, String id, Map<String, Object> webhook) {
        return caller.put(webhookPath(id), Map.of("webhook", webhook));
    }

    /** A JSON merge patch sent as {@code application/json}. */
    static Api.Response patchWebhook(Api caller, String id, Map<String, Object> webhook) {
        return caller.send("PATCH", webhookPath(id), Map.of("webhook", webhook));
    }

    /** A JSON merge patch sent as {@code application/merge-patch+json}. */
    static Api.Response mergePatchWebhook(Api caller, String id, Map<String, Object> webhook) {
        return caller.send("PATCH", webhookPath(id), Map.of("webhook", webhook), "application/merge-patch+json");
    }

    /** The webhook's signing secret as the admin reads it. */
    String secretOf(String id) {
        Api.Response response = admin().get(webhookPath(id) + "/signing_secret");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().at("/signing_secret/algorithm").asString()).isEqualTo("SHA256");
        String secret = response.json().at("/signing_secret/secret").asString();
        assertThat(secret).isNotBlank();
        return secret;
    }

    String secretOf(Hook hook) {
        return secretOf(hook.id());
    }

    /** A new signing secret (which must be made): the secret. */
    String rotated(String id) {
        Api.Response response = admin().post(webhookPath(id) + "/signing_secret", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String secret = response.json().at("/signing_secret/secret").asString();
        assertThat(secret).isNotBlank();
        return secret;
    }

    // ---- invocations and attempts ----------------------------------------------------------------------------

    static String invocationsPath(String id) {
        return webhookPath(id) + "/invocations";
    }

    static String attemptsPath(String id, String invocation) {
        return invocationsPath(id) + "/" + invocation + "/attempts";
    }

    /** The hook's invocations as the admin lists them with this query, every page, newest first. */
    List<JsonNode> invocations(String id, String query) {
        return ApiAssertions.all(admin(), invocationsPath(id) + (query.isEmpty() ? "" : "?" + query), "invocations");
    }

    List<JsonNode> invocations(Hook hook) {
        return invocations(hook.id(), "");
    }

    /** The hook's invocations about this ticket, oldest first. */
    List<JsonNode> invocationsAbout(Hook hook, long ticket) {
        List<JsonNode> about = new ArrayList<>(invocations(hook).stream()
                .filter(invocation -> invocation.get("ticket_id").asString().equals(String.valueOf(ticket)))
                .toList());
        java.util.Collections.reverse(about);
        return about;
    }

    /** The hook's one invocation with this event id. */
    JsonNode invocationOf(Hook hook, String eventId) {
        List<JsonNode> found = invocations(hook).stream()
                .filter(invocation -> invocation.get("event_id").asString().equals(eventId))
                .toList();
        assertThat(found).as("the invocation of event %s", eventId).hasSize(1);
        return found.get(0);
    }

    /** Waits until the hook has an invocation that meets the condition: that invocation. */
    JsonNode awaitInvocation(Hook hook, String what, Predicate<JsonNode> holds) {
        List<JsonNode> invocations = eventually(
                what + " among the invocations of " + hook.id(), () -> invocations(hook), list -> list.stream()
                        .anyMatch(holds));
        return invocations.stream().filter(holds).findFirst().orElseThrow();
    }

    /** Waits until the invocation of this event has made {@code attempts} attempts and recorded the last. */
    JsonNode awaitAttempts(Hook hook, String eventId, int attempts) {
        return awaitInvocation(
                hook,
                "event " + eventId + " after " + attempts + " attempts",
                invocation -> invocation.get("event_id").asString().equals(eventId)
                        && invocation.get("attempts").asInt() == attempts
                        && !invocation.get("latest_completed_at").isNull());
    }

    /** Waits until the invocation of this event is no longer pending. */
    JsonNode awaitSettled(Hook hook, String eventId) {
        return awaitInvocation(
                hook,
                "event " + eventId + " settled",
                invocation -> invocation.get("event_id").asString().equals(eventId)
                        && !invocation.get("status").asString().equals("pending"));
    }

    /** The attempts of an invocation, oldest first. */
    List<JsonNode> attempts(String id, String invocation) {
        Api.Response response = admin().get(attemptsPath(id, invocation));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> attempts = new ArrayList<>();
        response.json().get("attempts").forEach(attempts::add);
        return attempts;
    }

    // ---- signatures -----------------------------------------------------------------------------------------

    /** base64(HMAC-SHA256(the secret's UTF-8 bytes, timestamp + body)), as the contract signs. */
    static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the request's signature is the one this secret makes of its timestamp and body, byte for byte. */
    static boolean signedWith(WebhookReceiver.Request request, String secret) {
        String timestamp = request.header("X-Zendesk-Webhook-Signature-Timestamp");
        String given = request.header("X-Zendesk-Webhook-Signature");
        if (timestamp == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(
                signature(secret, timestamp, request.body()).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    // ---- assertions -----------------------------------------------------------------------------------------

    /**
     * A 422 {@code RecordInvalid} whose details name the member exactly, or one of its elements or members
     * ({@code subscriptions[1]}, {@code authentication.data.token}).
     */
    static void assertInvalidNaming(Api.Response response, String member) {
        ApiAssertions.assertInvalid(response);
        assertThat(response.json().get("details").propertyNames())
                .as("details name %s: %s", member, response)
                .anySatisfy(name -> assertThat(
                                name.equals(member) || name.startsWith(member + "[") || name.startsWith(member + "."))
                        .isTrue());
    }

    /** A 400 problem whose details name the query parameter. */
    static void assertBadParameter(Api.Response response, String parameter) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("details").has(parameter))
                .as("details name %s: %s", parameter, response)
                .isTrue();
    }

    /** Keys and values as a map whose values may be null (a member sent as null). */
    static Map<String, Object> nullable(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    /** The value as JSON, read back from its text (so that it compares as the service's answers read). */
    static JsonNode json(Object value) {
        return JSON.readTree(JSON.writeValueAsString(value));
    }

    /** The bootstrap admin's user id. */
    long adminId() {
        return admin().get("/api/v2/users/me").json().at("/user/id").asLong();
    }
}
