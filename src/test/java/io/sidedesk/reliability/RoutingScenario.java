package io.sidedesk.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.sidedesk.Api;

import static io.sidedesk.reliability.Fixture.ok;

/**
 * R21 under concurrency (issue 23): two instances route child tickets to the agents of one group, each with the
 * same capacity, while the child tickets are created through both and routed ones are solved at random through both.
 * A watcher reads PostgreSQL throughout; afterwards every ticket must have been routed exactly once.
 */
final class RoutingScenario {

    /** What the run saw. */
    record Outcome(
            int tickets,
            int agents,
            int capacity,
            long watches,
            long mostLoadSeen,
            long ticketsRouted,
            long ticketsRoutedTwice,
            long solved,
            long stillQueued,
            List<String> failures,
            double seconds) {}

    private final String jdbcUrl;
    private final List<ServiceInstance> instances;

    RoutingScenario(String jdbcUrl, List<ServiceInstance> instances) {
        this.jdbcUrl = jdbcUrl;
        this.instances = instances;
    }

    Outcome run(int parents, int perParent, int agentCount, int capacity) throws Exception {
        long began = System.nanoTime();
        Api admin = instances.get(0).admin();
        long group = ok(
                        admin.post(
                                "/api/v2/groups",
                                Map.of("group", Map.of("name", Fixture.unique("routed"), "is_public", true))),
                        201)
                .at("/group/id")
                .asLong();
        List<Long> agents = new ArrayList<>();
        for (int i = 0; i < agentCount; i++) {
            String email = Fixture.unique("router") + "@example.com";
            long agent = ok(
                            admin.post(
                                    "/api/v2/users",
                                    Map.of("user", Map.of("name", "Routed " + i, "email", email, "role", "agent"))),
                            201)
                    .at("/user/id")
                    .asLong();
            ok(
                    admin.post(
                            "/api/v2/group_memberships",
                            Map.of("group_membership", Map.of("user_id", agent, "group_id", group))),
                    201);
            ok(admin.put("/api/v2/agent_availabilities/agent_statuses/agents/" + agent, Map.of("id", 3)), 200);
            agents.add(agent);
        }
        ok(
                admin.post(
                        "/api/v2/capacity/rules",
                        Map.of(
                                "capacity_rule",
                                Map.of(
                                        "name", Fixture.unique("reliability"),
                                        "capacities", Map.of("email", capacity),
                                        "agent_ids", agents))),
                201);
        ok(admin.put("/api/v2/account/settings", Map.of("settings", Map.of("routing", Map.of("enabled", true)))), 200);

        String mine = "t.group_id = " + group + " and t.via_channel = 'side_conversation'";
        String overload = "select coalesce(max(c), 0) from (select count(*) c from tickets t where " + mine
                + " and t.routed_to = t.assignee_id and t.status in ('new', 'open') and not t.deleted"
                + " group by t.assignee_id) loads";
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong watches = new AtomicLong();
        AtomicLong most = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Future<?> watcher = pool.submit(() -> {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                while (!done.get()) {
                    long load = single(connection, overload);
                    most.accumulateAndGet(load, Math::max);
                    watches.incrementAndGet();
                    if (load > capacity) {
                        failures.add("an agent held " + load + " routed tickets, over the capacity " + capacity);
                    }
                    Thread.sleep(5); // a look every few milliseconds, leaving the two cores to the instances
                }
            } catch (SQLException | InterruptedException e) {
                failures.add("watcher: " + e);
            }
            return null;
        });

        // Child tickets through both instances, from a few clients at once.
        List<Future<?>> creators = new ArrayList<>();
        for (int p = 0; p < parents; p++) {
            ServiceInstance through = instances.get(p % instances.size());
            creators.add(pool.submit(() -> {
                Api api = through.admin();
                long parent = ok(
                                api.post(
                                        "/api/v2/tickets",
                                        Map.of(
                                                "ticket",
                                                Map.of(
                                                        "subject", Fixture.unique("routed parent"),
                                                        "comment", Map.of("body", "parent")))),
                                201)
                        .at("/ticket/id")
                        .asLong();
                for (int c = 0; c < perParent; c++) {
                    ok(
                            api.post(
                                    "/api/v2/tickets/" + parent + "/side_conversations",
                                    Map.of(
                                            "message",
                                            Map.of(
                                                    "subject",
                                                    "routed child " + c,
                                                    "body",
                                                    "for the routed team",
                                                    "to",
                                                    List.of(Map.of("support_group_id", group))))),
                            201);
                }
                return null;
            }));
        }
        // Solvers: routed tickets solved at random through both instances, until every ticket was routed.
        int total = parents * perParent;
        String routed = "select count(distinct a.ticket_id) from ticket_audits a join tickets t on t.id = a.ticket_id"
                + " where " + mine + " and a.via_channel = 'routing'";
        AtomicLong solved = new AtomicLong();
        List<Future<?>> solvers = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        for (int s = 0; s < 3; s++) {
            ServiceInstance through = instances.get(s % instances.size());
            solvers.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                    while (Instant.now().isBefore(deadline) && single(connection, routed) < total) {
                        List<Long> open = ids(
                                connection,
                                "select t.id from tickets t where " + mine
                                        + " and t.routed_to = t.assignee_id and t.status = 'open' limit 50");
                        if (open.isEmpty()) {
                            Thread.sleep(20);
                            continue;
                        }
                        long ticket = open.get(ThreadLocalRandom.current().nextInt(open.size()));
                        Api.Response response = through.admin()
                                .put("/api/v2/tickets/" + ticket, Map.of("ticket", Map.of("status", "solved")));
                        if (response.status() == 200) {
                            solved.incrementAndGet();
                        } else if (response.status() != 409 && response.status() != 422) {
                            failures.add("solving " + ticket + ": " + response);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> creator : creators) {
            creator.get(5, TimeUnit.MINUTES);
        }
        for (Future<?> solver : solvers) {
            solver.get(5, TimeUnit.MINUTES);
        }
        done.set(true);
        watcher.get(1, TimeUnit.MINUTES);
        pool.shutdown();

        ok(admin.put("/api/v2/account/settings", Map.of("settings", Map.of("routing", Map.of("enabled", false)))), 200);
        for (long agent : agents) {
            ok(admin.put("/api/v2/agent_availabilities/agent_statuses/agents/" + agent, Map.of("id", 2)), 200);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            long twice = single(
                    connection,
                    "select count(*) from (select a.ticket_id from ticket_audits a join tickets t on t.id = a.ticket_id"
                            + " where " + mine + " and a.via_channel = 'routing'"
                            + " group by a.ticket_id having count(*) > 1) twice");
            long queued = single(
                    connection,
                    "select count(*) from routing_entries e join tickets t on t.id = e.ticket_id where " + mine);
            return new Outcome(
                    total,
                    agentCount,
                    capacity,
                    watches.get(),
                    most.get(),
                    single(connection, routed),
                    twice,
                    solved.get(),
                    queued,
                    Collections.unmodifiableList(new ArrayList<>(failures)),
                    (System.nanoTime() - began) / 1e9);
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<Long> ids(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }

    /** The outcome's facts, for the report. */
    static Map<String, Object> facts(Outcome outcome) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("child tickets", outcome.tickets());
        facts.put("agents", outcome.agents());
        facts.put("capacity each", outcome.capacity());
        facts.put("load checks while routing", outcome.watches());
        facts.put("most routed load seen on one agent", outcome.mostLoadSeen());
        facts.put("tickets routed", outcome.ticketsRouted());
        facts.put("tickets routed more than once", outcome.ticketsRoutedTwice());
        facts.put("routed tickets solved meanwhile", outcome.solved());
        facts.put("seconds", Math.round(outcome.seconds()));
        return facts;
    }
}
