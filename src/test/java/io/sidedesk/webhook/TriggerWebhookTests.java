package io.sidedesk.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Triggers' {@code notification_webhook} action (docs/webhooks-contract.md, "Triggers"; B2, B6): when the trigger
 * fires, its body, with Liquid placeholders rendered as for notification emails, is queued in the write's transaction
 * for a webhook subscribed to {@code conditional_ticket_events}, and delivered, signed and retried as events are, with
 * the webhook's method; the audit names the webhook; an inactive webhook is sent nothing. A trigger naming a webhook
 * that does not exist, or one that does not take conditional ticket events, is a 422 naming the action's value. Every
 * trigger here matches only its own test's tickets (a tag of its own), and is deleted afterwards.
 */
class TriggerWebhookTests extends WebhookTestSupport {

    private static final String TRIGGERS = "/api/v2/triggers";

    private final List<Long> triggers = new ArrayList<>();

    /** A tag only this test's tickets carry. */
    private final String tag = unique("hooked").replace("-", "");

    @AfterEach
    void deleteTheTriggers() {
        triggers.forEach(id -> admin().withoutContract().delete(TRIGGERS + "/" + id));
    }

    @Test
    void aFiredTriggerSendsItsRenderedBodyToAConditionalWebhook_B2() {
        Hook hook = hook(CONDITIONAL);
        Hook forEvents = hook("ticket.created");
        String title = unique("Printer");
        trigger(action(
                "notification_webhook",
                List.of(hook.id(), "{\"ticket\": \"{{ticket.id}}\", \"title\": \"{{ticket.title}}\"}")));

        long ticket = taggedTicket(title);

        WebhookReceiver.Request request = awaitRequests(hook, 1).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.text())
                .as("the body, rendered, as is")
                .isEqualTo("{\"ticket\": \"" + ticket + "\", \"title\": \"" + title + "\"}");
        assertThat(request.body()).isEqualTo(request.text().getBytes(StandardCharsets.UTF_8));
        assertThat(signedWith(request, secretOf(hook))).isTrue();
        assertThat(request.header("X-Zendesk-Webhook-Id")).isEqualTo(hook.id());
        JsonNode invocation = awaitSettled(hook, request.header("X-Sidedesk-Event-Id"));
        assertThat(invocation.get("status").asString()).isEqualTo("success");
        assertThat(invocation.get("event_type").asString()).isEqualTo(CONDITIONAL);
        assertThat(invocation.get("ticket_id").asString()).isEqualTo(String.valueOf(ticket));
        assertThat(request.header("X-Zendesk-Webhook-Invocation-Id"))
                .isEqualTo(invocation.get("id").asString());
        assertThat(request.header("X-Sidedesk-Correlation-Id"))
                .isEqualTo(invocation.get("correlation_id").asString());
        assertThat(request.header("X-Sidedesk-Attempt")).isEqualTo("1");

        JsonNode audit = auditWithWebhookEvent(ticket);
        assertThat(audit.get("correlation_id").asString())
                .as("queued by the write the trigger fired in")
                .isEqualTo(invocation.get("correlation_id").asString());
        assertThat(webhookEvents(audit).toString())
                .as("the audit names the webhook")
                .contains(hook.id());
        assertThat(types(payloads(awaitRequests(forEvents, 1))))
                .as("an event webhook gets its events, not the trigger's body")
                .containsExactly(EVENT + "ticket.created");
    }

    @Test
    void aTriggersBodyGoesWithTheWebhooksMethodAndIsRetriedAsEventsAre_B2() {
        Hook hook = hook(List.of(CONDITIONAL), "http_method", "PUT");
        RECEIVER.script(hook.path(), WebhookReceiver.Answer.status(503));
        trigger(action("notification_webhook", List.of(hook.id(), "Ticket {{ticket.id}} changed")));

        long ticket = taggedTicket(unique("Retried"));

        WebhookReceiver.Request first = awaitRequests(hook, 1).get(0);
        assertThat(first.method()).isEqualTo("PUT");
        assertThat(first.text()).isEqualTo("Ticket " + ticket + " changed");
        String eventId = first.header("X-Sidedesk-Event-Id");
        assertThat(awaitAttempts(hook, eventId, 1).get("status").asString()).isEqualTo("pending");

        laterSendDue();

        WebhookReceiver.Request second = awaitRequests(hook, 2).get(1);
        assertThat(second.method()).isEqualTo("PUT");
        assertThat(second.header("X-Sidedesk-Attempt")).isEqualTo("2");
        assertThat(second.header("X-Sidedesk-Event-Id")).isEqualTo(eventId);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(signedWith(second, secretOf(hook))).isTrue();
        assertThat(awaitSettled(hook, eventId).get("status").asString()).isEqualTo("success");
    }

    @Test
    void anInactiveConditionalWebhookIsSentNothing_B2() {
        Hook inactive = hook(List.of(CONDITIONAL), "status", "inactive");
        Hook active = hook(CONDITIONAL);
        trigger(
                action("notification_webhook", List.of(inactive.id(), "to the inactive one")),
                action("notification_webhook", List.of(active.id(), "to the active one")));

        taggedTicket(unique("Half"));

        assertThat(awaitRequests(active, 1).get(0).text()).isEqualTo("to the active one");
        sendDue();
        assertThat(invocations(inactive)).as("nothing queued").isEmpty();
        assertThat(received(inactive)).isEmpty();
    }

    @Test
    void aTriggerNamingAnUnknownWebhookOrOneNotForConditionalEventsIsA422NamingTheValue_B2() {
        Hook forEvents = hook("ticket.created");
        Hook conditional = hook(CONDITIONAL);
        Api api = admin().withoutContract();
        long before = count(TRIGGERS);

        for (Object value : List.of(
                List.of(MISSING_ID, "body"),
                List.of(forEvents.id(), "body"),
                List.of(conditional.id()),
                List.of(conditional.id(), "body", "more"),
                conditional.id())) {
            Api.Response refused =
                    api.post(TRIGGERS, Map.of("trigger", triggerBody(action("notification_webhook", value))));
            assertInvalidNaming(refused, "actions[0].value");
        }
        assertThat(count(TRIGGERS)).as("nothing written").isEqualTo(before);

        long id = trigger(action("current_tags", tag + "seen"));
        String stored = admin().get(TRIGGERS + "/" + id).body();
        assertInvalidNaming(
                api.put(
                        TRIGGERS + "/" + id,
                        Map.of(
                                "trigger",
                                Map.of(
                                        "actions",
                                        List.of(action("notification_webhook", List.of(forEvents.id(), "body")))))),
                "actions[0].value");
        assertThat(admin().get(TRIGGERS + "/" + id).body())
                .as("nothing written")
                .isEqualTo(stored);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static Map<String, Object> action(String field, Object value) {
        return fields("field", field, "value", value);
    }

    /** A trigger of this test: it fires on tickets that carry the test's tag. */
    @SafeVarargs
    private Map<String, Object> triggerBody(Map<String, Object>... actions) {
        return fields(
                "title",
                unique("Webhook trigger"),
                "conditions",
                Map.of(
                        "all",
                        List.of(fields("field", "current_tags", "operator", "includes", "value", tag)),
                        "any",
                        List.of()),
                "actions",
                List.of(actions));
    }

    @SafeVarargs
    private long trigger(Map<String, Object>... actions) {
        Api.Response response = admin().post(TRIGGERS, Map.of("trigger", triggerBody(actions)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        long id = response.json().at("/trigger/id").asLong();
        triggers.add(id);
        return id;
    }

    /** A ticket with this title and the test's tag: the test's triggers fire on it. */
    private long taggedTicket(String title) {
        return created(admin(), fields("subject", title, "comment", body("Fire the trigger"), "tags", List.of(tag)))
                .get("id")
                .asLong();
    }

    /** The ticket's audit that holds a {@code Webhook} event. */
    private JsonNode auditWithWebhookEvent(long ticket) {
        List<JsonNode> found = audits(ticket).stream()
                .filter(audit -> !webhookEvents(audit).isEmpty())
                .toList();
        return only(found);
    }

    private static List<JsonNode> webhookEvents(JsonNode audit) {
        List<JsonNode> found = new ArrayList<>();
        audit.get("events").forEach(event -> {
            if (event.get("type").asString().equals("Webhook")) {
                found.add(event);
            }
        });
        return found;
    }
}
