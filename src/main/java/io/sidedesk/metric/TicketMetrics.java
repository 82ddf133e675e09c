package io.sidedesk.metric;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.sidedesk.ticket.TicketStatus;

/**
 * A ticket's metrics, as kept on the ticket between writes (JSON): the statuses it has had and when, the instances of
 * each metric, the counts and times Zendesk's ticket metrics show, and the SLA policy applied with its targets.
 * {@link #update} moves them on by one write and answers the metric events that write causes; Spring-free, with
 * the clock's time and the hours given, so plain tests drive it through weekends and daylight-saving changes.
 *
 * <p>R14: reply time is started (or kept running) by a public comment from the requester's side and fulfilled by a
 * public comment from any other agent; on a child ticket the requester is the agent who opened the side
 * conversation and the replies the mirror adds are the requester's, so only the child team's public answer
 * fulfils it. Marking the side conversation done changes the parent, never the child's metrics.
 *
 * <p>{@link TicketMetricsJson} reads and writes the JSON. The Jackson annotations here and on {@link StatusTimeline}
 * give the object mapper's form of the same document, which {@code TicketMetricsJsonTests} holds the codec to.
 */
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class TicketMetrics {

    /** One instance of a metric: from its start until it is fulfilled (end), in epoch milliseconds. */
    record Instance(int n, long start, Long end) {

        boolean open() {
            return end == null;
        }
    }

    /** The policy applied, for the ticket's priority: its targets, and when each breaches (null: it does not run). */
    record Applied(long policyId, String title, String description, String priority, List<Target> targets) {

        boolean sameAs(Applied other) {
            return other != null
                    && policyId == other.policyId
                    && Objects.equals(priority, other.priority)
                    && targets.equals(other.targets);
        }
    }

    record Target(SlaTarget metric, long seconds, boolean businessHours) {}

    /** A comment's part in reply time: none, internal, from the requester's side, or an agent's public reply. */
    enum CommentKind {
        NONE,
        INTERNAL,
        REQUESTER,
        AGENT_REPLY
    }

    /**
     * One write, as the metrics see it: the ticket as the write left it, and who did it. {@code ticketCreatedAt} is
     * when a ticket measured for the first time by a later write (one from before the metrics) was created.
     */
    record Change(
            Instant now,
            Instant ticketCreatedAt,
            TicketStatus status,
            Long groupId,
            Long assigneeId,
            CommentKind comment,
            boolean byRequester,
            boolean byAssignee) {}

    StatusTimeline statuses = new StatusTimeline();
    Map<MetricFamily, Instance> instances = new EnumMap<>(MetricFamily.class);
    Long createdAt;
    Instance firstReply;
    Long firstSolvedAt;
    Long solvedAt;
    Long assignedAt;
    Long initiallyAssignedAt;
    Long statusUpdatedAt;
    Long latestCommentAddedAt;
    Long requesterUpdatedAt;
    Long assigneeUpdatedAt;
    Long updatedAt;
    int reopens;
    int replies;
    int groupStations;
    int assigneeStations;
    Long groupId;
    Long assigneeId;
    Applied sla;
    Map<SlaTarget, Long> breachAt = new EnumMap<>(SlaTarget.class);
    List<String> breached = new ArrayList<>();

    /**
     * Moves the metrics on by one write (a new ticket when they are new) and applies {@code applied} (null: no policy
     * holds); the metric events caused, in order. Breaches due before the write are recorded first, at their time.
     */
    List<MetricEvent> update(Change change, Applied applied, Supplier<Hours> businessHours) {
        List<MetricEvent> events = new ArrayList<>(recordBreaches(change.now()));
        long now = change.now().toEpochMilli();
        Map<MetricFamily, Instance> before = new EnumMap<>(instances);
        TicketStatus was = statuses.isEmpty() ? null : statuses.current();
        if (was == null) {
            begin(change, now);
        }
        // A ticket an agent opens for someone (its first comment theirs) has had no reply yet, and asked nothing.
        comment(
                was == null && change.comment() == CommentKind.AGENT_REPLY ? CommentKind.INTERNAL : change.comment(),
                change.status(),
                now);
        status(change.status(), now);
        assignment(change, now);
        if (change.byRequester()) {
            requesterUpdatedAt = now;
        }
        if (change.byAssignee()) {
            assigneeUpdatedAt = now;
        }
        updatedAt = now;
        boolean reapplied = applied != null && !applied.sameAs(sla);
        sla = applied;
        List<MetricEvent> moved = moves(before, was, change.now(), businessHours);
        if (sla != null) {
            events.addAll(applications(before, reapplied, change.now()));
        }
        events.addAll(moved);
        statuses.fold(keepFrom(now), businessHours);
        retarget(change.now(), businessHours);
        return events;
    }

    /** The breaches due by {@code now} not yet recorded, recorded at the times they happened. */
    List<MetricEvent> recordBreaches(Instant now) {
        List<MetricEvent> events = new ArrayList<>();
        breachAt.forEach((target, at) -> {
            Instance instance = measured(target);
            if (at != null && at <= now.toEpochMilli() && instance != null) {
                String key = target.family().wire() + ":" + instance.n();
                if (!breached.contains(key)) {
                    breached.add(key);
                    events.add(MetricEvent.of(target.family(), instance.n(), "breach", Instant.ofEpochMilli(at)));
                }
            }
        });
        return events;
    }

    /** The nearest breach of a target that runs, past once it has breached; null when none runs. */
    Instant nextBreachAt() {
        return breachAt.values().stream()
                .filter(Objects::nonNull)
                .map(Instant::ofEpochMilli)
                .min(Instant::compareTo)
                .orElse(null);
    }

    /** The nearest breach not yet recorded, or null: when the breach job should look at the ticket. */
    Instant breachDueAt() {
        return breachAt.entrySet().stream()
                .filter(entry -> entry.getValue() != null && !breached.contains(key(entry.getKey())))
                .map(entry -> Instant.ofEpochMilli(entry.getValue()))
                .min(Instant::compareTo)
                .orElse(null);
    }

    /** The instance an SLA target measures now, or null (next reply time before a second reply is asked for). */
    Instance measured(SlaTarget target) {
        Instance instance = instances.get(target.family());
        return instance != null && target.covers(instance.n()) ? instance : null;
    }

    /** Whether the instance counts time now. */
    boolean running(MetricFamily family, Instance instance) {
        return instance.open() && family.runsIn(statuses.current());
    }

    /** The time an instance has counted up to {@code until} (its end, if fulfilled), in the hours given. */
    Duration elapsed(MetricFamily family, Instance instance, Instant until, Hours hours) {
        long end = instance.end() != null ? instance.end() : until.toEpochMilli();
        return family.pausable()
                ? statuses.time(family::runsIn, instance.start(), end, hours)
                : hours.between(Instant.ofEpochMilli(instance.start()), Instant.ofEpochMilli(end));
    }

    /** The time spent in the given statuses up to {@code until}, in the hours given. */
    Duration timeIn(Set<TicketStatus> wanted, Instant until, Hours hours) {
        return statuses.time(wanted::contains, createdAt, until.toEpochMilli(), hours);
    }

    /** Where the earliest open window that began after the ticket's creation starts: no fold may reach into it. */
    private long keepFrom(long now) {
        return instances.entrySet().stream()
                .filter(entry -> entry.getKey().pausable() && entry.getValue().open())
                .mapToLong(entry -> entry.getValue().start())
                .filter(start -> start > createdAt)
                .min()
                .orElse(now);
    }

    static String key(SlaTarget target, Instance instance) {
        return target.family().wire() + ":" + instance.n();
    }

    private String key(SlaTarget target) {
        Instance instance = measured(target);
        return instance == null ? "" : key(target, instance);
    }

    /**
     * The first measurement: from the ticket's creation (this write's, or an earlier one's when the ticket is older
     * than its metrics), in the status it has. A ticket already solved or closed has nothing left to run.
     */
    private void begin(Change change, long now) {
        long start = Math.min(now, change.ticketCreatedAt().toEpochMilli());
        boolean resolved = MetricFamily.resolved(change.status());
        createdAt = start;
        statuses.add(change.status(), start);
        statusUpdatedAt = start;
        if (change.status() == TicketStatus.SOLVED) {
            solvedAt = start;
            firstSolvedAt = start;
        }
        for (MetricFamily family : MetricFamily.values()) {
            if (family != MetricFamily.REPLY_TIME) {
                instances.put(family, new Instance(1, start, resolved ? start : null));
            }
        }
    }

    private void comment(CommentKind comment, TicketStatus status, long now) {
        if (comment == CommentKind.NONE) {
            return;
        }
        latestCommentAddedAt = now;
        Instance reply = instances.get(MetricFamily.REPLY_TIME);
        if (comment == CommentKind.REQUESTER && (reply == null || !reply.open())) {
            instances.put(MetricFamily.REPLY_TIME, new Instance(reply == null ? 1 : reply.n() + 1, now, null));
        } else if (comment == CommentKind.AGENT_REPLY) {
            replies++;
            if (reply != null && reply.open()) {
                Instance fulfilled = new Instance(reply.n(), reply.start(), now);
                instances.put(MetricFamily.REPLY_TIME, fulfilled);
                if (reply.n() == 1) {
                    firstReply = fulfilled;
                }
            }
            for (MetricFamily update : List.of(MetricFamily.PERIODIC_UPDATE_TIME, MetricFamily.PAUSABLE_UPDATE_TIME)) {
                Instance instance = instances.get(update);
                if (instance != null && instance.open() && !MetricFamily.resolved(status)) {
                    instances.put(update, new Instance(instance.n() + 1, now, null));
                }
            }
        }
    }

    private void status(TicketStatus status, long now) {
        TicketStatus was = statuses.current();
        if (status == was) {
            return;
        }
        statuses.add(status, now);
        statusUpdatedAt = now;
        if (MetricFamily.resolved(status) && !MetricFamily.resolved(was)) {
            if (status == TicketStatus.SOLVED) {
                solvedAt = now;
                firstSolvedAt = firstSolvedAt == null ? now : firstSolvedAt;
            }
            instances.replaceAll((family, instance) ->
                    instance.open() ? new Instance(instance.n(), instance.start(), now) : instance);
        } else if (!MetricFamily.resolved(status) && MetricFamily.resolved(was)) {
            reopens++;
            instances.replaceAll((family, instance) -> switch (family) {
                case REPLY_TIME -> instance;
                case PERIODIC_UPDATE_TIME, PAUSABLE_UPDATE_TIME -> new Instance(instance.n() + 1, now, null);
                default -> new Instance(instance.n(), instance.start(), null);
            });
        }
    }

    private void assignment(Change change, long now) {
        if (change.groupId() != null && !change.groupId().equals(groupId)) {
            groupStations++;
        }
        if (change.assigneeId() != null && !change.assigneeId().equals(assigneeId)) {
            assigneeStations++;
            assignedAt = now;
            initiallyAssignedAt = initiallyAssignedAt == null ? now : initiallyAssignedAt;
        }
        groupId = change.groupId();
        assigneeId = change.assigneeId();
    }

    /** Activations, pauses and fulfilments: each instance's stage before the write against after it. */
    private List<MetricEvent> moves(
            Map<MetricFamily, Instance> before, TicketStatus was, Instant now, Supplier<Hours> businessHours) {
        List<MetricEvent> events = new ArrayList<>();
        for (MetricFamily family : MetricFamily.values()) {
            Instance old = before.get(family);
            Instance instance = instances.get(family);
            if (instance == null) {
                continue;
            }
            boolean wasRunning = old != null && old.open() && family.runsIn(was);
            if (old != null && old.n() != instance.n() && old.open()) {
                events.addAll(fulfil(family, old, now, businessHours));
                wasRunning = false;
            }
            boolean fresh = old == null || old.n() != instance.n();
            if (!instance.open()) {
                if (fresh || old.open()) {
                    events.addAll(fulfil(family, instance, now, businessHours));
                }
                continue;
            }
            boolean runs = running(family, instance);
            if (runs && (fresh || !wasRunning)) {
                events.add(MetricEvent.of(family, instance.n(), "activate", now));
            } else if (!runs && (fresh || wasRunning)) {
                if (fresh) {
                    events.add(MetricEvent.of(family, instance.n(), "activate", now));
                }
                events.add(MetricEvent.of(family, instance.n(), "pause", now));
            }
        }
        return events;
    }

    /** A fulfilment; under an SLA, followed by the time the instance measured ({@code update_status}). */
    private List<MetricEvent> fulfil(
            MetricFamily family, Instance instance, Instant now, Supplier<Hours> businessHours) {
        MetricEvent fulfilled = MetricEvent.of(family, instance.n(), "fulfill", now);
        boolean targeted = sla != null
                && sla.targets().stream()
                        .anyMatch(
                                t -> t.metric().family() == family && t.metric().covers(instance.n()));
        if (!targeted) {
            return List.of(fulfilled);
        }
        Instance ended = instance.open() ? new Instance(instance.n(), instance.start(), now.toEpochMilli()) : instance;
        // Business minutes need the schedule: read only for a target counted in business hours.
        boolean inBusinessHours = sla.targets().stream()
                .anyMatch(t -> t.metric().family() == family && t.metric().covers(instance.n()) && t.businessHours());
        Hours business = inBusinessHours ? businessHours.get() : Hours.CALENDAR;
        Map<String, Object> status = Map.of(
                "calendar", elapsed(family, ended, now, Hours.CALENDAR).toMinutes(),
                "business", elapsed(family, ended, now, business).toMinutes());
        return List.of(fulfilled, new MetricEvent(family, instance.n(), "update_status", now, null, status));
    }

    /** {@code apply_sla} for every targeted open instance when the policy (or its targets) changed, else new ones. */
    private List<MetricEvent> applications(Map<MetricFamily, Instance> before, boolean reapplied, Instant now) {
        List<MetricEvent> events = new ArrayList<>();
        for (Target target : sla.targets()) {
            Instance instance = measured(target.metric());
            if (instance == null || !instance.open()) {
                continue;
            }
            Instance old = before.get(target.metric().family());
            if (reapplied || old == null || old.n() != instance.n()) {
                events.add(MetricEvent.applySla(target.metric().family(), instance.n(), now, sla, target));
            }
        }
        return events;
    }

    /** When each target breaches, from what its instance has counted: only targets whose instance runs now. */
    private void retarget(Instant now, Supplier<Hours> businessHours) {
        Map<SlaTarget, Long> next = new EnumMap<>(SlaTarget.class);
        for (Target target : sla == null ? List.<Target>of() : sla.targets()) {
            Instance instance = measured(target.metric());
            MetricFamily family = target.metric().family();
            if (instance == null || !running(family, instance)) {
                continue;
            }
            Hours hours = target.businessHours() ? businessHours.get() : Hours.CALENDAR;
            Duration left = Duration.ofSeconds(target.seconds()).minus(elapsed(family, instance, now, hours));
            Long known = breachAt.get(target.metric());
            if (!left.isNegative() && !left.isZero()) {
                // Null: the schedule has no business time within reach, so the target never breaches.
                Instant at = hours.plus(now, left);
                if (at != null) {
                    next.put(target.metric(), at.toEpochMilli());
                }
            } else {
                // Already breached: keep the time it happened, when known.
                next.put(target.metric(), known != null && known <= now.toEpochMilli() ? known : now.toEpochMilli());
            }
        }
        breachAt = next;
    }
}
