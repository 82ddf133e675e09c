package io.sidedesk.ratelimit;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code sidedesk.rate-limits.enabled=false} (the test profile's setting) nothing is limited and no rate header is sent. */
class RateLimitsOffTests extends ApiTestSupport {

    @Test
    void switchedOffThereAreNoLimitsAndNoRateHeaders() {
        long ticket = admin().post("/api/v2/tickets", Map.of("ticket", Map.of("comment", Map.of("body", "free"))))
                .json()
                .at("/ticket/id")
                .asLong();
        for (int i = 0; i < 35; i++) {
            Api.Response response = admin().put(
                            "/api/v2/tickets/" + ticket,
                            Map.of("ticket", Map.of("priority", i % 2 == 0 ? "low" : "high")));
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.header("X-Rate-Limit")).isNull();
            assertThat(response.header("X-Rate-Limit-Remaining")).isNull();
        }
        for (int i = 0; i < 25; i++) {
            assertThat(api().as(ADMIN_EMAIL, "wrong").get("/api/v2/users/me").status())
                    .isEqualTo(401);
        }
        assertThat(admin().get("/api/v2/users/me").status()).isEqualTo(200);
    }
}
