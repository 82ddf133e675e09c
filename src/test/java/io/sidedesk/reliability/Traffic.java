package io.sidedesk.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.sidedesk.Api;

/**
 * Writes sent from several clients at once until stopped: each client takes turns between a reply on its
 * side conversation (mirrored down into the child ticket) and a public comment on the child (mirrored up),
 * and between the instances it is given. Every request and its outcome is kept, so that afterwards each
 * write answered 2xx can be looked for in the database.
 */
final class Traffic implements AutoCloseable {

    /** What a request wrote (if it succeeded): a reply or a child comment, with its unique body. */
    enum Kind {
        REPLY,
        CHILD_COMMENT
    }

    /**
     * One request: what it tried to write, where it went, and how it ended: the HTTP status, or 0 when
     * no response came back (refused or cut connection).
     */
    record Sent(
            Kind kind,
            Fixture.Link link,
            String body,
            String instance,
            int status,
            long startedNanos,
            long endedNanos) {

        boolean succeeded() {
            return status / 100 == 2;
        }
    }

    private final String label;
    private final List<Fixture.Link> links;
    private final Supplier<List<ServiceInstance>> instances;
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService clients;
    private final List<Future<?>> workers = new ArrayList<>();

    /**
     * Starts {@code clientsPerLink} clients on each link (so both directions of one mirror run at once);
     * {@code instances} is read before every request, so the set of instances may change under way.
     */
    Traffic(String label, List<Fixture.Link> links, int clientsPerLink, Supplier<List<ServiceInstance>> instances) {
        this.label = label;
        this.links = links;
        this.instances = instances;
        // Daemon threads: a scenario that fails before stopping its traffic must not keep the JVM alive.
        this.clients = Executors.newFixedThreadPool(links.size() * clientsPerLink, runnable -> {
            Thread thread = new Thread(runnable, "traffic-" + label);
            thread.setDaemon(true);
            return thread;
        });
        for (int client = 0; client < links.size() * clientsPerLink; client++) {
            int id = client;
            workers.add(clients.submit(() -> run(id)));
        }
    }

    private void run(int client) {
        Fixture.Link link = links.get(client % links.size());
        for (int n = 0; running.get(); n++) {
            List<ServiceInstance> targets = instances.get();
            ServiceInstance target = targets.get((client + n / 2) % targets.size());
            Kind kind = (client / links.size() + n) % 2 == 0 ? Kind.REPLY : Kind.CHILD_COMMENT;
            String body =
                    label + " client " + client + " #" + n + " " + kind.name().toLowerCase();
            long started = System.nanoTime();
            int status;
            try {
                status = send(target, kind, link, body).status();
            } catch (IllegalStateException noResponse) {
                status = 0;
            }
            sent.add(new Sent(kind, link, body, target.name(), status, started, System.nanoTime()));
            if (status == 0 || status == 503) {
                pause(50);
            }
        }
    }

    static Api.Response send(ServiceInstance target, Kind kind, Fixture.Link link, String body) {
        return switch (kind) {
            case REPLY ->
                target.as(link.parentAgent())
                        .post(
                                link.path() + "/reply",
                                Map.of(
                                        "message",
                                        Map.of(
                                                "body",
                                                body,
                                                "to",
                                                List.of(Map.of("support_group_id", link.childGroup())))));
            case CHILD_COMMENT ->
                target.as(link.childAgent())
                        .put(
                                "/api/v2/tickets/" + link.child(),
                                Map.of("ticket", Map.of("comment", Map.of("body", body, "public", true))));
        };
    }

    /** Waits the given time while the traffic goes on (it goes on until {@link #stop()}). */
    Traffic runFor(long millis) {
        pause(millis);
        return this;
    }

    /** Stops every client after its current request; returns everything sent. */
    List<Sent> stop() throws Exception {
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get(2, TimeUnit.MINUTES);
        }
        clients.shutdown();
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** Requests sent so far. */
    int count() {
        return sent.size();
    }

    @Override
    public void close() {
        running.set(false);
        clients.shutdownNow();
    }

    /** How many requests ended with each status (0: no response). */
    static Map<Integer, Integer> statuses(List<Sent> sent) {
        Map<Integer, Integer> counts = new TreeMap<>();
        sent.forEach(request -> counts.merge(request.status(), 1, Integer::sum));
        return counts;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
