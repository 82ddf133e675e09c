package io.sidedesk.ticket;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusing stale ticket updates: {@code safe_update} with {@code updated_stamp} (409 UpdateConflict) and
 * {@code If-Match} with the ticket's ETag (412 PreconditionFailed). A refused update writes nothing: not
 * the ticket, not an audit, not a comment.
 */
class SafeUpdateTests extends ApiTestSupport {

    // ---- safe_update --------------------------------------------------------------------------------------

    @Test
    void safeUpdateWithTheCurrentStampSucceeds() throws InterruptedException {
        long id = ticket();
        JsonNode before = show(id);
        String subject = unique("Safely renamed");
        Thread.sleep(5);

        Api.Response updated = put(
                id, safe(Map.of("subject", subject), before.get("updated_at").asString()));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode ticket = updated.json().get("ticket");
        assertThat(ticket.get("subject").asString()).isEqualTo(subject);
        assertThat(ticket.get("updated_at").asString())
                .isGreaterThan(before.get("updated_at").asString());
        assertThat(show(id).get("subject").asString()).isEqualTo(subject);

        Thread.sleep(5);
        String next = unique("Again");
        Api.Response again =
                put(id, safe(Map.of("subject", next), ticket.get("updated_at").asString()));
        assertThat(again.status())
                .as("the stamp the last update returned is current: %s", again)
                .isEqualTo(200);
        assertThat(show(id).get("subject").asString()).isEqualTo(next);
    }

    @Test
    void staleStampIsAConflictAndWritesNothing() throws InterruptedException {
        long id = ticket();
        String stale = show(id).get("updated_at").asString();
        Thread.sleep(5);
        String subject = unique("Someone else");
        assertThat(put(id, Map.of("subject", subject)).status()).isEqualTo(200);
        JsonNode before = show(id);
        int audits = audits(id).size();
        int comments = comments(id).size();
        Thread.sleep(5);

        Map<String, Object> change = new LinkedHashMap<>();
        change.put("subject", unique("Mine"));
        change.put("priority", "urgent");
        change.put("tags", List.of(unique("lost")));
        change.put("comment", Map.of("body", "This comment must not be written"));
        Api.Response conflict = put(id, safe(change, stale));

        assertConflict(conflict);
        assertThat(show(id)).isEqualTo(before);
        assertThat(show(id).get("subject").asString()).isEqualTo(subject);
        assertThat(audits(id)).hasSize(audits);
        assertThat(comments(id)).hasSize(comments);
    }

    @Test
    void stampIsComparedToTheMillisecond() throws InterruptedException {
        long id = ticket();
        JsonNode before = show(id);
        Instant stored = Instant.parse(before.get("updated_at").asString());
        Thread.sleep(5);

        assertConflict(put(
                id, safe(Map.of("subject", unique("late")), stored.plusMillis(1).toString())));
        assertConflict(put(
                id,
                safe(Map.of("subject", unique("early")), stored.minusMillis(1).toString())));
        assertConflict(put(id, safe(Map.of("subject", unique("old")), "2001-01-01T00:00:00Z")));
        assertThat(show(id)).isEqualTo(before);

        Api.Response exact = put(id, safe(Map.of("subject", unique("exact")), stored.toString()));
        assertThat(exact.status()).as(exact.toString()).isEqualTo(200);
    }

    @Test
    void safeUpdateNeedsAStamp() {
        long id = ticket();
        JsonNode before = show(id);
        int audits = audits(id).size();

        Map<String, Object> change = new LinkedHashMap<>();
        change.put("subject", unique("Unstamped"));
        change.put("safe_update", true);
        assertInvalid(put(id, change), "updated_stamp");

        change.put("updated_stamp", null);
        assertInvalid(put(id, change), "updated_stamp");

        change.put("updated_stamp", "yesterday");
        assertInvalid(put(id, change), "updated_stamp");

        assertThat(show(id)).isEqualTo(before);
        assertThat(audits(id)).hasSize(audits);
    }

    @Test
    void stampWithoutSafeUpdateIsNotChecked() {
        long id = ticket();
        String subject = unique("Unsafe");

        Map<String, Object> change = new LinkedHashMap<>();
        change.put("subject", subject);
        change.put("safe_update", false);
        change.put("updated_stamp", "2001-01-01T00:00:00Z");
        Api.Response updated = put(id, change);

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(show(id).get("subject").asString()).isEqualTo(subject);
    }

    @Test
    void conflictingCommentOnlyUpdateWritesNoComment() throws InterruptedException {
        long id = ticket();
        String stale = show(id).get("updated_at").asString();
        Thread.sleep(5);
        assertThat(put(id, Map.of("comment", Map.of("body", "first reply"))).status())
                .isEqualTo(200);
        JsonNode before = show(id);
        int comments = comments(id).size();

        assertConflict(put(id, safe(Map.of("comment", Map.of("body", "stale reply")), stale)));

        assertThat(comments(id)).hasSize(comments);
        assertThat(comments(id)).noneMatch(c -> c.get("body").asString().contains("stale reply"));
        assertThat(show(id)).isEqualTo(before);
    }

    // ---- ETag and If-Match --------------------------------------------------------------------------------

    @Test
    void ticketHasAnETagThatChangesWithEveryWrite() throws InterruptedException {
        long id = ticket();

        Api.Response first = admin().get("/api/v2/tickets/" + id);
        Api.Response second = admin().get("/api/v2/tickets/" + id);

        String etag = first.header("ETag");
        assertThat(etag).as("ETag of %s", first).isNotBlank().startsWith("\"").endsWith("\"");
        assertThat(second.header("ETag")).isEqualTo(etag);

        Thread.sleep(5);
        assertThat(put(id, Map.of("subject", unique("changed"))).status()).isEqualTo(200);
        assertThat(admin().get("/api/v2/tickets/" + id).header("ETag")).isNotEqualTo(etag);
    }

    @Test
    void ifNoneMatchWithTheCurrentETagAnswersNotModified() {
        long id = ticket();
        String etag = admin().get("/api/v2/tickets/" + id).header("ETag");

        Api.Response same = admin().withHeader("If-None-Match", etag).get("/api/v2/tickets/" + id);
        assertThat(same.status()).as(same.toString()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.header("ETag")).isEqualTo(etag);

        assertThat(put(id, Map.of("subject", unique("changed"))).status()).isEqualTo(200);
        Api.Response changed = admin().withHeader("If-None-Match", etag).get("/api/v2/tickets/" + id);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotBlank().isNotEqualTo(etag);
        assertThat(changed.json().at("/ticket/id").asLong()).isEqualTo(id);

        // With the SLAs sideloaded (their time left moves) the answer has no ETag and is never a 304.
        String current = changed.header("ETag");
        Api.Response withSlas =
                admin().withHeader("If-None-Match", current).get("/api/v2/tickets/" + id + "?include=slas");
        assertThat(withSlas.status()).as(withSlas.toString()).isEqualTo(200);
        assertThat(withSlas.header("ETag")).isNull();
        assertThat(withSlas.json().at("/ticket/id").asLong()).isEqualTo(id);
    }

    /** A ticket's answers are written whole, with their length, not flushed early into chunks. */
    @Test
    void aTicketsShowCreateAndUpdateAnswersCarryTheirContentLength() {
        Api.Response created = admin().post(
                        "/api/v2/tickets",
                        Map.of("ticket", Map.of("subject", unique("Sized"), "comment", Map.of("body", "Hello"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().at("/ticket/id").asLong();
        assertThat(created.header("Location")).endsWith("/api/v2/tickets/" + id + ".json");
        Api.Response shown = admin().get("/api/v2/tickets/" + id);
        Api.Response updated = put(id, Map.of("subject", unique("Resized")));

        for (Api.Response response : List.of(created, shown, updated)) {
            assertThat(response.header("ETag")).as(response.toString()).isNotBlank();
            assertThat(response.header("Transfer-Encoding"))
                    .as(response.toString())
                    .isNull();
            assertThat(response.header("Content-Length"))
                    .as(response.toString())
                    .isEqualTo(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
        }
    }

    @Test
    void ifMatchWithTheCurrentETagSucceeds() {
        long id = ticket();
        String etag = admin().get("/api/v2/tickets/" + id).header("ETag");
        String subject = unique("Matched");

        Api.Response updated = admin().withHeader("If-Match", etag)
                .put("/api/v2/tickets/" + id, Map.of("ticket", Map.of("subject", subject)));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        String newTag = updated.header("ETag");
        assertThat(newTag).isNotBlank().isNotEqualTo(etag);
        Api.Response shown = admin().get("/api/v2/tickets/" + id);
        assertThat(shown.header("ETag")).isEqualTo(newTag);
        assertThat(shown.json().at("/ticket/subject").asString()).isEqualTo(subject);

        String next = unique("Matched again");
        Api.Response again = admin().withHeader("If-Match", newTag)
                .put("/api/v2/tickets/" + id, Map.of("ticket", Map.of("subject", next)));
        assertThat(again.status())
                .as("the ETag the update returned is current: %s", again)
                .isEqualTo(200);
        assertThat(show(id).get("subject").asString()).isEqualTo(next);
    }

    @Test
    void staleIfMatchFailsAndWritesNothing() {
        long id = ticket();
        String stale = admin().get("/api/v2/tickets/" + id).header("ETag");
        String subject = unique("Theirs");
        assertThat(put(id, Map.of("subject", subject)).status()).isEqualTo(200);
        JsonNode before = show(id);
        String current = admin().get("/api/v2/tickets/" + id).header("ETag");
        int audits = audits(id).size();
        int comments = comments(id).size();

        Map<String, Object> change = new LinkedHashMap<>();
        change.put("subject", unique("Mine"));
        change.put("status", "pending");
        change.put("comment", Map.of("body", "This comment must not be written"));
        Api.Response failed =
                admin().withHeader("If-Match", stale).put("/api/v2/tickets/" + id, Map.of("ticket", change));

        assertThat(failed.status()).as(failed.toString()).isEqualTo(412);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(failed.json().get("error").asString()).isEqualTo("PreconditionFailed");
        assertThat(show(id)).isEqualTo(before);
        assertThat(admin().get("/api/v2/tickets/" + id).header("ETag")).isEqualTo(current);
        assertThat(audits(id)).hasSize(audits);
        assertThat(comments(id)).hasSize(comments);

        Api.Response invented =
                admin().withHeader("If-Match", "\"not-a-tag\"").put("/api/v2/tickets/" + id, Map.of("ticket", change));
        assertThat(invented.status()).as(invented.toString()).isEqualTo(412);
        assertThat(show(id)).isEqualTo(before);
    }

    @Test
    void ifMatchStarAlwaysMatches() {
        long id = ticket();
        assertThat(put(id, Map.of("subject", unique("moved on"))).status()).isEqualTo(200);
        String subject = unique("Starred");

        Api.Response updated = admin().withHeader("If-Match", "*")
                .put("/api/v2/tickets/" + id, Map.of("ticket", Map.of("subject", subject)));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(show(id).get("subject").asString()).isEqualTo(subject);
    }

    @Test
    void ifMatchListMatchesWhenAnyTagIsCurrent() {
        long id = ticket();
        String stale = admin().get("/api/v2/tickets/" + id).header("ETag");
        assertThat(put(id, Map.of("subject", unique("moved on"))).status()).isEqualTo(200);
        String current = admin().get("/api/v2/tickets/" + id).header("ETag");
        String subject = unique("Listed");

        Api.Response updated = admin().withHeader("If-Match", stale + ", " + current)
                .put("/api/v2/tickets/" + id, Map.of("ticket", Map.of("subject", subject)));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(show(id).get("subject").asString()).isEqualTo(subject);
    }

    @Test
    void eTagOfOneTicketDoesNotMatchAnother() {
        long one = ticket();
        long other = ticket();
        String otherTag = admin().get("/api/v2/tickets/" + other).header("ETag");
        JsonNode before = show(one);

        Api.Response failed = admin().withHeader("If-Match", otherTag)
                .put("/api/v2/tickets/" + one, Map.of("ticket", Map.of("subject", unique("crossed"))));

        assertThat(failed.status()).as(failed.toString()).isEqualTo(412);
        assertThat(show(one)).isEqualTo(before);
    }

    // ---- concurrent writers -------------------------------------------------------------------------------

    @Test
    void ofConcurrentSafeUpdatesWithTheSameStampExactlyOneWins() throws Exception {
        long id = ticket();
        String stamp = show(id).get("updated_at").asString();
        int audits = audits(id).size();
        Thread.sleep(5);

        List<Api.Response> responses = concurrently(
                WRITERS,
                i -> put(
                        id,
                        safe(Map.of("subject", "writer " + i, "comment", Map.of("body", "from writer " + i)), stamp)));

        List<Integer> statuses = responses.stream().map(Api.Response::status).toList();
        assertThat(statuses).as(responses.toString()).containsOnly(200, 409);
        assertThat(statuses).as(responses.toString()).containsOnlyOnce(200);
        String winner = responses.stream()
                .filter(r -> r.status() == 200)
                .findFirst()
                .orElseThrow()
                .json()
                .at("/ticket/subject")
                .asString();
        assertThat(show(id).get("subject").asString()).isEqualTo(winner);
        assertThat(audits(id)).hasSize(audits + 1);
        assertThat(comments(id)).hasSize(2);
    }

    @Test
    void ofConcurrentIfMatchUpdatesWithTheSameETagExactlyOneWins() throws Exception {
        long id = ticket();
        String etag = admin().get("/api/v2/tickets/" + id).header("ETag");
        int audits = audits(id).size();

        List<Api.Response> responses = concurrently(WRITERS, i -> admin().withHeader("If-Match", etag)
                .put(
                        "/api/v2/tickets/" + id,
                        Map.of(
                                "ticket",
                                Map.of("subject", "writer " + i, "comment", Map.of("body", "from writer " + i)))));

        List<Integer> statuses = responses.stream().map(Api.Response::status).toList();
        assertThat(statuses).as(responses.toString()).containsOnly(200, 412);
        assertThat(statuses).as(responses.toString()).containsOnlyOnce(200);
        String winner = responses.stream()
                .filter(r -> r.status() == 200)
                .findFirst()
                .orElseThrow()
                .json()
                .at("/ticket/subject")
                .asString();
        assertThat(show(id).get("subject").asString()).isEqualTo(winner);
        assertThat(audits(id)).hasSize(audits + 1);
        assertThat(comments(id)).hasSize(2);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static final int WRITERS = 6;

    /** Runs the writers at once (released together) and returns their responses. */
    private static List<Api.Response> concurrently(int writers, java.util.function.IntFunction<Api.Response> write)
            throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Api.Response>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int writer = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return write.apply(writer);
                }));
            }
            start.countDown();
            List<Api.Response> responses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Api.Response> future : futures) {
                responses.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private long ticket() {
        Api.Response created = admin().post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                Map.of("subject", unique("Stale or not"), "comment", Map.of("body", "Please help"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().at("/ticket/id").asLong();
    }

    private static Map<String, Object> safe(Map<String, Object> change, String stamp) {
        Map<String, Object> fields = new LinkedHashMap<>(change);
        fields.put("safe_update", true);
        fields.put("updated_stamp", stamp);
        return fields;
    }

    private Api.Response put(long id, Map<String, Object> fields) {
        return admin().put("/api/v2/tickets/" + id, Map.of("ticket", fields));
    }

    private JsonNode show(long id) {
        Api.Response response = admin().get("/api/v2/tickets/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("ticket");
    }

    private static void assertConflict(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("error").asString()).isEqualTo("UpdateConflict");
    }
}
