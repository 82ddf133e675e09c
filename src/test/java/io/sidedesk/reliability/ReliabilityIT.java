package io.sidedesk.reliability;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.sidedesk.Api;
import io.sidedesk.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sidedesk as it is deployed, with faults injected: packaged jars in their own JVMs, two at a time on one
 * PostgreSQL that this suite owns (an embedded one it stops and starts, never the machine's). Writes go
 * through both instances from concurrent clients while the database goes away, an instance is stopped
 * with SIGTERM and another is killed; afterwards every write that was answered 2xx must be in the database
 * with its mirror, exactly once and in one order on both sides.
 *
 * <p>Run by {@code ./mvnw verify} (failsafe, after the jar is packaged), or alone with
 * {@code reliability/run.sh}. It writes its report to {@code target/reliability/report.md} and
 * {@code report.json}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {

    private static final Path OUTPUT = Path.of("target", "reliability");
    /** Limits high enough that the load is never throttled, with the limiter itself on, as in production. */
    private static final String[] GENEROUS_LIMITS = {
        "--sidedesk.rate-limits.account-per-minute=1000000",
        "--sidedesk.rate-limits.ticket-updates=1000000",
        // Both instances look for SLA breaches every second, so that they race for the same ones.
        "--sidedesk.sla.breach-check-interval=1s",
        // The webhook receiver is on this machine; senders look every second and take over a dead one's claims
        // after 15 s (a lease longer than its batch of 5 requests of at most 2 s each).
        "--sidedesk.webhooks.allowed-hosts=127.0.0.1",
        "--sidedesk.webhooks.poll-interval=1s",
        "--sidedesk.webhooks.timeout=2s",
        "--sidedesk.webhooks.per-webhook-batch=5",
        "--sidedesk.webhooks.lease=15s"
    };
    /** How long the suite waits for webhooks to arrive: a bound on a hang (leases included), not a measure of speed. */
    private static final Duration WEBHOOK_PATIENCE = Duration.ofMinutes(3);
    /** Each request's id in the log as it enters the filters, before its body is read (see {@link #halfSentReply}). */
    private static final String LOGS_ARRIVALS =
            "--logging.level.org.springframework.security.web.FilterChainProxy=DEBUG";

    /**
     * The thread of Spring Data's line that says which query parser it chose, in Spring Boot's log ({@code [thread]
     * [correlation] logger : message}, the thread's name right-aligned).
     */
    private static final Pattern FIRST_REPOSITORY_THREAD =
            Pattern.compile("\\[ *([^\\]]+)] \\[[^\\]]*] \\S*QueryEnhancerFactories +:");

    private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(40);
    /** How long the suite waits for an email to be sent: a bound on a hang, not a measure of speed. */
    private static final Duration MAIL_PATIENCE = Duration.ofMinutes(2);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Map<String, Object>> REPORT = new ArrayList<>();
    private static final Instant BEGAN = Instant.now();

    private static Path data;
    private static int databasePort;
    private static EmbeddedPostgres postgres;
    private static String jdbcUrl;
    private static Records records;
    private static ServiceInstance a;
    private static ServiceInstance b;
    private static Fixture fixture;

    @BeforeAll
    static void startDatabaseAndTwoInstances() throws Exception {
        Files.createDirectories(OUTPUT);
        try (var old = Files.list(OUTPUT)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        data = Files.createTempDirectory("sidedesk-reliability");
        databasePort = ServiceInstance.freePort();
        postgres = startPostgres();
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        records = new Records(jdbcUrl);
        a = ServiceInstance.start("a", jdbcUrl, OUTPUT, with(GENEROUS_LIMITS, LOGS_ARRIVALS));
        // The second waits for the first's migration, as a rolling deployment would.
        a.awaitReady();
        b = ServiceInstance.start("b", jdbcUrl, OUTPUT, GENEROUS_LIMITS).awaitReady();
        fixture = new Fixture(a);
    }

    @AfterAll
    static void stopEverythingAndReport() throws Exception {
        for (ServiceInstance instance : new ServiceInstance[] {a, b}) {
            if (instance != null && instance.alive()) {
                instance.terminate(SHUTDOWN_PATIENCE);
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        if (data != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(data);
        }
        writeReport();
    }

    // ---- two instances, one database ----------------------------------------------------------------------

    /**
     * Spring AOT keeps none of the lazy injection points Spring Data makes for its repositories as it reads the
     * configuration; {@code LazyRepositories} gives them back. Without them the start's main thread makes every
     * repository (and parses its queries) before the service is ready, instead of {@code RepositoryInitialization}'s
     * thread after (or a request, whichever needs one first).
     *
     * <p>It reads {@code b}: {@code a}, the first on an empty database, makes the admin of {@code SIDEDESK_ADMIN_EMAIL}
     * as it starts, and finds whether that user exists through a repository, on the main thread, as it should.
     */
    @Test
    @Order(1)
    void theProcessedJarMakesItsRepositoriesAfterItIsReadyNotInItsStart() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos(); // a bound on a hang
        while (!b.log().contains("Made all the repositories") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        String log = b.log();
        assertThat(log).contains("Starting AOT-processed").contains("Made all the repositories");
        List<String> firstRepository = log.lines()
                .filter(line -> line.contains("QueryEnhancerFactories"))
                .toList();
        assertThat(firstRepository)
                .as("Spring Data's query parser chosen once, as the first repository is made")
                .hasSize(1);
        Matcher thread = FIRST_REPOSITORY_THREAD.matcher(firstRepository.get(0));
        assertThat(thread.find()).as(firstRepository.get(0)).isTrue();
        assertThat(thread.group(1))
                .as("the thread that made the first repository: " + firstRepository.get(0))
                .isNotEqualTo("main");
    }

    @Test
    @Order(1)
    void concurrentRepliesAndChildCommentsThroughBothInstancesAreMirroredExactlyOnceInOneOrder() throws Exception {
        List<Fixture.Link> links = fixture.links(a, 6);
        Traffic traffic = new Traffic("both", links, 3, () -> List.of(a, b));
        List<Traffic.Sent> sent = traffic.runFor(6_000).stop();

        Records.Check check = records.check(sent);
        report("two instances: replies and child comments through both", sent, 0, check, facts());
        assertThat(Traffic.statuses(sent))
                .as("no fault, so every write succeeds")
                .containsOnlyKeys(200);
        assertWhole(check);
        assertThat(sent).extracting(Traffic.Sent::instance).contains("a", "b");
    }

    @Test
    @Order(2)
    void anIdempotencyKeySentToBothInstancesAtOnceWritesOnce() throws Exception {
        int keys = 10;
        int replayed = 0;
        for (int i = 0; i < keys; i++) {
            String subject = Fixture.unique("idempotent");
            String key = Fixture.unique("key");
            Map<String, Object> ticket =
                    Map.of("ticket", Map.of("subject", subject, "comment", Map.of("body", "once")));
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Api.Response>> both = new ArrayList<>();
            for (ServiceInstance instance : List.of(a, b)) {
                both.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return instance.admin().withHeader("Idempotency-Key", key).post("/api/v2/tickets", ticket);
                }));
            }
            start.countDown();
            Api.Response first = both.get(0).get(1, TimeUnit.MINUTES);
            Api.Response second = both.get(1).get(1, TimeUnit.MINUTES);

            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            assertThat(second.status()).as(second.toString()).isEqualTo(201);
            assertThat(first.json().at("/ticket/id")).isEqualTo(second.json().at("/ticket/id"));
            assertThat(records.count("select count(*) from tickets where subject = '" + subject + "'"))
                    .isEqualTo(1);
            replayed += "true".equals(first.header("Idempotent-Replayed"))
                            ^ "true".equals(second.header("Idempotent-Replayed"))
                    ? 1
                    : 0;
        }
        assertThat(replayed).as("one of each pair is the replay of the other").isEqualTo(keys);
        report(
                "two instances: one Idempotency-Key sent to both at once",
                keys * 2,
                0,
                facts("keys", keys, "tickets written per key", 1, "replays", replayed));
    }

    @Test
    @Order(2)
    void eachSlaBreachIsRecordedOnceAtItsTrueTimeWhileBothInstancesLookForIt() throws Exception {
        String tag = Fixture.unique("breach").replace("-", "");
        Api.Response policy = a.admin()
                .post(
                        "/api/v2/slas/policies",
                        Map.of(
                                "sla_policy",
                                Map.of(
                                        "title", "Reliability " + tag,
                                        "filter",
                                                Map.of(
                                                        "all",
                                                        List.of(Map.of(
                                                                "field", "current_tags",
                                                                "operator", "includes",
                                                                "value", tag))),
                                        "policy_metrics",
                                                List.of(Map.of(
                                                        "priority", "normal",
                                                        "metric", "total_resolution_time",
                                                        "target_in_seconds", 15)))));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Api.Response created = (i % 2 == 0 ? a : b)
                    .admin()
                    .post(
                            "/api/v2/tickets",
                            Map.of(
                                    "ticket",
                                    Map.of(
                                            "subject", "Breaches " + tag,
                                            "tags", List.of(tag),
                                            "comment", Map.of("body", "Due in 15 seconds"))));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            tickets.add(created.json().at("/ticket/id").asLong());
        }
        String mine = "ticket_id in (" + tickets.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
        String breaches = "select count(*) from ticket_metric_events where type = 'breach' and " + mine;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (records.count(breaches) < tickets.size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        // A few more rounds of both instances' checks: none may record a breach again.
        Thread.sleep(3_000);

        assertThat(records.count(breaches)).as("one breach per ticket").isEqualTo(tickets.size());
        assertThat(records.count("select count(*) from ticket_metric_events e where type = 'breach' and " + mine
                        + " and time = (select a.time + interval '15 seconds' from ticket_metric_events a"
                        + " where a.ticket_id = e.ticket_id and a.metric = e.metric and a.type = 'activate')"))
                .as("each at the moment its target ran out, not when it was found")
                .isEqualTo(tickets.size());
        report(
                "two instances: SLA breaches looked for by both",
                tickets.size(),
                0,
                facts("breaches recorded per ticket", 1));
    }

    @Test
    @Order(2)
    void routingAcrossBothInstancesNeverExceedsCapacityAndRoutesEachTicketOnce() throws Exception {
        RoutingScenario.Outcome outcome = new RoutingScenario(jdbcUrl, List.of(a, b)).run(50, 10, 20, 5);
        report(
                "two instances: 500 child tickets routed to 20 agents of capacity 5, solved at random",
                outcome.tickets(),
                0,
                RoutingScenario.facts(outcome));

        assertThat(outcome.failures()).as("what went wrong while routing").isEmpty();
        assertThat(outcome.watches()).as("the load was checked throughout").isGreaterThan(10);
        assertThat(outcome.mostLoadSeen())
                .as("no agent ever over capacity (R21)")
                .isLessThanOrEqualTo(5);
        assertThat(outcome.ticketsRoutedTwice())
                .as("no ticket routed twice (R21)")
                .isZero();
        assertThat(outcome.ticketsRouted()).as("every ticket routed in the end").isEqualTo(outcome.tickets());
        assertThat(outcome.stillQueued()).as("none left in the queue").isZero();
    }

    /**
     * The jar's beans were fixed when it was built (Spring AOT, jvm.options), but whether it sends email is decided
     * when it starts: m, started with a mail server (a real SMTP server in this JVM), sends a proactive ticket's
     * notification to its requester, once; a, started without one, records its notification as not sent. Only m
     * sends: a and b, which the other scenarios load, keep their notifications as not sent.
     */
    @Test
    @Order(2)
    void anInstanceStartedWithAMailServerSendsNotificationsOnceAndOneWithoutRecordsThemNotSent() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(ServiceInstance.freePort(), "127.0.0.1", "smtp"));
        smtp.start();
        ServiceInstance m = null;
        try {
            m = ServiceInstance.start(
                    "m",
                    jdbcUrl,
                    OUTPUT,
                    with(
                            with(GENEROUS_LIMITS, "--spring.mail.host=127.0.0.1"),
                            "--spring.mail.port=" + smtp.getSmtp().getPort()));
            m.awaitReady();
            Requested mailed = proactiveTicketFor(m);
            Requested unmailed = proactiveTicketFor(a);

            JsonNode sent = notificationOf(mailed, "sent");
            JsonNode notSent = notificationOf(unmailed, "not_sent");
            MimeMessage[] received = smtp.getReceivedMessagesForDomain(mailed.email());
            report(
                    "the mail server chosen when each instance starts",
                    2,
                    0,
                    Map.of(
                            "emails from m",
                            received.length,
                            "a's notification",
                            notSent.get("state").asString()));
            assertThat(received).as("emails to the requester of m's ticket").hasSize(1);
            assertThat(received[0].getSubject()).isEqualTo(sent.get("subject").asString());
            assertThat(sent.get("attempts").asInt()).isEqualTo(1);
            assertThat(notSent.get("attempts").asInt()).isZero();
            assertThat(smtp.getReceivedMessagesForDomain(unmailed.email())).isEmpty();
        } finally {
            if (m != null && m.terminate(SHUTDOWN_PATIENCE) != 143) {
                m.kill(); // never a third instance in the scenarios after this one
            }
            smtp.stop();
        }
    }

    /** A ticket made for an end user, and that requester's email. */
    private record Requested(long ticket, String email) {}

    /** An end user, and a ticket an admin makes for them through the instance. */
    private static Requested proactiveTicketFor(ServiceInstance instance) {
        String email = Fixture.unique("requester") + "@example.com";
        long requester = Fixture.ok(
                        instance.admin()
                                .post(
                                        "/api/v2/users",
                                        Map.of(
                                                "user",
                                                Map.of("name", "Requester", "email", email, "role", "end-user"))),
                        201)
                .at("/user/id")
                .asLong();
        long ticket = Fixture.ok(
                        instance.admin()
                                .post(
                                        "/api/v2/tickets",
                                        Map.of(
                                                "ticket",
                                                Map.of(
                                                        "subject", Fixture.unique("made for you"),
                                                        "comment", Map.of("body", "We made this for you."),
                                                        "requester_id", requester))),
                        201)
                .at("/ticket/id")
                .asLong();
        return new Requested(ticket, email);
    }

    /**
     * The one notification of the ticket to its requester, once it is in {@code state} (within
     * {@link #MAIL_PATIENCE}), as the other instance lists it.
     */
    private static JsonNode notificationOf(Requested requested, String state) throws InterruptedException {
        long deadline = System.nanoTime() + MAIL_PATIENCE.toNanos();
        while (true) {
            List<JsonNode> found = new ArrayList<>();
            Fixture.ok(a.admin().get("/api/v2/notifications?ticket_id=" + requested.ticket()), 200)
                    .get("notifications")
                    .forEach(notification -> {
                        if (requested
                                .email()
                                .equals(notification.get("recipient_email").asString())) {
                            found.add(notification);
                        }
                    });
            assertThat(found).as("notifications to %s", requested.email()).hasSizeLessThanOrEqualTo(1);
            if (found.size() == 1 && state.equals(found.get(0).get("state").asString())) {
                return found.get(0);
            }
            assertThat(System.nanoTime())
                    .as("the notification to %s %s within %s: %s", requested.email(), state, MAIL_PATIENCE, found)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    @Order(3)
    void aTokenRevokedOnOneInstanceIsRefusedByTheOtherAtItsNextRequest() {
        Api.Response issued =
                a.admin().post("/api/v2/api_tokens", Map.of("api_token", Map.of("description", "revoke me")));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String token = issued.json().at("/api_token/token").asString();
        long id = issued.json().at("/api_token/id").asLong();
        Api throughB = b.api().as(ServiceInstance.ADMIN_EMAIL, token);
        assertThat(throughB.get("/api/v2/users/me").status()).isEqualTo(200);

        assertThat(a.admin().delete("/api/v2/api_tokens/" + id).status()).isEqualTo(204);

        assertThat(throughB.get("/api/v2/users/me").status())
                .as("b, at its next request")
                .isEqualTo(401);
        assertThat(a.api()
                        .as(ServiceInstance.ADMIN_EMAIL, token)
                        .get("/api/v2/users/me")
                        .status())
                .isEqualTo(401);
        report("two instances: token revoked on a, used on b", 4, 0, facts("refused by b at its next request", true));
    }

    @Test
    @Order(4)
    void failedLoginsAddUpAcrossInstances() {
        String address = "10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        String email = Fixture.unique("nobody") + "@example.com";
        int unauthorized = 0;
        Map<String, Integer> throttled = new LinkedHashMap<>();
        long began = System.nanoTime();
        for (int attempt = 0; attempt < 40; attempt++) {
            ServiceInstance instance = attempt % 2 == 0 ? a : b;
            int status = instance.api()
                    .withHeader("X-Forwarded-For", address)
                    .as(email, "wrong-" + attempt)
                    .get("/api/v2/users/me")
                    .status();
            if (status == 401) {
                unauthorized++;
            } else {
                assertThat(status).isEqualTo(429);
                throttled.merge(instance.name(), 1, Integer::sum);
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        // 20 failures a minute per email and address, counted in PostgreSQL: two instances that each kept
        // their own count would answer 401 to all 40. Each instance reconciles after every other failure or
        // within a second, so the two together may let up to two more each through; and one failure comes
        // back every 3 s that the attempts take (a fraction of a second here, more on a slow machine).
        long bound = 24 + (long) Math.ceil(seconds / 3);
        report(
                "two instances: failed logins on one email through both",
                40,
                0,
                facts(
                        "limit",
                        20,
                        "401 before the throttle",
                        unauthorized,
                        "bound",
                        bound,
                        "429 by instance",
                        throttled));
        assertThat(unauthorized).isBetween(20, (int) bound);
        assertThat(throttled).containsOnlyKeys("a", "b");
    }

    // ---- faults --------------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void postgresStoppedUnderLoadThenBackLosesNoAcknowledgedWrite() throws Exception {
        List<Fixture.Link> links = fixture.links(a, 4);
        Traffic traffic = new Traffic("outage", links, 2, () -> List.of(a, b));
        traffic.runFor(2_000);
        int before = traffic.count();
        postgres.close();
        postgres = null;
        traffic.runFor(4_000);
        boolean readinessDown = !a.ready() && !b.ready();
        boolean livenessUp = a.api().get("/actuator/health/liveness").status() == 200
                && b.api().get("/actuator/health/liveness").status() == 200;
        postgres = startPostgres();
        long back = System.nanoTime();
        // Recovering by itself is the point; the report says how soon. The two minutes bound a hang only.
        boolean recovered = false;
        while (!recovered && System.nanoTime() - back < Duration.ofMinutes(2).toNanos()) {
            recovered = a.ready() && b.ready();
            if (!recovered) {
                Thread.sleep(100);
            }
        }
        Duration recovery = Duration.ofNanos(System.nanoTime() - back);
        traffic.runFor(2_000);
        List<Traffic.Sent> sent = traffic.stop();

        Records.Check check = records.check(sent);
        List<Traffic.Sent> refused =
                sent.stream().filter(request -> !request.succeeded()).toList();
        long slowest = refused.stream()
                .mapToLong(request -> request.endedNanos() - request.startedNanos())
                .max()
                .orElse(0);
        report(
                "PostgreSQL stopped for 4 s under load through both",
                sent,
                1,
                check,
                facts(
                        "requests before the fault",
                        before,
                        "readiness DOWN during the outage",
                        readinessDown,
                        "liveness UP during the outage",
                        livenessUp,
                        "recovered in ms",
                        recovery.toMillis(),
                        "slowest refusal in ms",
                        slowest / 1_000_000));
        assertWhole(check);
        assertThat(Traffic.statuses(sent)).as("only successes and 503s").containsOnlyKeys(200, 503);
        assertThat(refused).as("the outage was felt").isNotEmpty();
        // The pool waits 3 s for a connection; its default wait (30 s), or a dead socket (30 s), would not be
        // fast. The margin is for a slow machine.
        assertThat(Duration.ofNanos(slowest)).as("refusals come fast").isLessThan(Duration.ofSeconds(20));
        assertThat(readinessDown).isTrue();
        assertThat(livenessUp).isTrue();
        assertThat(recovered)
                .as("both ready again by themselves once the database is back")
                .isTrue();
    }

    @Test
    @Order(6)
    void sigtermFinishesRequestsInFlightRefusesNewOnesAndSplitsNoWrite() throws Exception {
        List<Fixture.Link> links = fixture.links(a, 4);
        List<ServiceInstance> serving = new ArrayList<>(List.of(a, b));
        Traffic traffic = new Traffic("sigterm", links, 2, () -> List.copyOf(serving));
        traffic.runFor(2_000);
        try {
            terminated(links, serving, traffic);
        } finally {
            a = ServiceInstance.start("a-restarted", jdbcUrl, OUTPUT, GENEROUS_LIMITS)
                    .awaitReady();
        }
    }

    private void terminated(List<Fixture.Link> links, List<ServiceInstance> serving, Traffic traffic) throws Exception {
        Fixture.Link slow = links.get(0);
        String slowBody = "sigterm in flight " + Fixture.unique("slow");
        try (InFlight inFlight = halfSentReply(a, slow, slowBody)) {
            long signalled = System.nanoTime();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> terminateQuietly(a));
            // Tomcat stops accepting as the grace period begins, however long the signal takes to get there.
            boolean refusesNew = refusesConnections(a, Duration.ofSeconds(30));
            serving.remove(a);
            int slowStatus = inFlight.finish();
            int exitCode = exit.get(1, TimeUnit.MINUTES);
            Duration stopped = Duration.ofNanos(System.nanoTime() - signalled);
            traffic.runFor(1_000);
            List<Traffic.Sent> sent = traffic.stop();
            List<Traffic.Sent> all = new ArrayList<>(sent);
            all.add(new Traffic.Sent(
                    Traffic.Kind.REPLY, slow, slowBody, "a", slowStatus, signalled, System.nanoTime()));
            String log = a.log();

            Records.Check check = records.check(all);
            report(
                    "SIGTERM to a under load through both",
                    all,
                    1,
                    check,
                    facts(
                            "request in flight at the signal",
                            slowStatus,
                            "new connections refused",
                            refusesNew,
                            "exit code",
                            exitCode,
                            "stopped in ms",
                            stopped.toMillis()));
            assertThat(slowStatus)
                    .as("the request in flight at SIGTERM finishes")
                    .isEqualTo(200);
            assertThat(refusesNew)
                    .as("no new request is accepted after SIGTERM")
                    .isTrue();
            assertThat(exitCode)
                    .as("exits (143: SIGTERM) within the shutdown phase's 20 s")
                    .isEqualTo(143);
            assertThat(log.contains("Graceful shutdown complete"))
                    .as("Tomcat's graceful shutdown in a's log")
                    .isTrue();
            assertThat(log.contains("HikariPool-1 - Shutdown completed"))
                    .as("the pool closed, in a's log")
                    .isTrue();
            assertWhole(check);
            assertThat(Traffic.statuses(all).keySet())
                    .as("only successes or refused connections")
                    .isSubsetOf(0, 200);
        }
    }

    @Test
    @Order(7)
    void aKilledInstanceLosesNoAcknowledgedWriteNorItsWebhooks() throws Exception {
        List<Fixture.Link> links = fixture.links(a, 4);
        List<ServiceInstance> serving = new ArrayList<>(List.of(a, b));
        try (WebhookReceiver receiver = new WebhookReceiver(50)) {
            // Every acknowledged write puts one comment on a child ticket: one ticket.comment_added event each.
            String webhook = Fixture.ok(
                            a.admin()
                                    .post(
                                            "/api/v2/webhooks",
                                            Map.of(
                                                    "webhook",
                                                    Map.of(
                                                            "name", "reliability",
                                                            "endpoint", receiver.url(),
                                                            "subscriptions",
                                                                    List.of("zen:event-type:ticket.comment_added")))),
                            201)
                    .at("/webhook/id")
                    .asString();
            Traffic traffic = new Traffic("crash", links, 2, () -> List.copyOf(serving));
            traffic.runFor(2_500);
            b.kill();
            serving.remove(b);
            traffic.runFor(2_000);
            List<Traffic.Sent> sent = traffic.stop();

            Records.Check check = records.check(sent);
            report("SIGKILL to b under load through both", sent, 1, check, facts());
            assertWhole(check);
            assertThat(Traffic.statuses(sent).keySet()).isSubsetOf(0, 200);
            b = null;
            webhooksArrived(receiver, sent);
            // The scenarios after this one write too: nothing more for a receiver about to close.
            assertThat(a.admin().delete("/api/v2/webhooks/" + webhook).status()).isEqualTo(204);
        }
    }

    /**
     * Every write answered 2xx was told to the receiver (by whichever instance was left), and each child ticket's
     * comments first arrived in the order they were written.
     */
    private static void webhooksArrived(WebhookReceiver receiver, List<Traffic.Sent> sent) throws Exception {
        List<String> acknowledged = sent.stream()
                .filter(write -> write.status() == 200)
                .map(Traffic.Sent::body)
                .toList();
        long deadline = System.nanoTime() + WEBHOOK_PATIENCE.toNanos();
        List<String> missing = acknowledged;
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            List<String> bodies = receiver.received().stream()
                    .map(event -> event.at("/event/comment/body").asString(""))
                    .toList();
            missing = acknowledged.stream()
                    .filter(body -> bodies.stream().noneMatch(text -> text.contains(body)))
                    .toList();
        }
        Map<String, List<Long>> firstArrivals = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (var event : receiver.received()) {
            if (seen.add(event.at("/id").asString())) {
                firstArrivals
                        .computeIfAbsent(event.at("/subject").asString(), ticket -> new ArrayList<>())
                        .add(Long.parseLong(event.at("/event/comment/id").asString()));
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("acknowledged writes", acknowledged.size());
        details.put("deliveries received", receiver.received().size());
        details.put("distinct events", seen.size());
        details.put("acknowledged writes never told", missing.size());
        report("webhooks of those writes after b's death", acknowledged.size(), 1, details);
        assertThat(missing)
                .as("acknowledged writes whose webhook never arrived")
                .isEmpty();
        firstArrivals.forEach((ticket, comments) ->
                assertThat(comments).as("first arrivals for " + ticket).isSorted());
    }

    @Test
    @Order(8)
    void rateLimitsHoldAcrossInstances() throws Exception {
        Fixture.Link link = fixture.links(a, 1).get(0);
        a.terminate(SHUTDOWN_PATIENCE);
        // Buckets keep the configuration they were made with: start the low limits from empty buckets.
        records.execute("delete from rate_limit_buckets");
        String[] low = {"--sidedesk.rate-limits.account-per-minute=120", "--sidedesk.rate-limits.ticket-updates=10"};
        a = ServiceInstance.start("c", jdbcUrl, OUTPUT, low).awaitReady();
        b = ServiceInstance.start("d", jdbcUrl, OUTPUT, low).awaitReady();

        long began = System.nanoTime();
        Map<String, Integer> updates = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            ServiceInstance instance = i % 2 == 0 ? a : b;
            int status = Traffic.send(instance, Traffic.Kind.CHILD_COMMENT, link, "limited update " + i)
                    .status();
            updates.merge(instance.name() + " " + status, 1, Integer::sum);
        }
        int updatesAccepted = updates.getOrDefault("c 200", 0) + updates.getOrDefault("d 200", 0);
        double updateSeconds = (System.nanoTime() - began) / 1e9;

        int accepted = 0;
        Map<String, Integer> requests = new LinkedHashMap<>();
        for (int i = 0; i < 240; i++) {
            ServiceInstance instance = i % 2 == 0 ? a : b;
            int status = instance.admin().get("/api/v2/users/me").status();
            accepted += status == 200 ? 1 : 0;
            requests.merge(instance.name() + " " + status, 1, Integer::sum);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        // Each instance may spend a tenth of the budget (12) before it reconciles, and the budget refills at
        // 2 a second, counted from the first update (a slow machine takes longer, and gets more): two instances
        // that each kept their own budget would accept all 240. Likewise the ticket's 10 updates (each instance
        // may spend one before it reconciles), one more for every minute the updates take.
        long bound = 120 + 2 * 12 + (long) Math.ceil(2 * seconds);
        long updateBound = 12 + (long) Math.ceil(updateSeconds / 60);
        report(
                "two instances: rate limits (120 a minute, 10 ticket updates) through both",
                260,
                0,
                facts(
                        "ticket updates accepted of 20",
                        updatesAccepted,
                        "update bound",
                        updateBound,
                        "requests accepted of 240",
                        accepted,
                        "bound",
                        bound,
                        "by instance and status",
                        requests));
        assertThat(updatesAccepted).as(updates.toString()).isBetween(10, (int) updateBound);
        assertThat(updates).containsKeys("c 429", "d 429");
        assertThat(accepted)
                .as(requests.toString())
                .isLessThanOrEqualTo((int) bound)
                .isGreaterThan(0);
        assertThat(requests).containsKeys("c 429", "d 429");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static void assertWhole(Records.Check check) {
        assertThat(check.succeeded()).as("writes answered 2xx").isPositive();
        assertThat(check.lost())
                .as("writes answered 2xx but missing on either side")
                .isZero();
        assertThat(check.halves()).as("messages without their mirror").isZero();
        assertThat(check.duplicates()).as("messages present twice").isZero();
        assertThat(check.disordered())
                .as("side conversations whose two sides disagree on the order")
                .isZero();
    }

    /** A request whose headers and first half of body are sent, the rest held back. */
    private record InFlight(Socket socket, byte[] body) implements AutoCloseable {

        /** Sends the rest of the body; returns the response's status. */
        int finish() throws Exception {
            OutputStream out = socket.getOutputStream();
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(response.substring(9, 12));
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    /**
     * Opens a connection and sends a reply's headers and the first half of its body; returns once the request is
     * in the service's hands (its id is in the log as it enters the filters), waiting for the rest of its body.
     * Tomcat's graceful shutdown waits for such a request, not for one it has not begun to serve.
     */
    private static InFlight halfSentReply(ServiceInstance instance, Fixture.Link link, String body) throws Exception {
        String requestId = Fixture.unique("in-flight");
        byte[] json = JSON.writeValueAsBytes(
                Map.of("message", Map.of("body", body, "to", List.of(Map.of("support_group_id", link.childGroup())))));
        Socket socket = new Socket("localhost", instance.port());
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + link.path() + "/reply HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                        + "Authorization: "
                        + Api.basicHeaderFor(link.parentAgent() + "/token:" + ServiceInstance.ADMIN_TOKEN)
                        + "\r\nX-Request-Id: " + requestId
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(json, 0, json.length / 2);
        out.flush();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!instance.log().contains(requestId)) {
            assertThat(System.nanoTime())
                    .as("%s reached %s", requestId, instance.name())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        return new InFlight(socket, json);
    }

    /** Whether the instance refuses new connections within the given time. */
    private static boolean refusesConnections(ServiceInstance instance, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (instance.acceptsConnections()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static String[] with(String[] arguments, String... more) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static int terminateQuietly(ServiceInstance instance) {
        try {
            return instance.terminate(SHUTDOWN_PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static EmbeddedPostgres startPostgres() throws java.io.IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(databasePort)
                .setServerConfig("max_connections", "100")
                .setPGStartupWait(TestDatabase.POSTGRES_STARTUP)
                .start();
    }

    // ---- the report ----------------------------------------------------------------------------------------

    private static void report(
            String scenario, List<Traffic.Sent> sent, int faults, Records.Check check, Map<String, Object> details) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", scenario);
        row.put("requests_sent", sent.size());
        row.put("faults_injected", faults);
        row.put("writes_2xx", check.succeeded());
        row.put("writes_2xx_found", check.found());
        row.put("writes_lost", check.lost());
        row.put("unanswered_writes_found", check.unanswered());
        row.put("messages_without_mirror", check.halves());
        row.put("messages_duplicated", check.duplicates());
        row.put("conversations_out_of_order", check.disordered());
        row.put("statuses", Traffic.statuses(sent));
        row.putAll(details);
        REPORT.add(row);
    }

    private static void report(String scenario, int requests, int faults, Map<String, Object> details) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", scenario);
        row.put("requests_sent", requests);
        row.put("faults_injected", faults);
        row.putAll(details);
        REPORT.add(row);
    }

    /** Names and values, in the order given. */
    private static Map<String, Object> facts(Object... namesAndValues) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            facts.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return facts;
    }

    private static void writeReport() throws java.io.IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("started_at", BEGAN.toString());
        document.put("seconds", Duration.between(BEGAN, Instant.now()).toSeconds());
        document.put("scenarios", REPORT);
        Files.writeString(
                OUTPUT.resolve("report.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));

        StringBuilder table = new StringBuilder(
                "| scenario | requests sent | faults injected | 2xx writes | 2xx writes found "
                        + "| writes lost | without mirror | duplicated | out of order |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        long sent = 0;
        long faults = 0;
        long succeeded = 0;
        long found = 0;
        long lost = 0;
        for (Map<String, Object> row : REPORT) {
            sent += ((Number) row.get("requests_sent")).longValue();
            faults += ((Number) row.get("faults_injected")).longValue();
            succeeded += number(row, "writes_2xx");
            found += number(row, "writes_2xx_found");
            lost += number(row, "writes_lost");
            table.append("| ").append(row.get("scenario"));
            for (String column : List.of(
                    "requests_sent",
                    "faults_injected",
                    "writes_2xx",
                    "writes_2xx_found",
                    "writes_lost",
                    "messages_without_mirror",
                    "messages_duplicated",
                    "conversations_out_of_order")) {
                table.append(" | ").append(row.getOrDefault(column, "–"));
            }
            table.append(" |\n");
        }
        table.append("| **total** | ")
                .append(sent)
                .append(" | ")
                .append(faults)
                .append(" | ")
                .append(succeeded)
                .append(" | ")
                .append(found)
                .append(" | ")
                .append(lost)
                .append(" | | | |\n");
        StringBuilder details = new StringBuilder();
        for (Map<String, Object> row : REPORT) {
            details.append("- ").append(row.get("scenario")).append(": ");
            List<String> facts = new ArrayList<>();
            row.forEach((key, value) -> {
                if (!key.equals("scenario")
                        && !key.startsWith("writes_")
                        && !key.startsWith("messages_")
                        && !key.startsWith("conversations_")
                        && !key.equals("requests_sent")
                        && !key.equals("faults_injected")) {
                    facts.add(key + " " + value);
                }
            });
            details.append(String.join("; ", facts)).append('\n');
        }
        String text = "# Reliability run " + BEGAN + " ("
                + Duration.between(BEGAN, Instant.now()).toSeconds() + " s)\n\n" + table + "\n" + details;
        Files.writeString(OUTPUT.resolve("report.md"), text);
        System.out.println("\n" + text);
    }

    private static long number(Map<String, Object> row, String key) {
        Object value = row.get(key);
        return value instanceof Number number ? number.longValue() : 0;
    }
}
