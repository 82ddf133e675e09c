package io.sidedesk.webhook;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.sidedesk.web.Patch;

/**
 * Request bodies of {@code /api/v2/webhooks}. Members are checked by {@link WebhookFields}, which names them as the
 * contract does; on PATCH only the members sent change, and {@code null} clears the optional ones.
 */
final class WebhookRequest {

    private WebhookRequest() {}

    /** {@code {"webhook": {...}}}. */
    record One(@Valid @NotNull(message = "is required") Fields webhook) {}

    record Fields(
            @Schema(description = "1 to 255 characters", nullable = false)
            Patch<String> name,

            @Schema(description = "At most 1000 characters", nullable = true)
            Patch<String> description,

            @Schema(
                    allowableValues = {"active", "inactive"},
                    defaultValue = "active")
            Patch<String> status,

            @Schema(description = "An absolute http or https URL, at most 2048 characters")
            Patch<String> endpoint,

            @Schema(
                    allowableValues = {"GET", "POST", "PUT", "PATCH", "DELETE"},
                    defaultValue = "POST")
            Patch<String> httpMethod,

            @Schema(
                    allowableValues = {"json"},
                    defaultValue = "json")
            Patch<String> requestFormat,

            @Schema(description = "Event types, or [\"conditional_ticket_events\"]")
            Patch<List<String>> subscriptions,

            @Schema(implementation = Authentication.class, nullable = true)
            Patch<Authentication> authentication,

            @Schema(description = "At most 5 headers; on PATCH a header set to null is removed", nullable = true)
            Patch<Map<String, String>> customHeaders) {

        Fields {
            // Left out (as Jackson reads a record's absent member, or a body built in code): absent.
            name = name == null ? Patch.absent() : name;
            description = description == null ? Patch.absent() : description;
            status = status == null ? Patch.absent() : status;
            endpoint = endpoint == null ? Patch.absent() : endpoint;
            httpMethod = httpMethod == null ? Patch.absent() : httpMethod;
            requestFormat = requestFormat == null ? Patch.absent() : requestFormat;
            subscriptions = subscriptions == null ? Patch.absent() : subscriptions;
            authentication = authentication == null ? Patch.absent() : authentication;
            customHeaders = customHeaders == null ? Patch.absent() : customHeaders;
        }
    }

    /** Write-only credentials: {@code data} is never returned. */
    @Schema(name = "WebhookAuthenticationRequest")
    record Authentication(
            @Schema(allowableValues = {"basic_auth", "bearer_token", "api_key"})
            String type,

            @Schema(description = "basic_auth: username, password; bearer_token: token; api_key: name, value")
            Map<String, String> data,

            @Schema(
                    allowableValues = {"header"},
                    defaultValue = "header")
            String addPosition) {}

    /** {@code POST /api/v2/webhooks/test}: the webhook to try (members not sent come from webhook_id's), a request. */
    record Test(@Valid Fields webhook, TestRequest request) {}

    record TestRequest(
            @Schema(description = "The body as sent, at most 64 KiB; a sample ticket.created event if left out")
            String payload,

            List<Header> headers) {}

    /** One header, as Zendesk lists them. */
    record Header(String key, String value) {}
}
