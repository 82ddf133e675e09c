package io.sidedesk.access;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Responses carry security headers, and CORS is closed unless origins are configured: a page on another
 * origin cannot call the API from a browser.
 */
class SecurityHeadersTests extends ApiTestSupport {

    @Test
    void apiResponsesCarrySecurityHeaders() {
        for (Api.Response response : new Api.Response[] {
            admin().get("/api/v2/users/me"), api().get("/api/v2/users/me"), admin().get("/api/v2/nothing-here")
        }) {
            assertThat(response.header("X-Content-Type-Options"))
                    .as(response.toString())
                    .isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Content-Security-Policy"))
                    .isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(response.header("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void corsIsClosedByDefault() {
        Api.Response preflight = preflight(api(), "https://evil.example");
        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();

        Api.Response read = admin().withHeader("Origin", "https://evil.example").get("/api/v2/users/me");
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
        assertThat(read.contentType()).as("refused as every refusal is").startsWith("application/problem+json");
        assertThat(read.json().at("/error/message").asString()).contains("Cross-origin");
        assertThat(preflight.contentType()).startsWith("application/problem+json");

        assertThat(admin().get("/api/v2/users/me").status())
                .as("clients that send no Origin")
                .isEqualTo(200);
    }

    static Api.Response preflight(Api api, String origin) {
        return api.withHeader("Origin", origin)
                .withHeader("Access-Control-Request-Method", "POST")
                .withHeader("Access-Control-Request-Headers", "authorization,content-type")
                .send("OPTIONS", "/api/v2/tickets", null);
    }

    @Nested
    @TestPropertySource(properties = "sidedesk.cors.allowed-origins=https://desk.example")
    class WithAnAllowedOrigin {

        @Test
        void theConfiguredOriginMayCallAndNoOtherMay() {
            Api.Response allowed = preflight(api(), "https://desk.example");
            assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://desk.example");
            assertThat(allowed.header("Access-Control-Allow-Methods")).contains("POST");

            Api.Response read =
                    admin().withHeader("Origin", "https://desk.example").get("/api/v2/users/me");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo("https://desk.example");

            Api.Response other = preflight(api(), "https://evil.example");
            assertThat(other.status()).isEqualTo(403);
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        }
    }
}
