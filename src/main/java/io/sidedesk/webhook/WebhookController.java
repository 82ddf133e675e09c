package io.sidedesk.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;
import io.sidedesk.web.SecretResponse;

@RestController
@RequestMapping("/api/v2/webhooks")
@Tag(name = OpenApiConfiguration.WEBHOOKS)
class WebhookController {

    private static final String EXAMPLE = "{\"webhook\": {\"name\": \"Billing pipeline\", \"endpoint\": "
            + "\"https://hooks.example.com/sidedesk\", \"subscriptions\": [\"zen:event-type:ticket.created\", "
            + "\"zen:event-type:side_conversation.replied\"], \"authentication\": {\"type\": \"bearer_token\", "
            + "\"data\": {\"token\": \"s3cret\"}, \"add_position\": \"header\"}}}";

    private final Webhooks webhooks;
    private final WebhookTester tester;

    WebhookController(Webhooks webhooks, WebhookTester tester) {
        this.webhooks = webhooks;
        this.tester = tester;
    }

    @GetMapping
    @ListOf(value = "webhooks", of = WebhookView.class, offset = false)
    @Operation(operationId = "listWebhooks", summary = "List webhooks (admins), oldest first; cursor paging only")
    ListPage.Body list(
            @AuthenticationPrincipal Actor actor,
            @Parameter(description = "Webhooks whose name holds this text (any case)")
                    @RequestParam(name = "filter[name_contains]", required = false)
                    String nameContains,
            @Parameter(description = "active or inactive") @RequestParam(name = "filter[status]", required = false)
                    String status,
            Paging paging) {
        return webhooks.list(actor, nameContains, status, paging).body("webhooks");
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = EXAMPLE,
            required = {"webhook.name", "webhook.endpoint", "webhook.subscriptions"})
    @Operation(
            operationId = "createWebhook",
            summary = "Create a webhook (admins); a signing secret is made for it. Credentials are write-only")
    WebhookView.One create(
            @AuthenticationPrincipal Actor actor,
            @Valid @RequestBody WebhookRequest.One request,
            HttpServletResponse response) {
        WebhookView created = webhooks.create(actor, request.webhook());
        response.setHeader(HttpHeaders.LOCATION, ApiUrls.location("webhooks", created.id()));
        return new WebhookView.One(created);
    }

    @GetMapping("/{webhook_id}")
    @Operation(operationId = "showWebhook", summary = "Show a webhook (admins), without its credentials")
    WebhookView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("webhook_id") String id) {
        return new WebhookView.One(webhooks.show(actor, id));
    }

    @PutMapping("/{webhook_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequestDoc(
            example = EXAMPLE,
            required = {"webhook.name", "webhook.endpoint", "webhook.subscriptions"})
    @Operation(
            operationId = "updateWebhook",
            summary = "Replace a webhook (admins): members left out take their defaults; authentication resent with "
                    + "its stored type and no data keeps the stored credentials")
    void replace(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("webhook_id") String id,
            @Valid @RequestBody WebhookRequest.One request) {
        webhooks.replace(actor, id, request.webhook());
    }

    @PatchMapping(
            value = "/{webhook_id}",
            consumes = {"application/json", "application/merge-patch+json"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequestDoc(example = "{\"webhook\": {\"status\": \"inactive\"}}")
    @Operation(
            operationId = "patchWebhook",
            summary = "Change some members of a webhook (admins): a JSON merge patch; null clears description, "
                    + "authentication, custom_headers, or one custom header")
    void patch(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("webhook_id") String id,
            @Valid @RequestBody WebhookRequest.One request) {
        webhooks.patch(actor, id, request.webhook());
    }

    @DeleteMapping("/{webhook_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook (admins), with its invocations")
    void delete(@AuthenticationPrincipal Actor actor, @PathVariable("webhook_id") String id) {
        webhooks.delete(actor, id);
    }

    @GetMapping("/{webhook_id}/signing_secret")
    @Operation(operationId = "showWebhookSigningSecret", summary = "Show a webhook's signing secret (admins)")
    WebhookView.Secret secret(
            @AuthenticationPrincipal Actor actor, @PathVariable("webhook_id") String id, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return new WebhookView.Secret(webhooks.secret(actor, id));
    }

    @PostMapping("/{webhook_id}/signing_secret")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "resetWebhookSigningSecret",
            summary = "Make a new signing secret (admins); the old one signs nothing from now on")
    WebhookView.Secret rotate(
            @AuthenticationPrincipal Actor actor, @PathVariable("webhook_id") String id, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        WebhookView.SigningSecret secret = webhooks.rotate(actor, id);
        SecretResponse.mark("This Idempotency-Key already reset the signing secret of webhook " + id + "; the secret "
                + "is not replayed. Read it with GET /api/v2/webhooks/" + id + "/signing_secret.");
        return new WebhookView.Secret(secret);
    }

    @PostMapping("/test")
    @RequestDoc(
            example = "{\"webhook\": {\"endpoint\": \"https://hooks.example.com/sidedesk\", \"http_method\": "
                    + "\"POST\", \"request_format\": \"json\"}, \"request\": {\"payload\": \"{\\\"hello\\\": 1}\"}}")
    @Operation(
            operationId = "testWebhook",
            summary = "Send one request now (admins) and answer with the endpoint's response; nothing is stored",
            description = "Signed with the webhook's secret when webhook_id names one, else with Zendesk's static test "
                    + "secret. No response (refused, timed out): status null and an error.")
    WebhookView.Tested test(
            @AuthenticationPrincipal Actor actor,
            @Parameter(description = "A webhook whose members fill those not sent, and whose secret signs")
                    @RequestParam(name = "webhook_id", required = false)
                    String webhookId,
            @Valid @RequestBody WebhookRequest.Test request) {
        // What an endpoint answers may echo what it was sent (credentials): never kept for an Idempotency-Key.
        SecretResponse.mark("A test request is not replayed under its Idempotency-Key: send it again without one.");
        return tester.test(actor, webhookId, request);
    }

    @GetMapping("/{webhook_id}/invocations")
    @ListOf(value = "invocations", of = WebhookView.Invocation.class, offset = false)
    @Operation(
            operationId = "listWebhookInvocations",
            summary = "A webhook's invocations (admins), newest first; cursor paging only")
    ListPage.Body invocations(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("webhook_id") String id,
            @Parameter(description = "Created at or after this time (ISO 8601)")
                    @RequestParam(name = "filter[from_ts]", required = false)
                    String fromTs,
            @Parameter(description = "Created at or before this time (ISO 8601)")
                    @RequestParam(name = "filter[to_ts]", required = false)
                    String toTs,
            @Parameter(description = "pending, success or failed")
                    @RequestParam(name = "filter[status]", required = false)
                    String status,
            Paging paging) {
        return webhooks.invocations(actor, id, fromTs, toTs, status, paging).body("invocations");
    }

    @GetMapping("/{webhook_id}/invocations/{invocation_id}/attempts")
    @Operation(
            operationId = "listWebhookInvocationAttempts",
            summary = "Every attempt at an invocation (admins), oldest first")
    WebhookView.Attempts attempts(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("webhook_id") String id,
            @PathVariable("invocation_id") long invocationId) {
        return webhooks.attempts(actor, id, invocationId);
    }
}
