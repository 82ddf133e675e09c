package io.sidedesk.access;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTests extends ApiTestSupport {

    @Test
    void bootstrapTokenAuthenticatesTheFirstAdmin() {
        Api.Response me = admin().get("/api/v2/users/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().at("/user/email").asString()).isEqualTo(ADMIN_EMAIL);
        assertThat(me.json().at("/user/role").asString()).isEqualTo("admin");
        assertThat(me.json().at("/user/role_type").asInt()).isEqualTo(4);
    }

    @Test
    void emailIsMatchedWithoutRegardToCase() {
        Api.Response me = api().as(ADMIN_EMAIL.toUpperCase(), ADMIN_TOKEN).get("/api/v2/users/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().at("/user/email").asString()).isEqualTo(ADMIN_EMAIL);
    }

    @Test
    void accountWideTokenActsAsAnyActiveUserNamedByEmail() {
        TestUser agent = agent();

        Api.Response me = api().as(agent.email(), ADMIN_TOKEN).get("/api/v2/users/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().at("/user/id").asLong()).isEqualTo(agent.id());
    }

    @Test
    void badTokenIs401ProblemWithoutBasicChallenge() {
        Api.Response response = api().as(ADMIN_EMAIL, "not-the-token").get("/api/v2/users/me");

        assertUnauthenticated(response);
    }

    @Test
    void unknownUserIs401() {
        assertUnauthenticated(api().as("nobody@example.com", ADMIN_TOKEN).get("/api/v2/users/me"));
    }

    @Test
    void missingCredentialsAre401() {
        assertUnauthenticated(api().get("/api/v2/users/me"));
        assertUnauthenticated(api().get("/api/v2/no-such-endpoint"));
    }

    @Test
    void malformedAuthorizationHeadersAre401() {
        String[] headers = {
            "Basic !!!not-base64!!!",
            Api.basicHeaderFor("no-colon-here"),
            Api.basicHeaderFor(ADMIN_EMAIL + ":" + ADMIN_TOKEN),
            Api.basicHeaderFor("/token:" + ADMIN_TOKEN),
            Api.basicHeaderFor(ADMIN_EMAIL + "/token:"),
            "Digest username=\"admin\"",
            "Bearer ",
            "Bearer " + "x".repeat(2000),
        };
        for (String header : headers) {
            Api.Response response = api().withHeader("Authorization", header).get("/api/v2/users/me");
            assertThat(response.status()).as(header).isEqualTo(401);
            assertUnauthenticated(response);
        }
    }

    @Test
    void revokedTokenIsRefusedOnTheNextRequest() {
        Api.Response created = admin().post("/api/v2/api_tokens", Map.of("api_token", Map.of("description", "temp")));
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().at("/api_token/token").asString();
        long id = created.json().at("/api_token/id").asLong();
        assertThat(api().as(ADMIN_EMAIL, token).get("/api/v2/users/me").status())
                .isEqualTo(200);

        assertThat(admin().delete("/api/v2/api_tokens/" + id).status()).isEqualTo(204);

        assertUnauthenticated(api().as(ADMIN_EMAIL, token).get("/api/v2/users/me"));
    }

    @Test
    void deactivatedUserCannotAuthenticate() {
        TestUser agent = agent();
        assertThat(as(agent).get("/api/v2/users/me").status()).isEqualTo(200);

        Api.Response deactivated = admin().delete("/api/v2/users/" + agent.id());
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().at("/user/active").asBoolean()).isFalse();

        assertUnauthenticated(as(agent).get("/api/v2/users/me"));
    }

    @Test
    void perUserTokenWorksOnlyWithThatUsersEmail() {
        TestUser agent = agent();
        TestUser other = agent();
        Api.Response created = admin().post(
                        "/api/v2/api_tokens",
                        Map.of("api_token", Map.of("description", "agent's own", "user_id", agent.id())));
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().at("/api_token/token").asString();

        assertThat(api().as(agent.email(), token)
                        .get("/api/v2/users/me")
                        .json()
                        .at("/user/id")
                        .asLong())
                .isEqualTo(agent.id());
        assertUnauthenticated(api().as(other.email(), token).get("/api/v2/users/me"));
        assertUnauthenticated(api().as(ADMIN_EMAIL, token).get("/api/v2/users/me"));
    }

    @Test
    void bearerTokenWorksOnlyForATokenBoundToOneUser() {
        TestUser agent = agent();
        String token = admin().post("/api/v2/api_tokens", Map.of("api_token", Map.of("user_id", agent.id())))
                .json()
                .at("/api_token/token")
                .asString();

        assertThat(api().bearer(token)
                        .get("/api/v2/users/me")
                        .json()
                        .at("/user/id")
                        .asLong())
                .isEqualTo(agent.id());
        assertUnauthenticated(api().bearer(ADMIN_TOKEN).get("/api/v2/users/me"));
    }

    @Test
    void generatedTokensAreLongRandomAndListedWithoutTheirValue() {
        Api.Response first = admin().post("/api/v2/api_tokens", Map.of("api_token", Map.of("description", "a")));
        Api.Response second = admin().post("/api/v2/api_tokens", Map.of("api_token", Map.of("description", "b")));
        String a = first.json().at("/api_token/token").asString();
        String b = second.json().at("/api_token/token").asString();

        assertThat(a).hasSize(40).matches("[A-Za-z0-9]+").isNotEqualTo(b);
        Api.Response shown = admin().get(
                        "/api/v2/api_tokens/" + first.json().at("/api_token/id").asLong());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().at("/api_token").has("token")).isFalse();
        assertThat(admin().get("/api/v2/api_tokens").body()).doesNotContain(a).doesNotContain(b);
    }

    @Test
    void healthAndApiDocsArePublicEverythingElseIsNot() {
        assertThat(api().get("/actuator/health").status()).isEqualTo(200);
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api().get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(api().get("/swagger-ui.html").status()).isIn(200, 302);
        assertUnauthenticated(api().get("/actuator/prometheus"));
        assertUnauthenticated(api().get("/api/v2/users"));
    }

    /** B5, operations endpoints: metrics and build information are for admins; health alone is public (probes). */
    @Test
    void operationsEndpointsAreForAdminsOnly() {
        Api.Response metrics = admin().get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(admin().get("/actuator/info").status()).isEqualTo(200);
        assertThat(admin().get("/actuator").status()).isEqualTo(200);
        for (TestUser caller : List.of(agent(), lightAgent(), endUser())) {
            for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/info")) {
                Api.Response refused = as(caller).get(path);
                assertThat(refused.status())
                        .as(path + " as " + caller.email() + ": " + refused)
                        .isEqualTo(403);
                assertThat(refused.body()).doesNotContain("jvm_");
            }
        }
        assertUnauthenticated(api().get("/actuator/info"));
    }

    private static void assertUnauthenticated(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("error").asString()).isEqualTo("Couldn't authenticate you");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isNull();
    }
}
