package io.sidedesk.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.all;
import static io.sidedesk.ApiAssertions.allCursorPages;
import static io.sidedesk.ApiAssertions.allOffsetPages;
import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/v2/api_tokens beyond what AuthenticationTests proves: listing, showing, refusals and validation. */
class ApiTokenTests extends ApiTestSupport {

    private static final String PATH = "/api/v2/api_tokens";

    @Test
    void creationAnswersTheValueOnceWithTheTokensFields() {
        TestUser agent = agent();

        Api.Response created =
                admin().post(PATH, Map.of("api_token", Map.of("description", "CI for agent", "user_id", agent.id())));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode token = created.json().get("api_token");
        long id = token.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(token.get("description").asString()).isEqualTo("CI for agent");
        assertThat(token.get("user_id").asLong()).isEqualTo(agent.id());
        assertThat(token.get("token").asString()).hasSize(40);
        assertThat(token.get("url").asString()).endsWith("/api/v2/api_tokens/" + id + ".json");
        assertThat(token.get("created_at").asString()).isNotBlank();

        JsonNode shown = admin().get(PATH + "/" + id).json().get("api_token");
        assertThat(shown.has("token")).isFalse();
        assertThat(shown.get("id").asLong()).isEqualTo(id);
        assertThat(shown.get("description").asString()).isEqualTo("CI for agent");
        assertThat(shown.get("user_id").asLong()).isEqualTo(agent.id());
        assertThat(shown.get("created_at")).isEqualTo(token.get("created_at"));
    }

    @Test
    void accountWideTokenHasNoUser() {
        Api.Response created = admin().post(PATH, Map.of("api_token", Map.of("description", unique("wide"))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode userId = created.json().at("/api_token/user_id");
        assertThat(userId.isNull() || userId.isMissingNode())
                .as(created.toString())
                .isTrue();
    }

    @Test
    void listShowsEveryTokenWithoutItsValue() {
        TestUser agent = agent();
        String description = unique("listed");
        Api.Response first = admin().post(PATH, Map.of("api_token", Map.of("description", description)));
        Api.Response second =
                admin().post(PATH, Map.of("api_token", Map.of("description", description, "user_id", agent.id())));
        long firstId = first.json().at("/api_token/id").asLong();
        long secondId = second.json().at("/api_token/id").asLong();

        List<JsonNode> tokens = all(admin(), PATH, "api_tokens");

        assertThat(tokens).noneMatch(token -> token.has("token"));
        List<JsonNode> mine = tokens.stream()
                .filter(token ->
                        token.get("id").asLong() == firstId || token.get("id").asLong() == secondId)
                .toList();
        assertThat(mine).hasSize(2);
        assertThat(mine).allSatisfy(token -> assertThat(token.get("description").asString())
                .isEqualTo(description));
        assertThat(mine.get(1).get("user_id").asLong()).isEqualTo(agent.id());
        String body = all(admin(), PATH, "api_tokens").toString();
        assertThat(body)
                .doesNotContain(first.json().at("/api_token/token").asString())
                .doesNotContain(second.json().at("/api_token/token").asString());
    }

    @Test
    void tokensPageBothWays() {
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(admin().post(PATH, Map.of("api_token", Map.of("description", unique("paged"))))
                    .json()
                    .at("/api_token/id")
                    .asLong());
        }

        List<Long> offset = allOffsetPages(admin(), PATH, "api_tokens", 2).stream()
                .map(t -> t.get("id").asLong())
                .toList();
        List<Long> cursor = allCursorPages(admin(), PATH, "api_tokens", 2).stream()
                .map(t -> t.get("id").asLong())
                .toList();

        assertThat(offset).containsAll(created).doesNotHaveDuplicates().isSorted();
        assertThat(cursor).isEqualTo(offset);
    }

    @Test
    void unknownTokenIs404() {
        assertNotFound(admin().get(PATH + "/987654321"));
        assertNotFound(admin().delete(PATH + "/987654321"));
    }

    @Test
    void revokedTokenIsGoneFromListAndShow() {
        long id = admin().post(PATH, Map.of("api_token", Map.of("description", unique("revoked"))))
                .json()
                .at("/api_token/id")
                .asLong();

        Api.Response revoked = admin().delete(PATH + "/" + id);

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertThat(revoked.body()).isEmpty();
        assertNotFound(admin().get(PATH + "/" + id));
        assertThat(all(admin(), PATH, "api_tokens"))
                .noneMatch(token -> token.get("id").asLong() == id);
        assertNotFound(admin().delete(PATH + "/" + id));
    }

    @Test
    void tokenForAnUnknownOrDeactivatedUserIsRefused() {
        TestUser deactivated = agent();
        assertThat(admin().delete("/api/v2/users/" + deactivated.id()).status()).isEqualTo(200);
        String description = unique("refused");
        int before = all(admin(), PATH, "api_tokens").size();

        assertInvalid(
                admin().post(PATH, Map.of("api_token", Map.of("description", description, "user_id", 987654321))),
                "user_id");
        assertInvalid(
                admin().post(
                                PATH,
                                Map.of("api_token", Map.of("description", description, "user_id", deactivated.id()))),
                "user_id");
        assertInvalid(
                admin().post(PATH, Map.of("api_token", Map.of("description", description, "user_id", "someone"))),
                "user_id");

        assertThat(all(admin(), PATH, "api_tokens"))
                .hasSize(before)
                .noneMatch(token -> token.path("description").isString()
                        && description.equals(token.get("description").asString()));
    }

    @Test
    void descriptionIsBounded() {
        assertInvalid(admin().post(PATH, Map.of("api_token", Map.of("description", "d".repeat(256)))), "description");
    }

    @Test
    void missingWrapperIsRefused() {
        assertInvalid(admin().post(PATH, Map.of("description", "unwrapped")), "api_token");
    }

    @Test
    void nonAdminsCannotListShowCreateOrRevokeTokens() {
        Api.Response created = admin().post(PATH, Map.of("api_token", Map.of("description", unique("guarded"))));
        long id = created.json().at("/api_token/id").asLong();
        String value = created.json().at("/api_token/token").asString();

        for (TestUser caller : List.of(agent(), lightAgent(), endUser())) {
            assertForbidden(as(caller).get(PATH));
            assertForbidden(as(caller).get(PATH + "/" + id));
            assertForbidden(as(caller).post(PATH, Map.of("api_token", Map.of("user_id", caller.id()))));
            assertForbidden(as(caller).delete(PATH + "/" + id));
            assertThat(as(caller).get(PATH + "/" + id).body()).doesNotContain(value);
        }

        assertThat(admin().get(PATH + "/" + id).status()).isEqualTo(200);
        assertThat(api().as(ADMIN_EMAIL, value).get("/api/v2/users/me").status())
                .isEqualTo(200);
    }

    @Test
    void agentsOwnTokenDoesNotMakeThemAdmin() {
        TestUser agent = agent();
        String token = admin().post(PATH, Map.of("api_token", Map.of("user_id", agent.id())))
                .json()
                .at("/api_token/token")
                .asString();
        Api own = api().bearer(token);

        assertForbidden(own.get(PATH));
        assertForbidden(own.post(PATH, Map.of("api_token", Map.of("description", "escalate"))));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("role", "admin");
        assertForbidden(own.put("/api/v2/users/" + agent.id(), Map.of("user", fields)));
        assertThat(own.get("/api/v2/users/me").json().at("/user/role").asString())
                .isEqualTo("agent");
    }
}
