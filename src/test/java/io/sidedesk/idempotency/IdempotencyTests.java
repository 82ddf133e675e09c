package io.sidedesk.idempotency;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency-Key (B3): the same key with the same request within 24 hours answers the first response
 * and writes nothing new; another request under the key is a 422; concurrent duplicates write once.
 */
class IdempotencyTests extends ApiTestSupport {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aRepeatedKeyedPostAnswersTheFirstResponseAndWritesNothingNew() {
        String externalId = unique("idem");
        Api keyed = admin().withHeader("Idempotency-Key", unique("key"));
        Map<String, Object> ticket = newTicket(externalId);

        Api.Response first = keyed.post("/api/v2/tickets", ticket);
        Api.Response again = keyed.post("/api/v2/tickets.json", ticket);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.contentType()).isEqualTo(first.contentType());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(ticketsWith(externalId)).isEqualTo(1);
    }

    /**
     * B3: Zendesk's own signals, which zendesk-java-client 1.5+ reads: {@code x-idempotency-lookup} is {@code miss} on
     * the first request and {@code hit} on a replay, and a replay carries the first response's ETag and Location.
     */
    @Test
    void aReplaySaysHitAndCarriesTheOriginalETagAndLocation() {
        Api keyed = admin().withHeader("Idempotency-Key", unique("key"));
        Map<String, Object> ticket = newTicket(unique("idem"));

        Api.Response first = keyed.post("/api/v2/tickets", ticket);
        Api.Response again = keyed.post("/api/v2/tickets", ticket);
        long id = first.json().at("/ticket/id").asLong();

        assertThat(first.header("x-idempotency-lookup")).isEqualTo("miss");
        assertThat(first.header("Location"))
                .isEqualTo(first.json().at("/ticket/url").asString())
                .endsWith("/api/v2/tickets/" + id + ".json");
        assertThat(first.header("ETag")).isNotBlank();
        assertThat(again.header("x-idempotency-lookup")).isEqualTo("hit");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));

        Api keyedUpdate = admin().withHeader("Idempotency-Key", unique("key"));
        Map<String, Object> update = Map.of("ticket", Map.of("priority", "high"));
        Api.Response updated = keyedUpdate.put("/api/v2/tickets/" + id, update);
        admin().put("/api/v2/tickets/" + id, Map.of("ticket", Map.of("priority", "low")));
        Api.Response replayed = keyedUpdate.put("/api/v2/tickets/" + id, update);
        assertThat(updated.header("ETag")).isNotEqualTo(first.header("ETag"));
        assertThat(replayed.header("ETag"))
                .as("the ETag of the response replayed")
                .isEqualTo(updated.header("ETag"));
        assertThat(replayed.header("x-idempotency-lookup")).isEqualTo("hit");
        assertThat(keyed.withHeader("Idempotency-Key", unique("key"))
                        .get("/api/v2/tickets/" + id)
                        .header("x-idempotency-lookup"))
                .as("GET is not keyed")
                .isNull();
    }

    /** B3: Zendesk's 400 IdempotentRequestError, still problem+json, naming the header. */
    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndWritesNothing() {
        String externalId = unique("idem");
        Api keyed = admin().withHeader("Idempotency-Key", unique("key"));
        long id = keyed.post("/api/v2/tickets", newTicket(externalId))
                .json()
                .at("/ticket/id")
                .asLong();

        for (Api.Response refused : List.of(
                keyed.post("/api/v2/tickets", newTicket(unique("other"))),
                keyed.put("/api/v2/tickets/" + id, Map.of("ticket", Map.of("priority", "low"))))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("error").asString()).isEqualTo("IdempotentRequestError");
            assertThat(refused.json().get("description").asString())
                    .isEqualTo("Request parameters don't match the given idempotency key");
            assertThat(refused.json().at("/details/Idempotency-Key")).isNotEmpty();
            assertThat(refused.header("x-idempotency-lookup")).isEqualTo("hit");
        }

        assertThat(ticketsWith(externalId)).isEqualTo(1);
        assertThat(admin().get("/api/v2/tickets/" + id)
                        .json()
                        .at("/ticket/priority")
                        .isNull())
                .isTrue();
    }

    /**
     * B3, secrets are shown once: a token's value is shown once. A repeat of its creation under the same key is a 409
     * that names the token created (never its value), no second token is made, and no idempotency row holds it.
     */
    @Test
    void aTokenCreationIsNeverReplayedWithItsValueNorStored() {
        String key = unique("key");
        Api keyed = admin().withHeader("Idempotency-Key", key);
        Map<String, Object> request = Map.of("api_token", Map.of("description", unique("keyed token")));
        long tokensBefore = tokens();

        Api.Response created = keyed.post("/api/v2/api_tokens", request);
        Api.Response repeated = keyed.post("/api/v2/api_tokens", request);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String value = created.json().at("/api_token/token").asString();
        long id = created.json().at("/api_token/id").asLong();
        assertThat(value).hasSize(40);
        assertThat(repeated.status()).as(repeated.toString()).isEqualTo(409);
        assertThat(repeated.contentType()).startsWith("application/problem+json");
        assertThat(repeated.json().get("error").asString()).isEqualTo("IdempotentRequestError");
        assertThat(repeated.json().get("detail").asString()).contains("API token " + id);
        assertThat(repeated.body()).doesNotContain(value);
        assertThat(repeated.header("x-idempotency-lookup")).isEqualTo("hit");
        assertThat(tokens()).as("one token created").isEqualTo(tokensBefore + 1);
        List<byte[]> stored =
                jdbc.query("select body from idempotency_keys where key = ?", (row, n) -> row.getBytes(1), key);
        assertThat(stored).hasSize(1);
        assertThat(new String(stored.get(0), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain(value);
        assertThat(api().as(ADMIN_EMAIL, value).get("/api/v2/users/me").status())
                .as("the token works")
                .isEqualTo(200);
    }

    private long tokens() {
        return admin().get("/api/v2/api_tokens?per_page=1").json().get("count").asLong();
    }

    @Test
    void keysBelongToTheirUser() {
        String key = unique("key");
        TestUser agent = agent();
        String mine = unique("idem");
        String theirs = unique("idem");

        assertThat(admin().withHeader("Idempotency-Key", key)
                        .post("/api/v2/tickets", newTicket(mine))
                        .status())
                .isEqualTo(201);
        assertThat(as(agent)
                        .withHeader("Idempotency-Key", key)
                        .post("/api/v2/tickets", newTicket(theirs))
                        .status())
                .isEqualTo(201);

        assertThat(ticketsWith(mine)).isEqualTo(1);
        assertThat(ticketsWith(theirs)).isEqualTo(1);
    }

    @Test
    void aRefusedWriteStoresNothingSoTheKeyCanBeRetried() {
        Api keyed = admin().withHeader("Idempotency-Key", unique("key"));
        String externalId = unique("idem");

        assertInvalid(keyed.post("/api/v2/tickets", Map.of("ticket", Map.of("external_id", externalId))), "comment");
        Api.Response retried = keyed.post("/api/v2/tickets", newTicket(externalId));

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(ticketsWith(externalId)).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesWriteExactlyOnce() throws Exception {
        String externalId = unique("idem");
        Api keyed = admin().withHeader("Idempotency-Key", unique("key"));
        Map<String, Object> ticket = newTicket(externalId);
        int clients = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Api.Response>> responses = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            responses.add(pool.submit(() -> {
                start.await();
                return keyed.post("/api/v2/tickets", ticket);
            }));
        }
        start.countDown();
        Set<Long> ids = new HashSet<>();
        for (Future<Api.Response> response : responses) {
            Api.Response answered = response.get(1, TimeUnit.MINUTES);
            assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
            ids.add(answered.json().at("/ticket/id").asLong());
        }
        pool.shutdown();

        assertThat(ids).hasSize(1);
        assertThat(ticketsWith(externalId)).isEqualTo(1);
    }

    @Test
    void aKeyedCommentIsAddedOnce() {
        long id = admin().post("/api/v2/tickets", newTicket(unique("idem")))
                .json()
                .at("/ticket/id")
                .asLong();
        Api keyed = admin().withHeader("Idempotency-Key", unique("key"));
        Map<String, Object> comment = Map.of("ticket", Map.of("comment", Map.of("body", "only once")));

        Api.Response first = keyed.put("/api/v2/tickets/" + id, comment);
        Api.Response again = keyed.put("/api/v2/tickets/" + id, comment);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        JsonNode comments =
                admin().get("/api/v2/tickets/" + id + "/comments").json().get("comments");
        assertThat(comments).hasSize(2);
    }

    @Test
    void aKeyOlderThanADayNoLongerAnswers() {
        String key = unique("key");
        Api keyed = admin().withHeader("Idempotency-Key", key);
        String externalId = unique("idem");
        keyed.post("/api/v2/tickets", newTicket(externalId));
        jdbc.update("update idempotency_keys set created_at = created_at - interval '25 hours' where key = ?", key);

        Api.Response later = keyed.post("/api/v2/tickets", newTicket(externalId));

        assertThat(later.status()).isEqualTo(201);
        assertThat(later.header("Idempotent-Replayed")).isNull();
        assertThat(ticketsWith(externalId)).isEqualTo(2);
    }

    @Test
    void anUnusableKeyIsA400() {
        Api.Response response = admin().withHeader("Idempotency-Key", "x".repeat(256))
                .post("/api/v2/tickets", newTicket(unique("idem")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private static Map<String, Object> newTicket(String externalId) {
        return Map.of("ticket", Map.of("external_id", externalId, "comment", Map.of("body", "keyed")));
    }

    private long ticketsWith(String externalId) {
        return admin().get("/api/v2/tickets?external_id=" + externalId)
                .json()
                .get("count")
                .asLong();
    }
}
