package io.sidedesk.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook delivery against a real receiver (docs/webhooks-contract.md, "Events", "Delivery", "Test a webhook"; B2):
 * every header and the body's shape, signed over timestamp and body with the webhook's own secret; change events with
 * the previous and the current value; retries with backoff for 5xx, 409, 429 (waiting out {@code Retry-After}),
 * timeouts and connection errors, and none for other 4xx and redirects; {@code failed} after the last attempt; the
 * circuit breaker; nothing for a write that rolls back; order per ticket; the invocations' filters and paging;
 * inactive webhooks, subscriptions, and webhooks whose creator is no longer an active admin; the side conversation
 * events of parent and child with one correlation id; and {@code POST /api/v2/webhooks/test}.
 */
class WebhookDeliveryTests extends WebhookTestSupport {

    private static final Set<String> BODY = Set.of(
            "type",
            "account_id",
            "id",
            "time",
            "zendesk_event_version",
            "subject",
            "correlation_id",
            "detail",
            "event");

    private static final Set<String> INVOCATION = Set.of(
            "id",
            "status",
            "status_code",
            "latest_completed_at",
            "event_id",
            "event_type",
            "ticket_id",
            "correlation_id",
            "attempts",
            "next_attempt_at",
            "created_at");

    private static final Set<String> ATTEMPT =
            Set.of("id", "invocation_id", "status", "status_code", "error", "duration_ms", "completed_at");

    /** An event's time: ISO 8601 UTC to the millisecond. */
    private static final Pattern EVENT_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    /** An HTTP date (IMF-fixdate), as a {@code Retry-After} may carry it. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @Autowired
    private JdbcTemplate jdbc;

    // ---- one delivery, as the receiver gets it ------------------------------------------------------------------

    @Test
    void aTicketEventIsDeliveredOnceWithEveryHeaderOfTheContractAndABodyOfItsShape_B2() {
        // The service's clock a day away from the machine's, so that a time taken from the wrong clock shows.
        clock.advance(Duration.ofDays(1));
        String path = freshPath();
        String token = unique("token");
        JsonNode webhook = createdWebhook(hookBody(
                RECEIVER.url(path + "?source=sidedesk"),
                List.of("ticket.created"),
                "authentication",
                fields("type", "bearer_token", "data", fields("token", token)),
                "custom_headers",
                fields("X-Team", "billing")));
        Hook hook = new Hook(
                webhook.get("id").asString(), path, webhook.get("endpoint").asString());
        Hook other = hook(CONDITIONAL);
        Team team = team(true);
        TestUser requester = endUser();
        // On a whole second, the edge of the format: "time" still has its three fraction digits (".000").
        clock.set(clock.instant()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .plusSeconds(1));
        Instant now = clock.instant();
        String subject = unique("The printer");

        long ticket = created(
                        admin(),
                        fields(
                                "subject",
                                subject,
                                "comment",
                                body("It is on fire"),
                                "requester_id",
                                requester.id(),
                                "group_id",
                                team.group(),
                                "priority",
                                "high",
                                "type",
                                "incident",
                                "tags",
                                List.of("printer")))
                .get("id")
                .asLong();

        WebhookReceiver.Request request = awaitRequests(hook, 1).get(0);
        JsonNode invocation = awaitSettled(hook, request.header("X-Sidedesk-Event-Id"));
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.query()).as("the endpoint's query, as written").isEqualTo("source=sidedesk");
        assertThat(request.header("Content-Type").replace(" ", "").toLowerCase(Locale.ROOT))
                .isEqualTo("application/json;charset=utf-8");
        assertThat(request.header("User-Agent")).isEqualTo("Sidedesk-Webhook");
        assertThat(request.header("X-Zendesk-Webhook-Id")).isEqualTo(hook.id());
        assertThat(request.header("X-Zendesk-Webhook-Invocation-Id"))
                .isEqualTo(invocation.get("id").asString());
        String timestamp = request.header("X-Zendesk-Webhook-Signature-Timestamp");
        assertThat(timestamp).matches(TIMESTAMP);
        assertThat(Duration.between(Instant.parse(timestamp), now).abs())
                .as("the service's time of the request, to the second")
                .isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(signedWith(request, secretOf(hook)))
                .as("signed with the webhook's secret")
                .isTrue();
        assertThat(signedWith(request, secretOf(other)))
                .as("not with another's")
                .isFalse();
        assertThat(signedWith(request, TEST_SECRET))
                .as("not with the test secret")
                .isFalse();
        assertThat(request.header("X-Sidedesk-Attempt")).isEqualTo("1");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(request.header("X-Team")).isEqualTo("billing");

        JsonNode body = request.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrderElementsOf(BODY);
        assertThat(body.get("type").asString()).isEqualTo(EVENT + "ticket.created");
        assertThat(body.get("account_id").isNumber())
                .as("account_id is a number")
                .isTrue();
        assertThat(body.get("id").asString()).matches(UUID_TEXT);
        assertThat(request.header("X-Sidedesk-Event-Id"))
                .isEqualTo(body.get("id").asString());
        assertThat(body.get("correlation_id").asString()).matches(UUID_TEXT);
        assertThat(request.header("X-Sidedesk-Correlation-Id"))
                .isEqualTo(body.get("correlation_id").asString());
        assertThat(body.get("time").asString()).matches(EVENT_TIME);
        assertThat(Duration.between(Instant.parse(body.get("time").asString()), now)
                        .abs())
                .as("the write's time, on the service's clock")
                .isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(body.get("zendesk_event_version").asString()).isEqualTo("2022-11-06");
        assertThat(body.get("subject").asString()).isEqualTo("zen:ticket:" + ticket);
        assertThat(body.get("event").isObject()).isTrue();
        assertThat(body.get("event"))
                .as("ticket.created carries an empty event")
                .isEmpty();

        JsonNode detail = body.get("detail");
        JsonNode read = ticket(ticket);
        assertThat(detail.get("id").isString()).as("ids are strings").isTrue();
        assertThat(detail.get("id").asString()).isEqualTo(String.valueOf(ticket));
        assertThat(detail.get("subject").asString()).isEqualTo(subject);
        assertThat(detail.get("description").asString()).isEqualTo("It is on fire");
        assertThat(detail.get("status").asString()).isEqualTo(read.get("status").asString());
        assertThat(detail.get("priority").asString()).isEqualTo("high");
        assertThat(detail.get("type").asString()).isEqualTo("incident");
        assertThat(detail.get("requester_id").isString()).isTrue();
        assertThat(detail.get("requester_id").asString()).isEqualTo(String.valueOf(requester.id()));
        assertThat(detail.get("submitter_id").asString()).isEqualTo(String.valueOf(adminId()));
        assertThat(detail.get("assignee_id").isNull()).isTrue();
        assertThat(detail.get("group_id").isString()).isTrue();
        assertThat(detail.get("group_id").asString()).isEqualTo(String.valueOf(team.group()));
        assertThat(detail.get("external_id").isNull()).isTrue();
        assertThat(strings(detail.get("tags"))).containsExactlyInAnyOrderElementsOf(strings(read.get("tags")));
        assertThat(detail.get("is_public").asBoolean()).isTrue();
        assertThat(Instant.parse(detail.get("created_at").asString())).isNotNull();
        assertThat(Instant.parse(detail.get("updated_at").asString())).isNotNull();
        assertThat(detail.at("/via/channel").asString()).isEqualTo("api");
        assertThat(detail.get("actor_id").asString()).isEqualTo(String.valueOf(adminId()));
        assertThat(detail.path("child_of").isMissingNode()
                        || detail.get("child_of").isNull())
                .as("child_of only on child tickets: %s", detail)
                .isTrue();

        assertThat(invocation.propertyNames()).containsExactlyInAnyOrderElementsOf(INVOCATION);
        assertThat(invocation.get("id").isString()).isTrue();
        assertThat(invocation.get("status").asString()).isEqualTo("success");
        assertThat(invocation.get("status_code").asInt()).isEqualTo(200);
        assertThat(invocation.get("attempts").asInt()).isEqualTo(1);
        assertThat(invocation.get("next_attempt_at").isNull()).isTrue();
        assertThat(invocation.get("event_id").asString())
                .isEqualTo(body.get("id").asString());
        assertThat(invocation.get("event_type").asString()).isEqualTo(EVENT + "ticket.created");
        assertThat(invocation.get("ticket_id").asString()).isEqualTo(String.valueOf(ticket));
        assertThat(invocation.get("correlation_id").asString())
                .isEqualTo(body.get("correlation_id").asString());
        assertThat(Duration.between(Instant.parse(invocation.get("created_at").asString()), now)
                        .abs())
                .isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(Instant.parse(invocation.get("latest_completed_at").asString()))
                .isNotNull();
        JsonNode attempt = single(attempts(hook.id(), invocation.get("id").asString()));
        assertThat(attempt.propertyNames()).containsExactlyInAnyOrderElementsOf(ATTEMPT);
        assertThat(attempt.get("invocation_id").asString())
                .isEqualTo(invocation.get("id").asString());
        assertThat(attempt.get("status").asString()).isEqualTo("success");
        assertThat(attempt.get("status_code").asInt()).isEqualTo(200);
        assertThat(attempt.get("error").isNull()).isTrue();
        assertThat(attempt.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(attempt.get("completed_at").asString())
                .isEqualTo(invocation.get("latest_completed_at").asString());

        // Delivered is delivered: nothing is due again, however late.
        laterSendDue();
        assertThat(received(hook)).hasSize(1);
    }

    @Test
    void eachWebhookSignsWithItsOwnSecretAndARotatedSecretSignsTheNextDelivery_B2() {
        Hook first = hook("ticket.created");
        Hook second = hook("ticket.created");
        String firstSecret = secretOf(first);
        String secondSecret = secretOf(second);

        parentTicket();

        WebhookReceiver.Request toFirst = awaitRequests(first, 1).get(0);
        WebhookReceiver.Request toSecond = awaitRequests(second, 1).get(0);
        assertThat(signedWith(toFirst, firstSecret)).isTrue();
        assertThat(signedWith(toFirst, secondSecret)).isFalse();
        assertThat(signedWith(toSecond, secondSecret)).isTrue();
        assertThat(signedWith(toSecond, firstSecret)).isFalse();
        assertThat(toFirst.header("X-Sidedesk-Correlation-Id"))
                .as("one write")
                .isEqualTo(toSecond.header("X-Sidedesk-Correlation-Id"));

        String rotated = rotated(first.id());
        parentTicket();

        WebhookReceiver.Request next = awaitRequests(first, 2).get(1);
        assertThat(signedWith(next, rotated)).as("the new secret signs").isTrue();
        assertThat(signedWith(next, firstSecret))
                .as("the old one signs nothing")
                .isFalse();
    }

    // ---- events -----------------------------------------------------------------------------------------------

    /**
     * One write that changes everything a ticket event names yields one event per change (and one for the comment),
     * each with its own id, all with the write's correlation id and time, each carrying the previous and the current
     * value (ids as strings), and the ticket as the write left it.
     */
    @Test
    void eachChangeOfAWriteIsAnEventWithItsPreviousAndCurrentValueAndOneCorrelationId_B2() {
        Team before = team(true);
        Team after = team(true);
        TestUser firstRequester = endUser();
        TestUser secondRequester = endUser();
        long field = ok(
                        admin().post(
                                        "/api/v2/ticket_fields",
                                        Map.of(
                                                "ticket_field",
                                                Map.of("type", "text", "title", unique("Webhook field")))),
                        201)
                .at("/ticket_field/id")
                .asLong();
        long form = ok(
                        admin().post(
                                        "/api/v2/ticket_forms",
                                        Map.of(
                                                "ticket_form",
                                                Map.of(
                                                        "name",
                                                        unique("Webhook form"),
                                                        "ticket_field_ids",
                                                        List.of(field)))),
                        201)
                .at("/ticket_form/id")
                .asLong();
        String firstSubject = unique("Before");
        long ticket = created(
                        admin(),
                        fields(
                                "subject",
                                firstSubject,
                                "comment",
                                body("Start"),
                                "requester_id",
                                firstRequester.id(),
                                "group_id",
                                before.group(),
                                "ticket_form_id",
                                form,
                                "tags",
                                List.of("alpha", "beta")))
                .get("id")
                .asLong();
        String statusBefore = ticket(ticket).get("status").asString();
        List<String> changes = List.of(
                "ticket.status_changed",
                "ticket.priority_changed",
                "ticket.type_changed",
                "ticket.subject_changed",
                "ticket.agent_assignment_changed",
                "ticket.group_assignment_changed",
                "ticket.tags_changed",
                "ticket.comment_added",
                "ticket.external_id_changed",
                "ticket.custom_field_changed",
                "ticket.requester_changed");
        Hook hook = hook(changes);
        String secondSubject = unique("After");
        String externalId = unique("ext");

        updated(
                admin(),
                ticket,
                fields(
                        "status",
                        "pending",
                        "priority",
                        "high",
                        "type",
                        "problem",
                        "subject",
                        secondSubject,
                        "group_id",
                        after.group(),
                        "assignee_id",
                        after.agent().id(),
                        "tags",
                        List.of("beta", "gamma"),
                        "comment",
                        fields("body", "An internal note", "public", false),
                        "external_id",
                        externalId,
                        "custom_fields",
                        List.of(fields("id", field, "value", "v1")),
                        "requester_id",
                        secondRequester.id()));

        List<JsonNode> events = payloads(awaitRequests(hook, changes.size()));
        sendDue();
        assertThat(received(hook)).as("one event per change").hasSize(changes.size());
        assertThat(types(events))
                .containsExactlyInAnyOrderElementsOf(
                        changes.stream().map(c -> EVENT + c).toList());
        assertThat(events.stream().map(e -> e.get("correlation_id").asString()).distinct())
                .as("one correlation id")
                .hasSize(1);
        assertThat(events.stream().map(e -> e.get("time").asString()).distinct())
                .as("one time")
                .hasSize(1);
        assertThat(events.stream().map(e -> e.get("id").asString()).distinct())
                .as("an id each")
                .hasSize(changes.size());
        for (JsonNode event : events) {
            assertThat(event.get("subject").asString()).isEqualTo("zen:ticket:" + ticket);
            assertThat(event.at("/detail/status").asString()).isEqualTo("pending");
            assertThat(event.at("/detail/subject").asString()).isEqualTo(secondSubject);
        }
        assertThat(change(events, "status_changed"))
                .isEqualTo(json(fields("previous", statusBefore, "current", "pending")));
        assertThat(change(events, "priority_changed")).isEqualTo(json(fields("previous", null, "current", "high")));
        assertThat(change(events, "type_changed")).isEqualTo(json(fields("previous", null, "current", "problem")));
        assertThat(change(events, "subject_changed"))
                .isEqualTo(json(fields("previous", firstSubject, "current", secondSubject)));
        assertThat(change(events, "agent_assignment_changed"))
                .isEqualTo(json(fields(
                        "previous",
                        null,
                        "current",
                        String.valueOf(after.agent().id()))));
        assertThat(change(events, "group_assignment_changed"))
                .isEqualTo(json(
                        fields("previous", String.valueOf(before.group()), "current", String.valueOf(after.group()))));
        JsonNode tags = change(events, "tags_changed");
        assertThat(tags.propertyNames()).containsExactlyInAnyOrder("tags_added", "tags_removed");
        assertThat(strings(tags.get("tags_added"))).containsExactly("gamma");
        assertThat(strings(tags.get("tags_removed"))).containsExactly("alpha");
        assertThat(change(events, "external_id_changed"))
                .isEqualTo(json(fields("previous", null, "current", externalId)));
        assertThat(change(events, "custom_field_changed"))
                .isEqualTo(json(fields("field_id", String.valueOf(field), "previous", null, "current", "v1")));
        assertThat(change(events, "requester_changed"))
                .isEqualTo(json(fields(
                        "previous",
                        String.valueOf(firstRequester.id()),
                        "current",
                        String.valueOf(secondRequester.id()))));
        JsonNode comment = change(events, "comment_added").get("comment");
        JsonNode stored = last(comments(ticket));
        assertThat(comment.get("id").asString()).isEqualTo(stored.get("id").asString());
        assertThat(comment.get("id").isString()).isTrue();
        assertThat(comment.get("body").asString()).isEqualTo("An internal note");
        assertThat(comment.get("is_public").asBoolean()).isFalse();
        assertThat(comment.at("/author/id").asString()).isEqualTo(String.valueOf(adminId()));
    }

    @Test
    void aWebhookSubscribedToOneTypeGetsOnlyThatType_B2() {
        long ticket = parentTicket();
        Hook hook = hook("ticket.priority_changed");

        updated(admin(), ticket, fields("priority", "urgent", "status", "pending", "comment", body("Hurry")));

        JsonNode event = awaitRequests(hook, 1).get(0).json();
        sendDue();
        assertThat(received(hook)).hasSize(1);
        assertThat(event.get("type").asString()).isEqualTo(EVENT + "ticket.priority_changed");
        assertThat(invocations(hook))
                .extracting(invocation -> invocation.get("event_type").asString())
                .containsExactly(EVENT + "ticket.priority_changed");
    }

    // ---- retries ----------------------------------------------------------------------------------------------

    @Test
    void aServerErrorIsRetriedWithTheSameEventAfterItsBackoffUntilItSucceeds_B2() {
        Hook hook = hook("ticket.created");
        RECEIVER.script(hook.path(), WebhookReceiver.Answer.status(503));

        parentTicket();

        WebhookReceiver.Request first = awaitRequests(hook, 1).get(0);
        String eventId = first.header("X-Sidedesk-Event-Id");
        JsonNode pending = awaitAttempts(hook, eventId, 1);
        assertThat(pending.get("status").asString()).isEqualTo("pending");
        assertThat(pending.get("status_code").asInt()).isEqualTo(503);
        assertBackoff(pending, INITIAL_BACKOFF);

        sendDue();
        clock.advance(Duration.ofSeconds(20));
        sendDue();
        assertThat(received(hook)).as("not before its backoff (at least 24 s)").hasSize(1);

        clock.advance(Duration.ofSeconds(20));
        sendDue();

        WebhookReceiver.Request second = awaitRequests(hook, 2).get(1);
        assertThat(second.header("X-Sidedesk-Attempt")).isEqualTo("2");
        assertThat(second.header("X-Sidedesk-Event-Id"))
                .as("the same event, the receiver's dedupe key")
                .isEqualTo(eventId);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(signedWith(second, secretOf(hook))).isTrue();
        JsonNode done = awaitSettled(hook, eventId);
        assertThat(done.get("status").asString()).isEqualTo("success");
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        assertThat(done.get("status_code").asInt()).isEqualTo(200);
        assertThat(done.get("next_attempt_at").isNull()).isTrue();
        List<JsonNode> attempts = attempts(hook.id(), done.get("id").asString());
        assertThat(attempts).extracting(a -> a.get("status").asString()).containsExactly("failed", "success");
        assertThat(attempts).extracting(a -> a.get("status_code").asInt()).containsExactly(503, 200);
        laterSendDue();
        assertThat(received(hook)).hasSize(2);
    }

    @Test
    void aConflictAndTooManyRequestsAreRetried_B2() {
        Hook hook = hook("ticket.created");
        RECEIVER.script(hook.path(), WebhookReceiver.Answer.status(409), WebhookReceiver.Answer.status(429));

        parentTicket();

        String eventId = awaitRequests(hook, 1).get(0).header("X-Sidedesk-Event-Id");
        assertThat(awaitAttempts(hook, eventId, 1).get("status").asString()).isEqualTo("pending");
        laterSendDue();
        awaitRequests(hook, 2);
        assertThat(awaitAttempts(hook, eventId, 2).get("status").asString()).isEqualTo("pending");
        laterSendDue();
        awaitRequests(hook, 3);
        JsonNode done = awaitSettled(hook, eventId);
        assertThat(done.get("status").asString()).isEqualTo("success");
        assertThat(attempts(hook.id(), done.get("id").asString()))
                .extracting(a -> a.get("status_code").asInt())
                .containsExactly(409, 429, 200);
    }

    @Test
    void aRetryAfterInSecondsIsWaitedOut_B2() {
        Hook hook = hook("ticket.created");
        RECEIVER.script(hook.path(), WebhookReceiver.Answer.status(429).withHeader("Retry-After", "3600"));

        parentTicket();

        String eventId = awaitRequests(hook, 1).get(0).header("X-Sidedesk-Event-Id");
        JsonNode pending = awaitAttempts(hook, eventId, 1);
        assertThat(waitOf(pending)).as("at least the hour asked for").isGreaterThanOrEqualTo(Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(59));
        sendDue();
        assertThat(received(hook)).as("not before the hour").hasSize(1);

        clock.advance(Duration.ofHours(2));
        sendDue();

        awaitRequests(hook, 2);
        assertThat(awaitSettled(hook, eventId).get("status").asString()).isEqualTo("success");
    }

    @Test
    void aRetryAfterAsAnHttpDateIsWaitedOut_B2() {
        Hook hook = hook("ticket.created");
        String date = HTTP_DATE.format(clock.instant().plus(Duration.ofHours(2)));
        RECEIVER.script(hook.path(), WebhookReceiver.Answer.status(503).withHeader("Retry-After", date));

        parentTicket();

        String eventId = awaitRequests(hook, 1).get(0).header("X-Sidedesk-Event-Id");
        awaitAttempts(hook, eventId, 1);
        clock.advance(Duration.ofMinutes(110));
        sendDue();
        assertThat(received(hook)).as("not before " + date).hasSize(1);

        clock.advance(Duration.ofHours(2));
        sendDue();

        awaitRequests(hook, 2);
        assertThat(awaitSettled(hook, eventId).get("status").asString()).isEqualTo("success");
    }

    @Test
    void aRetryAfterOfADayWaitsAtMostSixHours_B2() {
        Hook hook = hook("ticket.created");
        RECEIVER.script(hook.path(), WebhookReceiver.Answer.status(429).withHeader("Retry-After", "86400"));

        parentTicket();

        String eventId = awaitRequests(hook, 1).get(0).header("X-Sidedesk-Event-Id");
        JsonNode pending = awaitAttempts(hook, eventId, 1);
        assertThat(waitOf(pending))
                .as("longer than any backoff, at most six hours")
                .isGreaterThan(MAX_BACKOFF.multipliedBy(6).dividedBy(5))
                .isLessThanOrEqualTo(Duration.ofHours(6).plusSeconds(1));
        clock.advance(Duration.ofHours(6).plusMinutes(1));
        sendDue();

        awaitRequests(hook, 2);
        assertThat(awaitSettled(hook, eventId).get("status").asString()).isEqualTo("success");
    }

    /** Anything but 2xx, 5xx, 409 and 429 fails the invocation at once: other 4xx, and 3xx (no redirect followed). */
    @Test
    void aClientErrorOrARedirectFailsTheInvocationAfterOneAttempt_B2() {
        String elsewhere = freshPath();
        Map<Integer, Hook> hooks = new java.util.LinkedHashMap<>();
        for (int status : List.of(400, 401, 404, 410, 422, 302)) {
            Hook hook = hook("ticket.created");
            WebhookReceiver.Answer answer = WebhookReceiver.Answer.status(status);
            if (status == 302) {
                answer = answer.withHeader("Location", RECEIVER.url(elsewhere));
            }
            RECEIVER.answerAlways(hook.path(), answer);
            hooks.put(status, hook);
        }

        long ticket = parentTicket();

        hooks.forEach((status, hook) -> {
            String eventId = awaitRequests(hook, 1).get(0).header("X-Sidedesk-Event-Id");
            JsonNode failed = awaitSettled(hook, eventId);
            assertThat(failed.get("status").asString()).as("after a %d", status).isEqualTo("failed");
            assertThat(failed.get("attempts").asInt()).isEqualTo(1);
            assertThat(failed.get("status_code").asInt()).isEqualTo(status);
            assertThat(failed.get("next_attempt_at").isNull()).isTrue();
            assertThat(failed.get("ticket_id").asString()).isEqualTo(String.valueOf(ticket));
            assertThat(single(attempts(hook.id(), failed.get("id").asString()))
                            .get("status")
                            .asString())
                    .isEqualTo("failed");
        });
        laterSendDue();
        hooks.forEach((status, hook) ->
                assertThat(received(hook)).as("after a %d", status).hasSize(1));
        assertThat(RECEIVER.requests(elsewhere)).as("no redirect followed").isEmpty();
    }

    @Test
    void aConnectionErrorIsRetriedWithNoStatusCodeAndAnError_B2() {
        String endpoint = "http://127.0.0.1:" + WebhookReceiver.closedPort() + "/refused";
        JsonNode webhook = createdWebhook(hookBody(endpoint, List.of("ticket.created")));
        Hook hook = new Hook(webhook.get("id").asString(), "/refused", endpoint);

        long ticket = parentTicket();

        // Counted as it is claimed; recorded once it is over.
        JsonNode pending = awaitInvocation(
                hook,
                "a first attempt",
                i -> i.get("attempts").asInt() == 1
                        && !i.get("latest_completed_at").isNull());
        assertThat(pending.get("ticket_id").asString()).isEqualTo(String.valueOf(ticket));
        assertThat(pending.get("status").asString()).isEqualTo("pending");
        assertThat(pending.get("status_code").isNull()).isTrue();
        JsonNode attempt = single(attempts(hook.id(), pending.get("id").asString()));
        assertThat(attempt.get("status").asString()).isEqualTo("failed");
        assertThat(attempt.get("status_code").isNull()).isTrue();
        assertThat(attempt.get("error").asString()).isNotBlank();

        laterSendDue();

        JsonNode retried =
                awaitInvocation(hook, "a second attempt", i -> i.get("attempts").asInt() == 2);
        assertThat(retried.get("status").asString()).isEqualTo("pending");
    }

    @Test
    void aTimeoutIsRetried_B2() {
        Hook hook = hook("ticket.created");
        // The answer waits far longer than the service's timeout (2 s here): the service gives up first.
        RECEIVER.script(hook.path(), WebhookReceiver.Answer.ok().after(Duration.ofSeconds(60)));

        parentTicket();

        String eventId = awaitRequests(hook, 1).get(0).header("X-Sidedesk-Event-Id");
        JsonNode pending = awaitAttempts(hook, eventId, 1);
        assertThat(pending.get("status").asString()).isEqualTo("pending");
        assertThat(pending.get("status_code").isNull()).isTrue();
        assertThat(single(attempts(hook.id(), pending.get("id").asString()))
                        .get("error")
                        .asString())
                .isNotBlank();

        laterSendDue();

        awaitRequests(hook, 2);
        assertThat(awaitSettled(hook, eventId).get("status").asString()).isEqualTo("success");
    }

    /**
     * After {@code max-attempts} (4 here) the invocation is {@code failed}, each wait twice the one before (30 s, 60 s,
     * 120 s, each times 0.8 to 1.2), and nothing is tried again.
     */
    @Test
    void afterTheLastAttemptTheInvocationFailsAndEachBackoffDoubles_B2() {
        Hook hook = hook("ticket.created");
        RECEIVER.answerAlways(hook.path(), WebhookReceiver.Answer.status(500));

        parentTicket();

        String eventId = awaitRequests(hook, 1).get(0).header("X-Sidedesk-Event-Id");
        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            JsonNode pending = awaitAttempts(hook, eventId, attempt);
            assertThat(pending.get("status").asString()).isEqualTo("pending");
            assertBackoff(pending, INITIAL_BACKOFF.multipliedBy(1L << (attempt - 1)));
            laterSendDue();
            awaitRequests(hook, attempt + 1);
        }
        JsonNode failed = awaitSettled(hook, eventId);

        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(failed.get("status_code").asInt()).isEqualTo(500);
        assertThat(failed.get("next_attempt_at").isNull()).isTrue();
        assertThat(attempts(hook.id(), failed.get("id").asString()))
                .hasSize(MAX_ATTEMPTS)
                .allSatisfy(a -> assertThat(a.get("status").asString()).isEqualTo("failed"));
        assertThat(received(hook))
                .extracting(r -> r.header("X-Sidedesk-Attempt"))
                .containsExactly("1", "2", "3", "4");
        assertThat(received(hook))
                .extracting(r -> r.header("X-Sidedesk-Event-Id"))
                .containsOnly(eventId);
        laterSendDue();
        laterSendDue();
        assertThat(received(hook)).as("given up").hasSize(MAX_ATTEMPTS);
    }

    // ---- the circuit breaker --------------------------------------------------------------------------------

    /**
     * After 3 failed attempts in a row, across invocations, the breaker opens for a minute: nothing of the webhook is
     * sent, even when due, and its invocations stay pending with their attempts unspent. Then one probe: a failure
     * opens it again for twice as long; a success closes it, and the rest follow.
     */
    @Test
    void theCircuitBreakerOpensAfterFailuresInARowHoldsEverythingThenOneProbeClosesIt_B2() {
        Hook hook = hook("ticket.created");
        RECEIVER.answerAlways(hook.path(), WebhookReceiver.Answer.status(503));
        List<Long> tickets = new ArrayList<>();
        for (int i = 1; i <= BREAKER_THRESHOLD; i++) {
            assertThat(showWebhook(hook.id()).at("/circuit_breaker/state").asString())
                    .as("closed after %d failures", i - 1)
                    .isEqualTo("closed");
            tickets.add(parentTicket());
            awaitRequests(hook, i);
            int failures = i;
            eventually(
                    "the breaker counting " + i + " failures",
                    () -> showWebhook(hook.id()),
                    webhook ->
                            webhook.at("/circuit_breaker/consecutive_failures").asInt() == failures);
        }
        Instant opened = clock.instant();

        JsonNode breaker = showWebhook(hook.id()).get("circuit_breaker");
        assertThat(breaker.get("state").asString()).isEqualTo("open");
        assertThat(breaker.get("consecutive_failures").asInt()).isEqualTo(BREAKER_THRESHOLD);
        assertThat(Duration.between(
                        opened, Instant.parse(breaker.get("open_until").asString())))
                .isBetween(BREAKER_COOLDOWN.minusSeconds(1), BREAKER_COOLDOWN.plusSeconds(1));

        long whileOpen = parentTicket();
        tickets.add(whileOpen);
        JsonNode held = single(invocationsAbout(hook, whileOpen));
        assertThat(held.get("status").asString()).isEqualTo("pending");
        assertThat(held.get("attempts").asInt()).isZero();
        sendDue();
        clock.advance(Duration.ofSeconds(45));
        sendDue();
        assertThat(received(hook))
                .as("nothing sent while open, though the retries (24 to 36 s) and the new event are due")
                .hasSize(BREAKER_THRESHOLD);
        for (long ticket : tickets.subList(0, BREAKER_THRESHOLD)) {
            assertThat(single(invocationsAbout(hook, ticket)).get("attempts").asInt())
                    .as("attempts unspent")
                    .isEqualTo(1);
        }

        clock.advance(Duration.ofSeconds(20));
        sendDue();

        assertThat(received(hook)).as("one probe, which fails").hasSize(BREAKER_THRESHOLD + 1);
        Instant reopened = clock.instant();
        breaker = eventually("the breaker open again", () -> showWebhook(hook.id()), webhook -> webhook.at(
                                "/circuit_breaker/state")
                        .asString()
                        .equals("open"))
                .get("circuit_breaker");
        assertThat(Duration.between(
                        reopened, Instant.parse(breaker.get("open_until").asString())))
                .as("twice the cool-down")
                .isBetween(
                        BREAKER_COOLDOWN.multipliedBy(2).minusSeconds(1),
                        BREAKER_COOLDOWN.multipliedBy(2).plusSeconds(1));

        RECEIVER.answerAlways(hook.path(), WebhookReceiver.Answer.ok());
        clock.advance(Duration.ofMinutes(3));
        sendDue();

        for (long ticket : tickets) {
            awaitInvocation(
                    hook,
                    "ticket " + ticket + " delivered",
                    i -> i.get("ticket_id").asString().equals(String.valueOf(ticket))
                            && i.get("status").asString().equals("success"));
        }
        breaker = showWebhook(hook.id()).get("circuit_breaker");
        assertThat(breaker.get("state").asString()).isEqualTo("closed");
        assertThat(breaker.get("consecutive_failures").asInt()).isZero();
        assertThat(breaker.get("open_until").isNull()).isTrue();
        assertThat(received(hook)).hasSize(BREAKER_THRESHOLD + 1 + tickets.size());
    }

    // ---- what is not sent --------------------------------------------------------------------------------------

    /**
     * A write that is refused rolls back, and queues nothing: not a 422 for a bad member beside good changes, not a
     * 409 for a stale stamp. A later write of the same ticket, which must be sent, is the witness: events of a ticket
     * go in order, so had the refused write queued anything, it would have gone first.
     */
    @Test
    void aRefusedTicketUpdateQueuesAndSendsNothing_B2() {
        long ticket = parentTicket();
        String stamp = ticket(ticket).get("updated_at").asString();
        updated(admin(), ticket, fields("priority", "low"));
        Hook hook = hookForEverything();

        Api.Response invalid = put(
                admin().withoutContract(),
                ticket,
                fields(
                        "subject",
                        unique("Never"),
                        "priority",
                        "urgent",
                        "status",
                        "pending",
                        "tags",
                        List.of("never"),
                        "comment",
                        body("Never said"),
                        "group_id",
                        987_654_321L));
        ApiAssertions.assertInvalid(invalid, "group_id");
        Api.Response stale = put(
                admin(),
                ticket,
                fields(
                        "subject",
                        unique("Never"),
                        "comment",
                        body("Never said either"),
                        "safe_update",
                        true,
                        "updated_stamp",
                        stamp));
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(invocations(hook)).as("nothing queued").isEmpty();

        updated(admin(), ticket, fields("priority", "high"));

        List<JsonNode> events = payloads(awaitRequests(hook, 1));
        sendDue();
        assertThat(types(payloads(received(hook)))).containsExactly(EVENT + "ticket.priority_changed");
        assertThat(events.get(0).at("/event/current").asString()).isEqualTo("high");
        assertThat(invocations(hook)).hasSize(1);
    }

    /**
     * A side conversation reply is written on the parent before it reaches the child (R7); when the child cannot take
     * it (its 5,000-comment cap), the whole write is refused and rolls back: nothing is queued for either ticket.
     */
    @Test
    void aReplyRefusedAtTheChildAfterTheParentWasWrittenQueuesNothing_B2() {
        Link link = link();
        seedCommentsUpTo(link.child(), 5000);
        Hook hook = hookForEverything();

        Api.Response refused = reply(as(link.parentAgent()), link, "one too many");

        ApiAssertions.assertInvalid(refused, "child_ticket");
        assertThat(invocations(hook)).as("nothing queued").isEmpty();
        commented(admin(), link.parent(), "The witness", false);
        awaitRequests(hook, 1);
        sendDue();
        assertThat(types(payloads(received(hook)))).containsExactly(EVENT + "ticket.comment_added");
        assertThat(received(hook).get(0).json().at("/event/comment/body").asString())
                .isEqualTo("The witness");
    }

    @Test
    void anInactiveWebhookQueuesNothingAndWhatWasPendingWaitsUntilItIsActiveAgain_B2() {
        Hook inactive = hook(List.of("ticket.created"), "status", "inactive");
        Hook paused = hook("ticket.created");
        RECEIVER.script(paused.path(), WebhookReceiver.Answer.status(503));

        long ticket = parentTicket();

        assertThat(invocations(inactive))
                .as("an inactive webhook queues nothing")
                .isEmpty();
        String eventId = awaitRequests(paused, 1).get(0).header("X-Sidedesk-Event-Id");
        awaitAttempts(paused, eventId, 1);
        assertThat(patchWebhook(admin(), paused.id(), fields("status", "inactive"))
                        .status())
                .isEqualTo(204);
        laterSendDue();
        assertThat(received(paused)).as("pending, and waiting while inactive").hasSize(1);
        assertThat(single(invocationsAbout(paused, ticket)).get("status").asString())
                .isEqualTo("pending");
        parentTicket();
        assertThat(invocations(paused)).as("nothing new queued while inactive").hasSize(1);

        assertThat(patchWebhook(admin(), paused.id(), fields("status", "active"))
                        .status())
                .isEqualTo(204);
        sendDue();

        awaitRequests(paused, 2);
        assertThat(awaitSettled(paused, eventId).get("status").asString()).isEqualTo("success");
        assertThat(received(inactive)).isEmpty();
    }

    /**
     * A webhook acts as its creator, and only an active admin's webhook is sent anything: once its creator is demoted
     * or deleted, it queues nothing, so nothing its creator may no longer see leaves through it.
     */
    @Test
    void aWebhookWhoseCreatorIsNoLongerAnActiveAdminReceivesNothing_R22() {
        TestUser demoted = user("admin");
        TestUser deleted = user("admin");
        List<Hook> orphans = new ArrayList<>();
        for (TestUser creator : List.of(demoted, deleted)) {
            String path = freshPath();
            Api.Response created = postWebhook(as(creator), hookBody(RECEIVER.url(path), List.of("ticket.created")));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.json().at("/webhook/created_by").asString()).isEqualTo(String.valueOf(creator.id()));
            orphans.add(new Hook(created.json().at("/webhook/id").asString(), path, RECEIVER.url(path)));
        }
        Hook witness = hook("ticket.created");
        assertThat(admin().put("/api/v2/users/" + demoted.id(), Map.of("user", Map.of("role", "agent")))
                        .status())
                .isEqualTo(200);
        assertThat(admin().delete("/api/v2/users/" + deleted.id()).status()).isEqualTo(200);

        parentTicket();

        awaitRequests(witness, 1);
        sendDue();
        for (Hook orphan : orphans) {
            assertThat(invocations(orphan)).as("nothing queued").isEmpty();
            assertThat(received(orphan)).as("nothing sent").isEmpty();
        }
    }

    // ---- order -------------------------------------------------------------------------------------------------

    /**
     * An invocation is sent only when no earlier one of the same webhook about the same ticket is pending: while the
     * first comment of ticket A is being retried, A's later comments wait, and ticket B's go.
     */
    @Test
    void eventsOfATicketGoInOrderWhileAnotherTicketsDoNotWait_B2() {
        long a = parentTicket();
        long b = parentTicket();
        Hook hook = hook("ticket.comment_added");
        RECEIVER.script(hook.path(), WebhookReceiver.Answer.status(503));

        commented(admin(), a, "A1", false);
        String first = awaitRequests(hook, 1).get(0).header("X-Sidedesk-Event-Id");
        awaitAttempts(hook, first, 1);
        commented(admin(), a, "A2", false);
        commented(admin(), a, "A3", false);
        commented(admin(), b, "B1", false);

        awaitRequests(hook, 2);
        sendDue();
        assertThat(commentBodies(eventsAbout(hook, b))).containsExactly("B1");
        assertThat(commentBodies(eventsAbout(hook, a)))
                .as("A2 and A3 wait for A1")
                .containsExactly("A1");
        assertThat(invocationsAbout(hook, a))
                .extracting(i ->
                        i.get("status").asString() + "/" + i.get("attempts").asInt())
                .containsExactly("pending/1", "pending/0", "pending/0");

        laterSendDue();

        awaitRequests(hook, 5);
        sendDue();
        assertThat(commentBodies(eventsAbout(hook, a))).containsExactly("A1", "A1", "A2", "A3");
        assertThat(received(hook).stream()
                        .filter(r -> r.json().get("subject").asString().equals("zen:ticket:" + a))
                        .map(r -> r.header("X-Sidedesk-Attempt"))
                        .toList())
                .containsExactly("1", "2", "1", "1");
        // the receiver answers before the sender records the answer: wait for the record, not the request
        assertThat(eventually(
                        "the invocations about " + a + " recorded as sent",
                        () -> invocationsAbout(hook, a),
                        list -> list.stream()
                                .noneMatch(i -> i.get("status").asString().equals("pending"))))
                .extracting(i -> i.get("status").asString())
                .containsOnly("success");
    }

    // ---- the invocations' list -----------------------------------------------------------------------------------

    @Test
    void theInvocationsAreNewestFirstFilteredByStatusAndTimeAndPagedByCursor_B2() {
        Hook hook = hook("ticket.created");
        RECEIVER.script(
                hook.path(),
                WebhookReceiver.Answer.ok(),
                WebhookReceiver.Answer.status(400),
                WebhookReceiver.Answer.status(503));
        List<JsonNode> made = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            long ticket = parentTicket();
            String eventId = awaitRequests(hook, i).get(i - 1).header("X-Sidedesk-Event-Id");
            made.add(awaitAttempts(hook, eventId, 1));
            assertThat(made.get(i - 1).get("ticket_id").asString()).isEqualTo(String.valueOf(ticket));
            clock.advance(Duration.ofHours(1));
        }
        List<String> ids = made.stream().map(i -> i.get("id").asString()).toList();
        String base = invocationsPath(hook.id());

        assertThat(idsOf(invocations(hook.id(), "")))
                .as("newest first")
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(idsOf(invocations(hook.id(), "filter[status]=success"))).containsExactly(ids.get(0));
        assertThat(idsOf(invocations(hook.id(), "filter[status]=failed"))).containsExactly(ids.get(1));
        assertThat(idsOf(invocations(hook.id(), "filter[status]=pending"))).containsExactly(ids.get(2));
        String second = made.get(1).get("created_at").asString();
        assertThat(idsOf(invocations(hook.id(), "filter[from_ts]=" + second)))
                .as("from, inclusive")
                .containsExactly(ids.get(2), ids.get(1));
        assertThat(idsOf(invocations(hook.id(), "filter[to_ts]=" + second)))
                .as("to, inclusive")
                .containsExactly(ids.get(1), ids.get(0));
        assertThat(idsOf(invocations(hook.id(), "filter[from_ts]=" + second + "&filter[to_ts]=" + second)))
                .containsExactly(ids.get(1));
        Instant firstAt = Instant.parse(made.get(0).get("created_at").asString());
        assertThat(idsOf(invocations(
                        hook.id(),
                        "filter[from_ts]=" + firstAt.plus(Duration.ofMinutes(30)) + "&filter[to_ts]="
                                + firstAt.plus(Duration.ofMinutes(90)))))
                .containsExactly(ids.get(1));
        assertThat(idsOf(invocations(hook.id(), "filter[status]=pending&filter[to_ts]=" + second)))
                .isEmpty();

        assertThat(idsOf(ApiAssertions.allCursorPages(admin(), base, "invocations", 1)))
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));
        Api.Response page = admin().get(base + "?page[size]=2");
        assertThat(page.json().has("count")).isFalse();
        Api.Response older = admin().get(page.json().at("/links/next").asString());
        assertThat(idsOf(older.json().get("invocations"))).containsExactly(ids.get(0));
        Api.Response back = admin().get(older.json().at("/links/prev").asString());
        assertThat(idsOf(back.json().get("invocations"))).containsExactly(ids.get(2), ids.get(1));

        for (String[] wrong : new String[][] {
            {"filter[status]=retrying", "filter[status]"},
            {"filter[from_ts]=yesterday", "filter[from_ts]"},
            {"filter[to_ts]=2026-13-01T00:00:00Z", "filter[to_ts]"},
            {"filter[from_ts]=1700000000", "filter[from_ts]"},
            {"page[size]=0", "page[size]"},
        }) {
            assertBadParameter(admin().get(base + "?" + wrong[0]), wrong[1]);
        }
    }

    // ---- side conversations ---------------------------------------------------------------------------------

    @Test
    void openingAChildTicketSideConversationYieldsCreatedAndChildTicketLinkedOnTheParent_B2() {
        Team parentTeam = team(true);
        Team childTeam = team(true);
        long parent = created(
                        admin(),
                        fields("subject", unique("Parent"), "comment", body("Help"), "group_id", parentTeam.group()))
                .get("id")
                .asLong();
        Hook hook = hookForEverything();
        String subject = unique("Refund");

        JsonNode conversation = started(
                        as(childTeam.agent()),
                        parent,
                        message(
                                subject,
                                "Please refund",
                                toAgent(childTeam.group(), childTeam.agent().id())))
                .get("side_conversation");
        long child = childOf(conversation);
        String id = conversation.get("id").asString();

        List<JsonNode> onParent = awaitEvents(hook, parent, EVENT + "side_conversation.child_ticket_linked");
        List<JsonNode> onChild = awaitEvents(hook, child, EVENT + "ticket.created");
        sendDue();
        onParent = eventsAbout(hook, parent);
        onChild = eventsAbout(hook, child);
        assertThat(types(onParent))
                .containsExactlyInAnyOrder(
                        EVENT + "side_conversation.created", EVENT + "side_conversation.child_ticket_linked");
        assertThat(types(onChild)).contains(EVENT + "ticket.created");
        assertOneCorrelation(onParent, onChild);
        for (JsonNode event : onParent) {
            assertThat(event.at("/detail/id").asString()).isEqualTo(String.valueOf(parent));
            JsonNode side = event.at("/event/side_conversation");
            assertThat(side.get("id").asString()).isEqualTo(id);
            assertThat(side.get("subject").asString()).isEqualTo(subject);
            assertThat(side.get("state").asString()).isEqualTo("open");
            assertThat(side.get("child_ticket_id").asString()).isEqualTo(String.valueOf(child));
            JsonNode eventId = event.at("/event/side_conversation_event_id");
            assertThat(eventId.isNull() || UUID_TEXT.matcher(eventId.asString()).matches())
                    .as("a side conversation event id or null: %s", eventId)
                    .isTrue();
        }
        JsonNode created = onChild.stream()
                .filter(e -> e.get("type").asString().equals(EVENT + "ticket.created"))
                .findFirst()
                .orElseThrow();
        assertThat(created.at("/detail/via/channel").asString()).isEqualTo("side_conversation");
        JsonNode childOf = created.at("/detail/child_of");
        assertThat(childOf.get("ticket_id").isString()).isTrue();
        assertThat(childOf.get("ticket_id").asString()).isEqualTo(String.valueOf(parent));
        assertThat(childOf.get("side_conversation_id").asString()).isEqualTo(id);
        assertThat(childOf.get("linked").asBoolean()).isTrue();
        assertThat(created.at("/detail/group_id").asString()).isEqualTo(String.valueOf(childTeam.group()));
        assertThat(created.at("/detail/assignee_id").asString())
                .isEqualTo(String.valueOf(childTeam.agent().id()));
    }

    @Test
    void aReplyThatReachesTheChildYieldsTheParentsRepliedAndTheChildsCommentAddedWithOneCorrelationId_B2() {
        Link link = link();
        Hook hook = hook("side_conversation.replied", "ticket.comment_added");

        JsonNode reply = replied(link, "Any news on the refund?");

        JsonNode replied = single(awaitEvents(hook, link.parent(), EVENT + "side_conversation.replied"));
        JsonNode added = single(awaitEvents(hook, link.child(), EVENT + "ticket.comment_added"));
        sendDue();
        assertThat(types(eventsAbout(hook, link.parent()))).containsExactly(EVENT + "side_conversation.replied");
        assertThat(types(eventsAbout(hook, link.child()))).containsExactly(EVENT + "ticket.comment_added");
        assertOneCorrelation(List.of(replied), List.of(added));
        assertThat(replied.at("/event/side_conversation/id").asString()).isEqualTo(link.sideConversation());
        assertThat(replied.at("/event/side_conversation/child_ticket_id").asString())
                .isEqualTo(String.valueOf(link.child()));
        assertThat(replied.at("/event/side_conversation_event_id").asString())
                .isEqualTo(reply.get("id").asString());
        assertThat(added.at("/event/comment/body").asString()).isEqualTo("Any news on the refund?");
        assertThat(added.at("/detail/child_of/ticket_id").asString()).isEqualTo(String.valueOf(link.parent()));
        assertThat(headersCorrelation(hook)).hasSize(1);
    }

    @Test
    void aPublicCommentOnTheChildYieldsTheChildsCommentAddedAndTheParentsRepliedWithOneCorrelationId_B2() {
        Link link = link();
        Hook hook = hook("side_conversation.replied", "ticket.comment_added");

        commented(as(link.childAgent()), link.child(), "Only for the child's team", false);
        commented(as(link.childAgent()), link.child(), "Refund done", true);

        List<JsonNode> added = awaitEvents(hook, link.child(), EVENT + "ticket.comment_added", 2);
        JsonNode replied = single(awaitEvents(hook, link.parent(), EVENT + "side_conversation.replied"));
        sendDue();
        assertThat(commentBodies(added)).containsExactly("Only for the child's team", "Refund done");
        assertThat(types(eventsAbout(hook, link.parent())))
                .as("the internal note reaches no parent (R8)")
                .containsExactly(EVENT + "side_conversation.replied");
        assertOneCorrelation(List.of(added.get(1)), List.of(replied));
        assertThat(added.get(0).get("correlation_id")).isNotEqualTo(replied.get("correlation_id"));
        assertThat(replied.at("/event/side_conversation/id").asString()).isEqualTo(link.sideConversation());
        assertThat(replied.at("/detail/id").asString()).isEqualTo(String.valueOf(link.parent()));
    }

    @Test
    void changingTheChildsExternalIdYieldsLinkBrokenOnTheParent_B2() {
        Link link = link();
        Hook hook = hook("side_conversation.link_broken", "ticket.external_id_changed");
        String moved = unique("moved");

        updated(admin(), link.child(), fields("external_id", moved));

        JsonNode broken = single(awaitEvents(hook, link.parent(), EVENT + "side_conversation.link_broken"));
        JsonNode changed = single(awaitEvents(hook, link.child(), EVENT + "ticket.external_id_changed"));
        assertOneCorrelation(List.of(broken), List.of(changed));
        assertThat(broken.at("/event/side_conversation/id").asString()).isEqualTo(link.sideConversation());
        assertThat(changed.get("event")).isEqualTo(json(fields("previous", link.externalId(), "current", moved)));
        assertThat(changed.at("/detail/child_of/linked").asBoolean()).isFalse();
    }

    @Test
    void solvingAndReopeningTheChildYieldClosedAndReopenedOnTheParent_B2() {
        Link link = link();
        Hook hook = hook("side_conversation.closed", "side_conversation.reopened", "ticket.status_changed");

        updated(as(link.childAgent()), link.child(), fields("status", "solved"));
        JsonNode closed = single(awaitEvents(hook, link.parent(), EVENT + "side_conversation.closed"));
        updated(as(link.childAgent()), link.child(), fields("status", "open"));
        JsonNode reopened = single(awaitEvents(hook, link.parent(), EVENT + "side_conversation.reopened"));

        List<JsonNode> statuses = awaitEvents(hook, link.child(), EVENT + "ticket.status_changed", 2);
        assertOneCorrelation(List.of(closed), List.of(statuses.get(0)));
        assertOneCorrelation(List.of(reopened), List.of(statuses.get(1)));
        assertThat(closed.at("/event/side_conversation/state").asString()).isEqualTo("closed");
        assertThat(reopened.at("/event/side_conversation/state").asString()).isEqualTo("open");
    }

    /** R20: a reply to a closed child opens a follow-up, and the link moves to it: {@code child_ticket_linked}. */
    @Test
    void aFollowUpTakingTheLinkOverYieldsChildTicketLinkedNamingThePreviousChild_B2() {
        Link link = link();
        updated(as(link.childAgent()), link.child(), fields("status", "solved"));
        updated(as(link.childAgent()), link.child(), fields("status", "closed"));
        Hook hook = hook("side_conversation.child_ticket_linked", "side_conversation.replied", "ticket.created");

        replied(link, "One more thing");

        JsonNode linked = single(awaitEvents(hook, link.parent(), EVENT + "side_conversation.child_ticket_linked"));
        long followUp = childOf(show(link));
        assertThat(followUp).isNotEqualTo(link.child());
        JsonNode created = single(awaitEvents(hook, followUp, EVENT + "ticket.created"));
        assertOneCorrelation(List.of(linked), List.of(created));
        assertThat(linked.at("/event/side_conversation/child_ticket_id").asString())
                .isEqualTo(String.valueOf(followUp));
        assertThat(linked.at("/event/previous_child_ticket_id").asString()).isEqualTo(String.valueOf(link.child()));
    }

    // ---- POST /api/v2/webhooks/test -------------------------------------------------------------------------

    @Test
    void aTestRequestIsSentAtOnceSignedWithTheStaticSecretAndAnswersWhatCameBack_B2() {
        String path = freshPath();
        RECEIVER.script(
                path,
                WebhookReceiver.Answer.status(202)
                        .withHeader("X-Receiver", "yes")
                        .withHeader("Content-Type", "text/plain")
                        .withBody("accepted"));
        String payload = "{\"hello\": \"world\", \"caf\u00e9\": 1}";
        List<JsonNode> before = webhooks();

        Api.Response tested = admin().post(
                        TEST_ENDPOINT,
                        fields(
                                "webhook",
                                fields(
                                        "endpoint",
                                        RECEIVER.url(path),
                                        "http_method",
                                        "POST",
                                        "request_format",
                                        "json",
                                        "authentication",
                                        fields("type", "bearer_token", "data", fields("token", "test-token")),
                                        "custom_headers",
                                        fields("X-Team", "qa")),
                                "request",
                                fields(
                                        "payload",
                                        payload,
                                        "headers",
                                        List.of(fields("key", "X-Extra", "value", "1")))));

        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        JsonNode response = tested.json().get("response");
        assertThat(response.get("status").asInt()).isEqualTo(202);
        assertThat(response.get("body").asString()).isEqualTo("accepted");
        assertThat(response.get("headers")).anySatisfy(header -> {
            assertThat(header.get("key").asString()).isEqualToIgnoringCase("X-Receiver");
            assertThat(header.get("value").asString()).isEqualTo("yes");
        });
        WebhookReceiver.Request request = only(RECEIVER.requests(path));
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).as("the payload, as sent").isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("X-Extra")).isEqualTo("1");
        assertThat(request.header("X-Team")).isEqualTo("qa");
        assertThat(request.header("Authorization")).isEqualTo("Bearer test-token");
        assertThat(request.header("User-Agent")).isEqualTo("Sidedesk-Webhook");
        assertThat(request.header("Content-Type").toLowerCase(Locale.ROOT)).startsWith("application/json");
        assertThat(request.header("X-Zendesk-Webhook-Signature-Timestamp")).matches(TIMESTAMP);
        assertThat(signedWith(request, TEST_SECRET))
                .as("signed with the static test secret")
                .isTrue();
        assertThat(webhooks()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void withoutAPayloadATestSendsASampleTicketCreatedEvent_B2() {
        String path = freshPath();

        Api.Response tested = admin().post(TEST_ENDPOINT, Map.of("webhook", Map.of("endpoint", RECEIVER.url(path))));

        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        assertThat(tested.json().at("/response/status").asInt()).isEqualTo(200);
        JsonNode sample = only(RECEIVER.requests(path)).json();
        assertThat(sample.get("type").asString()).isEqualTo(EVENT + "ticket.created");
        assertThat(sample.get("zendesk_event_version").asString()).isEqualTo("2022-11-06");
        assertThat(sample.has("detail")).isTrue();
        assertThat(signedWith(only(RECEIVER.requests(path)), TEST_SECRET)).isTrue();
    }

    @Test
    void withAWebhookIdATestUsesTheStoredMembersNotSentAndTheWebhooksOwnSecret_B2() {
        Hook hook = hook(List.of(CONDITIONAL), "http_method", "PUT", "custom_headers", fields("X-Stored", "s"));
        String secret = secretOf(hook);
        String elsewhere = freshPath();

        Api.Response stored = admin().post(TEST_ENDPOINT + "?webhook_id=" + hook.id(), fields());
        Api.Response overridden = admin().post(
                        TEST_ENDPOINT + "?webhook_id=" + hook.id(),
                        Map.of("webhook", Map.of("endpoint", RECEIVER.url(elsewhere))));

        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(overridden.status()).as(overridden.toString()).isEqualTo(200);
        WebhookReceiver.Request request = only(received(hook));
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.header("X-Stored")).isEqualTo("s");
        assertThat(signedWith(request, secret)).as("the webhook's secret signs").isTrue();
        assertThat(signedWith(request, TEST_SECRET)).isFalse();
        WebhookReceiver.Request moved = only(RECEIVER.requests(elsewhere));
        assertThat(moved.method()).isEqualTo("PUT");
        assertThat(moved.header("X-Stored")).isEqualTo("s");
        assertThat(signedWith(moved, secret)).isTrue();
        assertThat(invocations(hook)).as("a test is no invocation").isEmpty();
        assertThat(showWebhook(hook.id()).get("endpoint").asString()).isEqualTo(hook.endpoint());
    }

    @Test
    void aTestAnswersTheReceiversErrorAndAtMostTheFirst4000CharactersOfItsBody_B2() {
        String path = freshPath();
        String long5000 = "0123456789".repeat(500);
        RECEIVER.script(path, WebhookReceiver.Answer.status(500).withBody(long5000));

        Api.Response tested = admin().post(TEST_ENDPOINT, Map.of("webhook", Map.of("endpoint", RECEIVER.url(path))));

        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        assertThat(tested.json().at("/response/status").asInt()).isEqualTo(500);
        assertThat(tested.json().at("/response/body").asString()).isEqualTo(long5000.substring(0, 4000));
        assertThat(RECEIVER.requests(path)).as("one attempt, no retry").hasSize(1);
    }

    @Test
    void aTestFollowsNoRedirect_B2() {
        String path = freshPath();
        String elsewhere = freshPath();
        RECEIVER.script(path, WebhookReceiver.Answer.status(302).withHeader("Location", RECEIVER.url(elsewhere)));

        Api.Response tested = admin().post(TEST_ENDPOINT, Map.of("webhook", Map.of("endpoint", RECEIVER.url(path))));

        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        assertThat(tested.json().at("/response/status").asInt()).isEqualTo(302);
        assertThat(RECEIVER.requests(elsewhere)).isEmpty();
    }

    @Test
    void aTestThatGetsNoResponseAnswers200WithNoStatusAndAnError_B2() {
        String endpoint = "http://127.0.0.1:" + WebhookReceiver.closedPort() + "/refused";

        Api.Response tested = admin().post(TEST_ENDPOINT, Map.of("webhook", Map.of("endpoint", endpoint)));

        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        JsonNode response = tested.json().get("response");
        assertThat(response.get("status").isNull()).isTrue();
        assertThat(response.get("headers")).isEmpty();
        assertThat(response.get("body").isNull()).isTrue();
        assertThat(response.get("error").asString()).isNotBlank();
    }

    @Test
    void aWrongTestIsA422NamingTheMemberInItsResourceAndSendsNothing_B2() {
        String path = freshPath();
        String endpoint = RECEIVER.url(path);
        Api api = admin().withoutContract();
        List<JsonNode> before = webhooks();

        assertInvalidNaming(api.post(TEST_ENDPOINT, fields()), "webhook.endpoint");
        assertInvalidNaming(api.post(TEST_ENDPOINT, Map.of("webhook", Map.of("endpoint", ""))), "webhook.endpoint");
        assertInvalidNaming(
                api.post(TEST_ENDPOINT, Map.of("webhook", Map.of("endpoint", "http://10.0.0.1/x"))),
                "webhook.endpoint");
        assertInvalidNaming(
                api.post(TEST_ENDPOINT, Map.of("webhook", Map.of("endpoint", endpoint, "http_method", "TRACE"))),
                "webhook.http_method");
        assertInvalidNaming(
                api.post(TEST_ENDPOINT, Map.of("webhook", Map.of("endpoint", endpoint, "request_format", "xml"))),
                "webhook.request_format");
        assertInvalidNaming(
                api.post(
                        TEST_ENDPOINT,
                        Map.of("webhook", Map.of("endpoint", endpoint, "custom_headers", Map.of("Host", "evil")))),
                "webhook.custom_headers.Host");
        assertInvalidNaming(
                api.post(
                        TEST_ENDPOINT,
                        Map.of(
                                "webhook",
                                Map.of(
                                        "endpoint",
                                        endpoint,
                                        "authentication",
                                        Map.of("type", "bearer_token", "data", Map.of("token", ""))))),
                "webhook.authentication.data.token");
        assertInvalidNaming(
                api.post(
                        TEST_ENDPOINT,
                        Map.of(
                                "webhook",
                                Map.of("endpoint", endpoint),
                                "request",
                                Map.of("payload", "x".repeat(64 * 1024 + 1)))),
                "request.payload");

        assertThat(RECEIVER.requests(path)).as("nothing sent").isEmpty();
        assertThat(webhooks()).as("nothing stored").isEqualTo(before);

        Api.Response largest = admin().post(
                        TEST_ENDPOINT,
                        Map.of(
                                "webhook",
                                Map.of("endpoint", endpoint),
                                "request",
                                Map.of("payload", "y".repeat(64 * 1024))));
        assertThat(largest.status()).as(largest.toString()).isEqualTo(200);
        assertThat(only(RECEIVER.requests(path)).body()).hasSize(64 * 1024);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static JsonNode ok(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response.json();
    }

    /** The {@code event} of the one body of this change ({@code status_changed} ...). */
    private static JsonNode change(List<JsonNode> events, String name) {
        return single(events.stream()
                        .filter(e -> e.get("type").asString().equals(EVENT + "ticket." + name))
                        .toList())
                .get("event");
    }

    /** Waits until the hook has received {@code count} events of this type about this ticket: those events. */
    private List<JsonNode> awaitEvents(Hook hook, long ticket, String type, int count) {
        return eventually(
                count + " " + type + " about ticket " + ticket + " at " + hook.path(),
                () -> eventsAbout(hook, ticket).stream()
                        .filter(e -> e.get("type").asString().equals(type))
                        .toList(),
                events -> events.size() >= count);
    }

    private List<JsonNode> awaitEvents(Hook hook, long ticket, String type) {
        return awaitEvents(hook, ticket, type, 1);
    }

    /** Every event given shares one correlation id. */
    @SafeVarargs
    private static void assertOneCorrelation(List<JsonNode>... events) {
        Set<String> correlations = new HashSet<>();
        for (List<JsonNode> list : events) {
            list.forEach(event -> correlations.add(event.get("correlation_id").asString()));
        }
        assertThat(correlations).as("one correlation id").hasSize(1);
    }

    /** The correlation ids the hook's requests carried in their headers. */
    private static Set<String> headersCorrelation(Hook hook) {
        Set<String> correlations = new HashSet<>();
        received(hook).forEach(request -> correlations.add(request.header("X-Sidedesk-Correlation-Id")));
        return correlations;
    }

    /** The comment bodies of {@code ticket.comment_added} events, in order. */
    private static List<String> commentBodies(List<JsonNode> events) {
        return events.stream()
                .map(event -> event.at("/event/comment/body").asString())
                .toList();
    }

    /** How long the invocation waits before its next attempt: next_attempt_at less latest_completed_at. */
    private static Duration waitOf(JsonNode invocation) {
        return Duration.between(
                Instant.parse(invocation.get("latest_completed_at").asString()),
                Instant.parse(invocation.get("next_attempt_at").asString()));
    }

    /** The wait is the backoff times 0.8 to 1.2 (a second either way for rounding). */
    private static void assertBackoff(JsonNode invocation, Duration backoff) {
        assertThat(waitOf(invocation))
                .as("the backoff of %s", invocation)
                .isBetween(
                        backoff.multipliedBy(4).dividedBy(5).minusSeconds(1),
                        backoff.multipliedBy(6).dividedBy(5).plusSeconds(1));
    }

    private static List<String> idsOf(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asString()).toList();
    }

    private static List<String> idsOf(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    /** Adds seeded comments (each with its audit) until the ticket has {@code total}, as CommentCapTests does. */
    private void seedCommentsUpTo(long ticket, int total) {
        long author = adminId();
        int existing =
                jdbc.queryForObject("select count(*) from ticket_comments where ticket_id = ?", Integer.class, ticket);
        jdbc.update("""
                with audits as (
                    insert into ticket_audits (ticket_id, author_id, via_channel, correlation_id, events, created_at)
                    select ?, ?, 'api', gen_random_uuid(), '[]', now() from generate_series(1, ?)
                    returning id)
                insert into ticket_comments (ticket_id, audit_id, author_id, body, html_body, public, via_channel,
                                             created_at)
                select ?, audits.id, ?, 'seeded ' || audits.id, '<p>seeded</p>', false, 'api', now() from audits""", ticket, author, total - existing, ticket, author);
        jdbc.update(
                "update tickets set comment_count = (select count(*) from ticket_comments where ticket_id = ?) "
                        + "where id = ?",
                ticket,
                ticket);
    }
}
