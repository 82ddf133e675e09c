package io.sidedesk.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The Zendesk dialect's plumbing: suffix, wrappers, timestamps, errors, request ids. */
class DialectTests extends ApiTestSupport {

    @Test
    void everyPathAlsoAnswersWithAJsonSuffix() {
        Api.Response plain = admin().get("/api/v2/users/me");
        Api.Response suffixed = admin().get("/api/v2/users/me.json");

        assertThat(suffixed.status()).isEqualTo(200);
        assertThat(suffixed.json()).isEqualTo(plain.json());
        TestUser user = endUser();
        assertThat(admin().get("/api/v2/users/" + user.id() + ".json")
                        .json()
                        .at("/user/id")
                        .asLong())
                .isEqualTo(user.id());
        assertThat(admin().get("/api/v2/users.json").json().has("users")).isTrue();
    }

    @Test
    void bodiesAreWrappedSnakeCaseWithMillisecondUtcTimestamps() {
        JsonNode user = admin().get("/api/v2/users/me").json().get("user");

        assertThat(user.has("role_type")).isTrue();
        assertThat(user.has("created_at")).isTrue();
        assertThat(user.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(user.get("url").asString())
                .endsWith("/api/v2/users/" + user.get("id").asLong() + ".json");
        assertThat(user.get("id").isIntegralNumber()).isTrue();
    }

    @Test
    void unknownRouteIs404InvalidEndpoint() {
        Api.Response response = admin().get("/api/v2/no_such_things");

        assertProblem(response, 404);
        assertThat(response.json().get("error").asString()).isEqualTo("InvalidEndpoint");
    }

    @Test
    void unknownRecordIs404RecordNotFound() {
        Api.Response response = admin().get("/api/v2/users/987654321");

        assertProblem(response, 404);
        assertThat(response.json().get("error").asString()).isEqualTo("RecordNotFound");
        assertThat(response.json().get("description").asString()).isEqualTo("Not found");
    }

    @Test
    void malformedJsonIs400() {
        Api.Response response = admin().post("/api/v2/users", "{\"user\": {\"name\": ");

        assertProblem(response, 400);
        assertThat(response.json().get("error").asString()).isEqualTo("InvalidJSON");
    }

    @Test
    void missingBodyIs400() {
        Api.Response response = admin().send("POST", "/api/v2/users", "", "application/json");

        assertProblem(response, 400);
    }

    @Test
    void validationErrorIs422RecordInvalidWithDetailsKeyedByField() {
        Api.Response response =
                admin().post("/api/v2/users", Map.of("user", Map.of("name", "Someone", "email", "not-an-email")));

        assertProblem(response, 422);
        assertThat(response.json().get("error").asString()).isEqualTo("RecordInvalid");
        assertThat(response.json().get("description").asString()).isEqualTo("Record validation errors");
        assertThat(response.json().at("/details/email/0/description").asString())
                .isNotBlank();
    }

    @Test
    void wrongTypeInBodyIs422NamingTheField() {
        Api.Response response = admin().post(
                        "/api/v2/groups",
                        Map.of("group", Map.of("name", unique("g"), "is_public", Map.of("nested", true))));

        assertProblem(response, 422);
        assertThat(response.json().at("/details").has("is_public"))
                .as(response.toString())
                .isTrue();
    }

    @Test
    void wrongMethodIs405() {
        Api.Response response = admin().send("PATCH", "/api/v2/users/me", "{}");

        assertProblem(response, 405);
        assertThat(response.header("Allow")).isNotBlank();
    }

    @Test
    void anAcceptThatRefusesJsonIs406() {
        Api.Response response = admin().withHeader("Accept", "text/html").get("/api/v2/users/me");

        assertProblem(response, 406);
        assertThat(response.json().get("error").asString()).isEqualTo("NotAcceptable");
    }

    @Test
    void wrongMediaTypeIs415() {
        Api.Response response = admin().send("POST", "/api/v2/users", "name=x", "text/plain");

        assertProblem(response, 415);
    }

    @Test
    void forbiddenIs403WithZendeskErrorObject() {
        Api.Response response = as(agent()).post("/api/v2/groups", Map.of("group", Map.of("name", unique("g"))));

        assertProblem(response, 403);
        assertThat(response.json().at("/error/title").asString()).isEqualTo("Forbidden");
        assertThat(response.json().at("/error/message").asString()).isNotBlank();
    }

    @Test
    void everyResponseCarriesARequestIdTakenFromTheRequestWhenSane() {
        assertThat(admin().get("/api/v2/users/me").header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(admin().withHeader("X-Request-Id", "trace-42")
                        .get("/api/v2/users/me")
                        .header("X-Request-Id"))
                .isEqualTo("trace-42");
        assertThat(api().get("/api/v2/users/me").header("X-Request-Id")).isNotBlank();
        assertThat(admin().get("/api/v2/nothing").header("X-Request-Id")).isNotBlank();
        String forged = admin().withHeader("X-Request-Id", "a b\tc")
                .get("/api/v2/users/me")
                .header("X-Request-Id");
        assertThat(forged).matches("[0-9a-f-]{36}");
    }

    @Test
    void errorsNeverShowStackTracesOrClassNames() {
        Api.Response[] responses = {
            admin().post("/api/v2/users", "{\"user\": [1, 2"),
            admin().post("/api/v2/users", Map.of("user", Map.of("role", "superhero"))),
            admin().get("/api/v2/users/abc"),
            admin().get("/api/v2/users?per_page=abc"),
            admin().send("POST", "/api/v2/users", "<user/>", "application/xml"),
        };
        for (Api.Response response : responses) {
            assertThat(response.status()).as(response.toString()).isBetween(400, 499);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body())
                    .doesNotContain("Exception")
                    .doesNotContain("java.")
                    .doesNotContain("tools.jackson")
                    .doesNotContain("at io.sidedesk");
        }
    }

    @Test
    void requestsTheContainerRefusesStillGetProblemJson() {
        String refused = admin().rawGet("/api/v2/users?x={}");
        String undecodable = admin().rawGet("/api/v2/users?per_page=%zz");

        assertThat(refused)
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json")
                .doesNotContain("<html");
        assertThat(undecodable)
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json")
                .contains("\"error\":\"InvalidParameter\"");
    }

    @Test
    void openApiDescribesTheApiAndItsBasicScheme() {
        JsonNode docs = api().get("/v3/api-docs").json();

        assertThat(docs.at("/components/securitySchemes/apiToken/scheme").asString())
                .isEqualTo("basic");
        assertThat(docs.at("/paths").has("/api/v2/users/me")).isTrue();
        assertThat(docs.at("/paths/~1api~1v2~1users/get/parameters").toString()).contains("page[size]");
    }

    static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.has("detail")).isTrue();
        assertThat(body.has("error")).isTrue();
    }
}
