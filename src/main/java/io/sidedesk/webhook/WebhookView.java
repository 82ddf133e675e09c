package io.sidedesk.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.MayBeNull;

/** A webhook as the API shows it: never its credentials nor its secret. Ids are strings, as Zendesk's are. */
@Schema(name = "Webhook")
record WebhookView(
        String id,
        String name,
        @MayBeNull String description,
        @Schema(allowableValues = {"active", "inactive"}) String status,
        String endpoint,
        String httpMethod,
        String requestFormat,
        List<String> subscriptions,
        @MayBeNull Authentication authentication,
        Map<String, String> customHeaders,
        CircuitBreaker circuitBreaker,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    /** How the webhook authenticates; its data is write-only. */
    @Schema(name = "WebhookAuthentication")
    record Authentication(
            @Schema(allowableValues = {"basic_auth", "bearer_token", "api_key"})
            String type,

            @Schema(allowableValues = {"header"}) String addPosition) {}

    /** Sidedesk's: whether deliveries are held back because the endpoint keeps failing. */
    @Schema(name = "WebhookCircuitBreaker")
    record CircuitBreaker(
            @Schema(allowableValues = {"closed", "open", "half_open"})
            String state,

            int consecutiveFailures,
            @MayBeNull Instant openUntil) {}

    static WebhookView of(Webhook webhook, Map<String, String> customHeaders, Instant now) {
        Webhook.Fields fields = webhook.fields();
        Instant openUntil = webhook.getBreakerOpenUntil();
        String state = openUntil == null ? "closed" : openUntil.isAfter(now) ? "open" : "half_open";
        return new WebhookView(
                webhook.getId(),
                fields.name(),
                fields.description(),
                fields.status(),
                fields.endpoint(),
                fields.httpMethod(),
                fields.requestFormat(),
                fields.subscriptions(),
                fields.authType() == null ? null : new Authentication(fields.authType(), "header"),
                customHeaders,
                new CircuitBreaker(state, webhook.getConsecutiveFailures(), openUntil),
                webhook.getCreatedAt(),
                String.valueOf(webhook.getCreatedBy()),
                webhook.getUpdatedAt(),
                String.valueOf(webhook.getUpdatedBy()));
    }

    record One(WebhookView webhook) {}

    /** {@code {"signing_secret": {"algorithm": "SHA256", "secret": ...}}}. */
    record Secret(SigningSecret signingSecret) {}

    @Schema(name = "WebhookSigningSecret")
    record SigningSecret(@Schema(allowableValues = "SHA256") String algorithm, String secret) {}

    /** One event (or trigger notification) for one webhook, and how its delivery went. */
    @Schema(name = "WebhookInvocation")
    record Invocation(
            String id,

            @Schema(allowableValues = {"pending", "success", "failed"})
            String status,

            @MayBeNull Integer statusCode,
            @MayBeNull Instant latestCompletedAt,
            String eventId,
            String eventType,
            long ticketId,
            String correlationId,
            int attempts,
            @MayBeNull Instant nextAttemptAt,
            Instant createdAt) {

        static Invocation of(WebhookInvocation invocation) {
            boolean pending = "pending".equals(invocation.getState());
            return new Invocation(
                    String.valueOf(invocation.getId()),
                    invocation.getState(),
                    invocation.getStatusCode(),
                    invocation.getLatestCompletedAt(),
                    invocation.getEventId().toString(),
                    invocation.getEventType(),
                    invocation.getTicketId(),
                    invocation.getCorrelationId().toString(),
                    invocation.getAttempts(),
                    pending ? invocation.getNextAttemptAt() : null,
                    invocation.getCreatedAt());
        }
    }

    /** One request made for an invocation. */
    @Schema(name = "WebhookAttempt")
    record Attempt(
            String id,
            String invocationId,
            @Schema(allowableValues = {"success", "failed"}) String status,
            @MayBeNull Integer statusCode,
            @MayBeNull String error,
            long durationMs,
            Instant completedAt) {}

    record Attempts(List<Attempt> attempts) {}

    /** What {@code POST /webhooks/test} got back. */
    record Tested(TestResponse response) {}

    @Schema(name = "WebhookTestResponse")
    record TestResponse(
            @MayBeNull Integer status,
            List<Header> headers,
            @MayBeNull String body,

            @MayBeNull @Schema(description = "Why no response came (Sidedesk's)")
            String error) {}

    @Schema(name = "WebhookHeader")
    record Header(String key, String value) {}
}
