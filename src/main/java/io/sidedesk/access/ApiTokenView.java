package io.sidedesk.access;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;

/** A token as listed: never its value, except once in the answer to its creation ({@code token}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ApiToken")
record ApiTokenView(
        long id,
        String url,
        @MayBeNull String description,
        @MayBeNull Long userId,
        Instant createdAt,
        @MayBeNull String token) {

    static ApiTokenView of(ApiToken token) {
        return new ApiTokenView(
                token.getId(),
                ApiUrls.of("api_tokens", token.getId()),
                token.getDescription(),
                token.getUserId(),
                token.getCreatedAt(),
                null);
    }

    static ApiTokenView issued(ApiTokens.Issued issued) {
        ApiToken token = issued.token();
        return new ApiTokenView(
                token.getId(),
                ApiUrls.of("api_tokens", token.getId()),
                token.getDescription(),
                token.getUserId(),
                token.getCreatedAt(),
                issued.value());
    }

    @Schema(name = "ApiTokenResponse")
    record One(ApiTokenView apiToken) {}
}
