package io.sidedesk.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

import io.sidedesk.access.Actor;
import io.sidedesk.web.Patch;
import io.sidedesk.web.RecordInvalid;

/**
 * {@code POST /api/v2/webhooks/test}: one request now, as a webhook would send it, and what came back. Members not
 * sent come from the stored webhook named (whose secret then signs); without one, Zendesk's static test secret signs.
 * The members are checked as a webhook's are (named {@code webhook.endpoint} and so on), the SSRF rules included, and
 * nothing is stored.
 */
@Service
class WebhookTester {

    /** Zendesk's documented signing secret of test requests made before a webhook exists. */
    static final String TEST_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

    static final int MAX_PAYLOAD = 64 * 1024;

    private static final int MAX_BODY = 4000;

    private static final Webhook.Fields NONE = new Webhook.Fields(
            "test",
            null,
            "active",
            null,
            "POST",
            "json",
            List.of(EventTypes.CONDITIONAL_TICKET_EVENTS),
            null,
            null,
            "{}");

    private final Webhooks webhooks;
    private final WebhookFields fields;
    private final WebhookSender sender;
    private final WebhookTransport transport;
    private final JsonMapper json;
    private final Clock clock;

    WebhookTester(
            Webhooks webhooks,
            WebhookFields fields,
            WebhookSender sender,
            WebhookTransport transport,
            JsonMapper json,
            Clock clock) {
        this.webhooks = webhooks;
        this.fields = fields;
        this.sender = sender;
        this.transport = transport;
        this.json = json;
        this.clock = clock;
    }

    WebhookView.Tested test(Actor actor, String webhookId, WebhookRequest.Test test) {
        actor.requireAdmin();
        Webhook stored = webhookId == null ? null : webhooks.stored(actor, webhookId);
        WebhookRequest.Fields sent = test.webhook() != null
                ? test.webhook()
                : new WebhookRequest.Fields(null, null, null, null, null, null, null, null, null);
        Webhook.Fields checked;
        try {
            // Only where and how to send matter here: the stored (or no) webhook's name and subscriptions stand.
            Webhook.Fields base = stored != null ? stored.fields() : NONE;
            checked = fields.patched(
                    new WebhookRequest.Fields(
                            Patch.absent(),
                            Patch.absent(),
                            Patch.absent(),
                            sent.endpoint(),
                            sent.httpMethod(),
                            sent.requestFormat(),
                            Patch.absent(),
                            sent.authentication(),
                            sent.customHeaders()),
                    base);
            if (checked.endpoint() == null) {
                throw RecordInvalid.field("endpoint", "is required");
            }
        } catch (RecordInvalid invalid) {
            throw invalid.renamed(member -> "webhook." + member);
        }
        WebhookRequest.TestRequest request = test.request();
        String payload = request != null && request.payload() != null ? request.payload() : sample();
        if (payload.length() > MAX_PAYLOAD) {
            throw RecordInvalid.field("request.payload", "must be at most " + MAX_PAYLOAD + " characters");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        List<WebhookRequest.Header> headers =
                request == null || request.headers() == null ? List.of() : request.headers();
        for (int i = 0; i < headers.size(); i++) {
            WebhookRequest.Header header = headers.get(i);
            if (header == null
                    || header.key() == null
                    || !WebhookFields.headerName(header.key())
                    || WebhookFields.reserved(header.key())) {
                throw RecordInvalid.field(
                        "request.headers[" + i + "].key", "must be a header name Sidedesk does not set itself");
            }
            if (header.value() == null || !WebhookFields.printable(header.value())) {
                throw RecordInvalid.field("request.headers[" + i + "].value", "must be printable text");
            }
            extra.put(header.key(), header.value());
        }
        WebhookOutbox.Target target = new WebhookOutbox.Target(
                checked.endpoint(),
                checked.httpMethod(),
                checked.authType(),
                checked.authData(),
                checked.customHeaders(),
                stored != null ? stored.getSigningSecret() : TEST_SECRET,
                0,
                false,
                true);
        WebhookTransport.Result result = transport.send(sender.request(target, payload, extra, clock.instant()));
        if (result.refused()) {
            throw RecordInvalid.field("webhook.endpoint", result.error());
        }
        String body = result.body();
        return new WebhookView.Tested(new WebhookView.TestResponse(
                result.status(),
                result.headers().stream()
                        .map(header -> new WebhookView.Header(header.getKey(), header.getValue()))
                        .toList(),
                body == null || body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY),
                result.status() == null ? result.error() : null));
    }

    /** A sample {@code ticket.created} event, in the shape real ones have. */
    private String sample() {
        Instant now = clock.instant();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("id", "1");
        detail.put("subject", "A sample ticket");
        detail.put("status", "new");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", EventTypes.TICKET_CREATED);
        body.put("account_id", WebhookEvents.ACCOUNT_ID);
        body.put("id", UUID.randomUUID().toString());
        body.put("time", now); // written as every timestamp: three fraction digits, always
        body.put("zendesk_event_version", WebhookEvents.EVENT_VERSION);
        body.put("subject", "zen:ticket:1");
        body.put("correlation_id", UUID.randomUUID().toString());
        body.put("detail", detail);
        body.put("event", Map.of());
        return json.writeValueAsString(body);
    }
}
