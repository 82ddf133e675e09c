package io.sidedesk.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.ApiTestSupport;
import io.sidedesk.MutableClock;
import io.sidedesk.access.Actor;
import io.sidedesk.access.ActorLookup;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;
import io.sidedesk.web.UpdateConflict;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jobs and their statuses (docs/rollup-contract.md §7), with a kind of job of this test's own ({@link TouchWork}): each
 * item writes a row of {@code job_test_runs} in the item's transaction, and fails as {@link #FAILURES} says for some
 * ids. Queued in the caller's transaction, a job runs after commit, item by item in order, each in its own
 * transaction with its result; a failure says what the same request would have been answered over HTTP; a job left
 * by a dead instance is resumed after its lease without running an item twice; a job whose creator is no longer
 * active fails; the statuses are shown to their creator and admins only, listed newest first by cursor, and deleted 7
 * days after they finish.
 *
 * <p>Time: the service's clock is a {@link MutableClock} that stands still; leases and retention run out only when
 * the test moves it, and {@link Jobs#runDue()} then runs what is due on the test's thread. A wait ({@link #await})
 * only bounds a hang: the runner is woken by the commit that queued the job.
 */
@Import({MutableClock.AsTheServiceClock.class, JobStatusTests.TouchWork.class})
class JobStatusTests extends ApiTestSupport {

    static final String TYPE = "test_touch_items";

    /** What an item of these ids does after writing its row: throws, and so rolls its transaction back. */
    static final Map<Long, Runnable> FAILURES = new ConcurrentHashMap<>();

    private static final AtomicLong ITEMS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1_000);

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static final String STATUSES = "/api/v2/job_statuses";

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    @Autowired
    private Jobs jobs;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private ActorLookup actors;

    @Autowired
    private MutableClock clock;

    /** The test's kind of job: a row for each item run, with the actor it ran for and the one the security context holds. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TouchWork {

        @Bean
        JobWork touchWork(JdbcTemplate jdbc) {
            return new JobWork() {
                @Override
                public String type() {
                    return TYPE;
                }

                @Override
                public void run(Actor actor, String payload, long itemId) {
                    long acting = Actor.current().map(Actor::userId).orElse(-1L);
                    jdbc.update(
                            "insert into job_test_runs (item_id, actor_id, acting_id, payload) values (?, ?, ?, ?)",
                            itemId,
                            actor.userId(),
                            acting,
                            payload);
                    Runnable failure = FAILURES.get(itemId);
                    if (failure != null) {
                        failure.run();
                    }
                }
            };
        }
    }

    @BeforeEach
    void tables() {
        jdbc.execute("create table if not exists job_test_runs (item_id bigint not null, actor_id bigint not null, "
                + "acting_id bigint not null, payload text not null)");
        jdbc.execute("create table if not exists job_test_keys (k text primary key)");
        jdbc.update("insert into job_test_keys values ('taken') on conflict do nothing");
    }

    // ---- running ----------------------------------------------------------------------------------------------

    @Test
    void aQueuedJobRunsAfterCommitItemByItemInOrderAndCompletes_B1_7() {
        TestUser agent = agent();
        List<Long> items = items(3);

        JobStatusView queued = enqueue(agent, "{\"ticket\": {\"status\": \"solved\"}}", items);

        assertThat(queued.status()).isEqualTo("queued");
        assertThat(queued.jobType()).isEqualTo(TYPE);
        assertThat(queued.total()).isEqualTo(3);
        assertThat(queued.progress()).isZero();
        assertThat(queued.message()).isNull();
        assertThat(queued.results()).isEmpty();
        assertThat(queued.id()).matches(Jobs.ULID);
        assertThat(queued.location()).endsWith("/api/v2/job_statuses/" + queued.id());

        JsonNode done = awaitStatus(agent, queued.id(), "completed");

        assertThat(Set.copyOf(done.propertyNames()))
                .isEqualTo(Set.of("id", "url", "job_type", "status", "total", "progress", "message", "results"));
        assertThat(done.get("url").asString())
                .isEqualTo(api().base() + "/api/v2/job_statuses/" + queued.id() + ".json");
        assertThat(done.get("job_type").asString()).isEqualTo(TYPE);
        assertThat(done.get("total").asInt()).isEqualTo(3);
        assertThat(done.get("progress").asInt()).isEqualTo(3);
        assertThat(done.get("message").asString()).startsWith("Completed at ");
        assertThat(Instant.parse(done.get("message").asString().substring("Completed at ".length())))
                .isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        List<JsonNode> results = list(done.get("results"));
        assertThat(results).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(results.get(i))
                    .isEqualTo(JSON.valueToTree(fields(
                            "id", items.get(i), "index", i, "action", "update", "success", true, "status", "Updated")));
        }
        for (long item : items) {
            assertThat(runs(item)).as("item %d ran once", item).isEqualTo(1);
        }
        assertThat(jdbc.queryForList(
                        "select distinct actor_id from job_test_runs where item_id = any(?)", Long.class, (Object)
                                items.toArray(Long[]::new)))
                .as("for the job's creator")
                .containsExactly(agent.id());
        assertThat(jdbc.queryForList(
                        "select distinct acting_id from job_test_runs where item_id = any(?)", Long.class, (Object)
                                items.toArray(Long[]::new)))
                .as("as the job's creator: the security context holds them while the item runs")
                .containsExactly(agent.id());
        assertThat(jdbc.queryForObject(
                        "select payload from job_test_runs where item_id = ?", String.class, items.get(0)))
                .isEqualTo("{\"ticket\": {\"status\": \"solved\"}}");
    }

    @Test
    void aFailedItemSaysWhatTheSameRequestWouldHaveBeenAnsweredAndTheJobGoesOn_B1_7() {
        TestUser agent = agent();
        List<Long> items = items(8);
        FAILURES.put(items.get(1), () -> {
            throw new RecordNotFound("Ticket", items.get(1));
        });
        FAILURES.put(items.get(2), () -> {
            throw new RecordInvalid(Map.of("status", List.of("is not a status"), "priority", List.of("is invalid")));
        });
        FAILURES.put(items.get(3), () -> {
            throw new ActionForbidden("Light agents cannot change this ticket");
        });
        // A lost race, as the database reports it: a unique violation.
        FAILURES.put(items.get(4), () -> jdbc.update("insert into job_test_keys values ('taken')"));
        FAILURES.put(items.get(5), () -> {
            throw new UpdateConflict("The ticket changed since it was read");
        });
        FAILURES.put(items.get(6), () -> {
            throw new IllegalStateException("a secret detail of the failure");
        });

        String id = enqueue(agent, "{}", items).id();
        JsonNode done = awaitStatus(agent, id, "completed");

        assertThat(done.get("progress").asInt()).isEqualTo(8);
        List<JsonNode> results = list(done.get("results"));
        assertThat(results.stream().map(r -> r.get("id").asLong()).toList()).isEqualTo(items);
        assertThat(results.stream().map(r -> r.get("index").asInt()).toList()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertSucceeded(results.get(0));
        assertFailed(results.get(1), "RecordNotFound", "Ticket not found");
        assertFailed(results.get(3), "Forbidden", "Light agents cannot change this ticket");
        assertFailed(results.get(4), "Conflict", "The request conflicts with a concurrent change; retry it");
        assertFailed(results.get(5), "Conflict", "The ticket changed since it was read");
        assertFailed(
                results.get(6),
                "InternalError",
                "Something went wrong on our side; the job's id identifies it in our logs");
        assertSucceeded(results.get(7));
        JsonNode invalid = results.get(2);
        assertThat(invalid.get("success").asBoolean()).isFalse();
        assertThat(invalid.get("error").asString()).isEqualTo("RecordInvalid");
        assertThat(invalid.get("errors").asString().split("; "))
                .as("each member and its message")
                .containsExactlyInAnyOrder("status: is not a status", "priority: is invalid");
        assertThat(invalid.has("status")).as("no status on a failure").isFalse();

        assertThat(items.stream().map(this::runs).toList())
                .as("a failed item's transaction, its row with it, is rolled back")
                .containsExactly(1, 0, 0, 0, 0, 0, 0, 1);
    }

    /**
     * An instance died in the middle of a job: the job is left {@code working}, its lease running, its first item done.
     * Nothing resumes it before the lease runs out; then it is resumed from the first item without a result.
     */
    @Test
    void aJobLeftByADeadInstanceIsResumedAfterItsLeaseAndNoItemRunsTwice_B1_7() {
        TestUser agent = agent();
        List<Long> items = items(3);
        String id = deadInstancesJob(agent, items);

        assertThat(jobs.runDue()).as("nothing is due while the lease runs").isZero();
        JsonNode working = status(agent, id);
        assertThat(working.get("status").asString()).isEqualTo("working");
        assertThat(working.get("progress").asInt()).isEqualTo(1);
        assertThat(list(working.get("results"))).hasSize(1);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        jobs.runDue();
        JsonNode done = awaitStatus(agent, id, "completed");

        assertThat(done.get("progress").asInt()).isEqualTo(3);
        assertThat(list(done.get("results")).stream()
                        .map(r -> r.get("id").asLong())
                        .toList())
                .isEqualTo(items);
        assertThat(items.stream().map(this::runs).toList())
                .as("the item done before the instance died is not run again")
                .containsExactly(1, 1, 1);
    }

    @Test
    void aJobWhoseCreatorIsNoLongerActiveFailsWithAResultForEveryItemLeft_B1_7() {
        TestUser agent = agent();
        List<Long> items = items(3);
        String id = deadInstancesJob(agent, items);
        assertThat(admin().delete("/api/v2/users/" + agent.id()).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        jobs.runDue();
        JsonNode failed = awaitStatus(admin(), id, "failed");

        assertThat(failed.get("progress").asInt()).isEqualTo(3);
        assertThat(failed.get("message").asString()).startsWith("Failed at ").endsWith(JobRunner.INACTIVE_CREATOR);
        List<JsonNode> results = list(failed.get("results"));
        assertSucceeded(results.get(0));
        assertFailed(results.get(1), "Forbidden", "The job's creator is no longer active");
        assertFailed(results.get(2), "Forbidden", "The job's creator is no longer active");
        assertThat(items.stream().map(this::runs).toList())
                .as("nothing more runs")
                .containsExactly(1, 0, 0);
    }

    @Test
    void aJobOfAKindThisInstanceDoesNotRunWaitsQueued() {
        TestUser agent = agent();
        String id = transactions
                .execute(status -> jobs.enqueue(actor(agent), "no_such_kind", "{}", items(1)))
                .id();

        jobs.runDue();

        JsonNode waiting = status(agent, id);
        assertThat(waiting.get("status").asString()).isEqualTo("queued");
        assertThat(waiting.get("job_type").asString()).isEqualTo("no_such_kind");
    }

    @Test
    void aJobIsQueuedOnlyInTheCallersTransaction() {
        Actor creator = actor(agent());
        assertThatThrownBy(() -> jobs.enqueue(creator, TYPE, "{}", items(1)))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void aJobOf300ItemsIsShownInAsManyStatementsAsAJobOfOne() {
        TestUser agent = agent();
        String one = enqueue(agent, "{}", items(1)).id();
        String many = enqueue(agent, "{}", items(300)).id();
        awaitStatus(agent, one, "completed");
        awaitStatus(agent, many, "completed");

        Counted small = counted(() -> as(agent).get(STATUSES + "/" + one));
        Counted large = counted(() -> as(agent).get(STATUSES + "/" + many));

        assertThat(large.response().json().at("/job_status/results").size()).isEqualTo(300);
        assertThat(large.statements()).isEqualTo(small.statements());
        Counted listed = counted(() -> as(agent).get(STATUSES));
        assertThat(listed.statements())
                .as("a list of jobs reads their results at once")
                .isLessThanOrEqualTo(4);
    }

    // ---- access ---------------------------------------------------------------------------------------------

    @Test
    void aJobStatusIsShownToItsCreatorAndAdminsAndToNobodyElse_B1_7() {
        TestUser creator = agent();
        String id = enqueue(creator, "{}", items(1)).id();
        String path = STATUSES + "/" + id;

        assertThat(as(creator).get(path).status()).isEqualTo(200);
        assertThat(admin().get(path).status()).isEqualTo(200);
        assertThat(as(creator).get(path + ".json").status()).isEqualTo(200);
        assertNotFound(as(agent()).get(path));
        assertNotFound(as(creator).get(STATUSES + "/01JF0000000000000000000ZZZ"));
        assertNotFound(as(creator).get(STATUSES + "/not-a-job"));
        assertNotFound(as(creator).get(STATUSES + "/" + id.toLowerCase(java.util.Locale.ROOT)));
        TestUser endUser = endUser();
        assertForbidden(as(endUser).get(path));
        assertForbidden(as(endUser).get(STATUSES));
        assertForbidden(as(endUser).get(STATUSES + "/show_many?ids=" + id));
        assertThat(api().get(path).status()).isEqualTo(401);
        assertThat(api().get(STATUSES).status()).isEqualTo(401);
    }

    @Test
    void theListHoldsTheCallersOwnJobsNewestFirstByCursorAndAdminsSeeEveryJob_B1_7() {
        TestUser creator = agent();
        TestUser other = agent();
        List<String> own = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            own.add(enqueue(creator, "{}", items(1)).id());
            clock.advance(Duration.ofMillis(5));
        }
        String others = enqueue(other, "{}", items(1)).id();

        Api.Response first = as(creator).get(STATUSES + "?page[size]=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("job_statuses").size()).isEqualTo(2);
        assertThat(first.json().at("/meta/has_more").asBoolean()).isTrue();
        List<String> listed = ids(ApiAssertions.allCursorPages(as(creator), STATUSES, "job_statuses", 2));
        assertThat(listed).as("newest first").isEqualTo(reversed(own));

        List<String> everything = ids(ApiAssertions.all(admin(), STATUSES, "job_statuses"));
        assertThat(everything).contains(own.toArray(String[]::new)).contains(others);
        assertThat(everything).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(ids(ApiAssertions.all(as(other), STATUSES, "job_statuses"))).containsExactly(others);

        assertThat(as(creator).get(STATUSES + "?page[size]=0").status()).isEqualTo(400);
        assertThat(as(creator)
                        .get(STATUSES + "?page[after]=bm90LWEtY3Vyc29y&page[size]=2")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void showManyShowsOnlyTheJobsTheCallerMaySeeAndAtMost100_B1_7() {
        TestUser creator = agent();
        String a = enqueue(creator, "{}", items(1)).id();
        String b = enqueue(creator, "{}", items(2)).id();
        String others = enqueue(agent(), "{}", items(1)).id();

        Api.Response mine = as(creator).get(STATUSES + "/show_many?ids=" + String.join(",", a, b, others));
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(ids(list(mine.json().get("job_statuses")))).containsExactlyInAnyOrder(a, b);
        Api.Response all = admin().get(STATUSES + "/show_many?ids=" + String.join(",", a, b, others));
        assertThat(ids(list(all.json().get("job_statuses")))).containsExactlyInAnyOrder(a, b, others);

        String tooMany = LongStream.range(0, 101)
                .mapToObj(i -> Jobs.ulid(Instant.ofEpochMilli(i)))
                .collect(Collectors.joining(","));
        assertInvalidParameter(as(creator).get(STATUSES + "/show_many?ids=" + tooMany));
        assertInvalidParameter(as(creator).get(STATUSES + "/show_many?ids=" + a + ",1"));
        assertInvalidParameter(as(creator).get(STATUSES + "/show_many"));
    }

    // ---- retention ------------------------------------------------------------------------------------------

    @Test
    void aFinishedJobIsKeptSevenDaysThenDeleted_B1_7() {
        TestUser agent = agent();
        String finished = enqueue(agent, "{}", items(1)).id();
        awaitStatus(agent, finished, "completed");
        String waiting = transactions
                .execute(status -> jobs.enqueue(actor(agent), "no_such_kind", "{}", items(1)))
                .id();

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        jobs.runDue();
        assertThat(admin().get(STATUSES + "/" + finished).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(2));
        jobs.runDue();
        assertNotFound(admin().get(STATUSES + "/" + finished));
        assertThat(jdbc.queryForObject("select count(*) from job_results where job_id = ?", Long.class, finished))
                .isZero();
        assertThat(admin().get(STATUSES + "/" + waiting).status())
                .as("a job not finished is kept")
                .isEqualTo(200);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Item ids no other test uses. */
    private static List<Long> items(int count) {
        long first = ITEMS.getAndAdd(count);
        return LongStream.range(first, first + count).boxed().toList();
    }

    private Actor actor(TestUser user) {
        return actors.activeByIds(List.of(user.id())).get(user.id());
    }

    private JobStatusView enqueue(TestUser creator, String payload, List<Long> items) {
        Actor actor = actor(creator);
        return transactions.execute(status -> jobs.enqueue(actor, TYPE, payload, items));
    }

    /**
     * A job as an instance that died left it: claimed (working, its lease running a minute more on the service's
     * clock), its first item done (its row and result written).
     */
    private String deadInstancesJob(TestUser creator, List<Long> items) {
        Actor actor = actor(creator);
        return transactions.execute(status -> {
            String id = jobs.enqueue(actor, TYPE, "{}", items).id();
            jdbc.update(
                    "update job_statuses set status = 'working', lease_owner = gen_random_uuid(), lease_until = ?, "
                            + "progress = 1 where id = ?",
                    JobQueue.at(clock.instant().plus(Duration.ofMinutes(1))),
                    id);
            jdbc.update(
                    "insert into job_results (job_id, item_index, item_id, success) values (?, 0, ?, true)",
                    id,
                    items.get(0));
            jdbc.update(
                    "insert into job_test_runs (item_id, actor_id, acting_id, payload) values (?, ?, ?, '{}')",
                    items.get(0),
                    creator.id(),
                    creator.id());
            return id;
        });
    }

    private int runs(long item) {
        return jdbc.queryForObject("select count(*) from job_test_runs where item_id = ?", Integer.class, item);
    }

    private JsonNode status(TestUser reader, String id) {
        Api.Response response = as(reader).get(STATUSES + "/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("job_status");
    }

    private JsonNode awaitStatus(TestUser reader, String id, String status) {
        return awaitStatus(as(reader), id, status);
    }

    private static JsonNode awaitStatus(Api reader, String id, String status) {
        JsonNode[] last = new JsonNode[1];
        await("job " + id + " " + status, () -> {
            Api.Response response = reader.get(STATUSES + "/" + id);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            last[0] = response.json().get("job_status");
            return last[0].get("status").asString().equals(status);
        });
        return last[0];
    }

    private static void assertSucceeded(JsonNode result) {
        assertThat(result.get("success").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("status").asString()).isEqualTo("Updated");
        assertThat(result.has("error") || result.has("errors"))
                .as(result.toString())
                .isFalse();
    }

    private static void assertFailed(JsonNode result, String error, String errors) {
        assertThat(result.get("success").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.get("action").asString()).isEqualTo("update");
        assertThat(result.get("error").asString()).as(result.toString()).isEqualTo(error);
        assertThat(result.get("errors").asString()).as(result.toString()).isEqualTo(errors);
        assertThat(result.has("status")).as(result.toString()).isFalse();
    }

    private static void assertInvalidParameter(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("InvalidParameter");
        assertThat(response.json().at("/details/ids").isArray())
                .as(response.toString())
                .isTrue();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<String> ids(List<JsonNode> statuses) {
        return statuses.stream().map(s -> s.get("id").asString()).toList();
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
