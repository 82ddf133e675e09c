package io.sidedesk.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;
import io.sidedesk.web.SecretResponse;

@RestController
@RequestMapping("/api/v2/api_tokens")
@Tag(name = OpenApiConfiguration.TOKENS)
class ApiTokenController {

    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(example = "{\"api_token\": {\"description\": \"Help desk front end\"}}")
    @Operation(
            operationId = "createApiToken",
            summary = "Create a token (admins); its value is returned once. With user_id it works for that user only")
    ApiTokenView.One create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody Request request) {
        ApiTokens.Issued issued = tokens.create(
                actor, request.apiToken().userId(), request.apiToken().description());
        long id = issued.token().getId();
        // The value is shown here, once: a repeat of this request under its Idempotency-Key never shows it again.
        SecretResponse.mark("This Idempotency-Key already created API token " + id + ", whose value was shown once "
                + "and is not kept. If that answer was lost, revoke the token (DELETE /api/v2/api_tokens/" + id
                + ") and create another with a new key.");
        return new ApiTokenView.One(ApiTokenView.issued(issued));
    }

    @GetMapping
    @ListOf(value = "api_tokens", of = ApiTokenView.class)
    @Operation(operationId = "listApiTokens", summary = "List tokens (admins), without their values")
    ListPage.Body list(@AuthenticationPrincipal Actor actor, Paging paging) {
        return tokens.list(actor, paging).map(ApiTokenView::of).body("api_tokens");
    }

    @GetMapping("/{api_token_id}")
    @Operation(operationId = "showApiToken", summary = "Show a token (admins), without its value")
    ApiTokenView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("api_token_id") long id) {
        return new ApiTokenView.One(ApiTokenView.of(tokens.show(actor, id)));
    }

    @DeleteMapping("/{api_token_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeApiToken", summary = "Revoke a token (admins): refused from the next request on")
    void revoke(@AuthenticationPrincipal Actor actor, @PathVariable("api_token_id") long id) {
        tokens.revoke(actor, id);
    }

    @Schema(name = "ApiTokenRequest")
    record Request(@Valid @NotNull(message = "is required") Fields apiToken) {}

    @Schema(name = "ApiTokenRequestFields")
    record Fields(
            @Size(max = 255, message = "must be at most 255 characters")
            String description,

            Long userId) {}
}
