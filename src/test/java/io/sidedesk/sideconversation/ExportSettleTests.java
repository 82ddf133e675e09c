package io.sidedesk.sideconversation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.MutableClock;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incremental side conversation event export never skips an event that commits late (B4). Here a reply's
 * transaction is held open (its child ticket's row is locked) while a later reply commits; the export's settle window
 * keeps every end_time and cursor behind the held event, so it is exported once it commits. The service's clock is set
 * by the test (events carry its time, and the window is measured on it), starting a month ahead so that no other test's
 * events fall in the range read. The timeouts here are long, so that the held transaction is never cut short on a slow
 * machine; the window is longer still, as the service requires.
 */
@TestPropertySource(
        properties = {
            "sidedesk.export.settle-window=300s",
            "spring.transaction.default-timeout=120s",
            "sidedesk.db.statement-timeout=120s"
        })
@Import(MutableClock.AsTheServiceClock.class)
class ExportSettleTests extends SideConversationTestSupport {

    private static final String EXPORT = "/api/v2/tickets/side_conversations/events";

    @Autowired
    private MutableClock clock;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void anEventThatCommitsLateIsStillAheadOfEveryClientsPosition() throws Exception {
        Instant t0 = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0.minusSeconds(600));
        Link held = link();
        Link other = link();
        String start = String.valueOf(t0.minusSeconds(700).getEpochSecond());

        // A reply at t0 + 10 s whose transaction cannot commit: its child's row is locked.
        clock.set(t0.plusSeconds(10));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            jdbc.execute("set local idle_in_transaction_session_timeout = 0");
            jdbc.queryForObject("select id from tickets where id = ? for update", Long.class, held.child());
            locked.countDown();
            await(release);
        }));
        assertThat(locked.await(60, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Api.Response> late =
                CompletableFuture.supplyAsync(() -> reply(as(held.parentAgent()), held, "the reply that commits late"));
        awaitALockWait();

        // A reply at t0 + 20 s commits at once.
        clock.set(t0.plusSeconds(20));
        replied(other, "the reply that commits first");

        // At t0 + 20 s only what is older than t0 - 280 s is handed out: a walk of one event per page starts.
        List<JsonNode> walked = new ArrayList<>();
        JsonNode first = export(EXPORT + "?per_page=1&start_time=" + start);
        walked.addAll(events(first));
        assertThat(first.get("next_page").isNull())
                .as("the two create events are settled")
                .isFalse();
        JsonNode fresh = export(EXPORT + "?start_time=" + start);
        assertThat(bodies(fresh)).doesNotContain("the reply that commits first");
        assertThat(fresh.get("end_time").asLong())
                .as("no end_time past the held event")
                .isLessThanOrEqualTo(t0.plusSeconds(10).getEpochSecond());

        // The held reply commits; time moves on; the walk goes on from its cursor and ends where it began to.
        release.countDown();
        holder.get(60, TimeUnit.SECONDS);
        Api.Response committed = late.get(60, TimeUnit.SECONDS);
        assertThat(committed.status()).as(committed.toString()).isEqualTo(200);
        clock.set(t0.plusSeconds(400));
        JsonNode page = first;
        while (!page.get("next_page").isNull()) {
            page = export(page.get("next_page").asString());
            walked.addAll(events(page));
        }
        assertThat(walked).extracting(event -> event.get("type").asString()).containsExactly("create", "create");
        long endTime = page.get("end_time").asLong();
        assertThat(endTime)
                .as("the walk ends at its settle point")
                .isEqualTo(t0.minusSeconds(280).getEpochSecond());

        // The next export, from that end_time, has both replies: the one that committed late is not skipped.
        JsonNode next = export(EXPORT + "?start_time=" + endTime);
        assertThat(bodies(next))
                .containsExactlyInAnyOrder("the reply that commits late", "the reply that commits first");
        assertThat(next.get("end_time").asLong()).isEqualTo(t0.plusSeconds(100).getEpochSecond());

        // Pages go by created_at, so every page's end_time is a safe start: from it, nothing later is missed.
        List<JsonNode> pages = new ArrayList<>();
        String path = EXPORT + "?per_page=1&start_time=" + endTime;
        while (path != null) {
            JsonNode onePage = export(path);
            pages.add(onePage);
            path = onePage.get("next_page").isNull()
                    ? null
                    : onePage.get("next_page").asString();
        }
        assertThat(pages.stream().flatMap(onePage -> bodies(onePage).stream()).toList())
                .containsExactly("the reply that commits late", "the reply that commits first");
        for (int i = 0; i < pages.size(); i++) {
            List<String> resumed = bodies(export(
                    EXPORT + "?start_time=" + pages.get(i).get("end_time").asLong()));
            for (JsonNode later : pages.subList(i + 1, pages.size())) {
                assertThat(resumed)
                        .as("resuming from page %d's end_time", i + 1)
                        .containsAll(bodies(later));
            }
        }
    }

    @Test
    void aStartTimeBeyondTheYear9999IsA400() {
        Api.Response response = admin().get(EXPORT + "?start_time=31556889864403200");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("details").has("start_time")).isTrue();
    }

    @Test
    void aCursorThatIsNotOneTheServiceIssuedIsA400() {
        for (String cursor : List.of("12", "bm90LWEtY3Vyc29y", "!!!", "MS4y.x")) {
            Api.Response response = admin().get(EXPORT + "?start_time=0&cursor=" + cursor);
            assertThat(response.status()).as(cursor + ": " + response).isEqualTo(400);
            assertThat(response.json().get("details").has("cursor")).isTrue();
        }
    }

    private JsonNode export(String path) {
        Api.Response response = admin().get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<JsonNode> events(JsonNode page) {
        List<JsonNode> events = new ArrayList<>();
        page.get("events").forEach(events::add);
        return events;
    }

    private static List<String> bodies(JsonNode page) {
        return events(page).stream()
                .filter(event -> event.get("type").asString().equals("reply"))
                .map(event -> event.at("/message/body").asString())
                .toList();
    }

    /** Until a session of this database waits on a lock: the held reply has reached the child's row. */
    private void awaitALockWait() throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Long waiting = jdbc.queryForObject(
                    "select count(*) from pg_stat_activity "
                            + "where datname = current_database() and wait_event_type = 'Lock'",
                    Long.class);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the reply never reached the locked child ticket");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(90, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
