package io.sidedesk.metric;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.access.ActorLookup;
import io.sidedesk.access.Role;
import io.sidedesk.businesshours.BusinessHours;
import io.sidedesk.sla.AppliedPolicy;
import io.sidedesk.sla.SlaPolicies;
import io.sidedesk.sla.SlaTicket;
import io.sidedesk.ticket.RuleRun;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketConditions;
import io.sidedesk.ticket.TicketRules;

/**
 * Measures every ticket write, after the triggers ran (the ticket as they left it): moves the ticket's metrics on,
 * applies the first SLA policy by position whose filter holds, keeps the metrics and the next breach on the ticket,
 * and records the metric events, in the write's transaction. A write that only recorded activity on a ticket it did
 * not lock (a side conversation marked done, on its parent) changed nothing measured, and is not measured (R14).
 */
@Component
@Order(MetricEngine.ORDER)
class MetricEngine implements TicketRules {

    /** After the triggers (order 0): the ticket as they leave it is what is measured. */
    static final int ORDER = 100;

    private final SlaPolicies policies;
    private final BusinessHours businessHours;
    private final ActorLookup actors;
    private final MetricEventStore events;
    private final Clock clock;

    MetricEngine(
            SlaPolicies policies,
            BusinessHours businessHours,
            ActorLookup actors,
            MetricEventStore events,
            Clock clock) {
        this.policies = policies;
        this.businessHours = businessHours;
        this.actors = actors;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void apply(RuleRun run) {
        if (!run.holdsLock()) {
            return;
        }
        Ticket ticket = run.ticketForChange();
        Actor actor = Actor.current().orElse(null);
        TicketMetrics metrics = read(ticket.getMetrics());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Long actorId = actor == null ? null : actor.userId();
        TicketMetrics.Change change = new TicketMetrics.Change(
                now,
                // A ticket older than its metrics is measured from when it was created.
                run.isCreation() ? now : ticket.getCreatedAt(),
                ticket.getStatus(),
                ticket.getGroupId(),
                ticket.getAssigneeId(),
                commentKind(run, ticket, actor),
                actorId != null && actorId == ticket.getRequesterId(),
                actorId != null && actorId.equals(ticket.getAssigneeId()));
        List<MetricEvent> caused = metrics.update(change, applied(ticket, actor), accountHours(businessHours));
        run.keepMetrics(write(metrics), metrics.nextBreachAt(), metrics.breachDueAt());
        events.record(ticket.getId(), caused, now);
    }

    String write(TicketMetrics metrics) {
        return TicketMetricsJson.write(metrics);
    }

    TicketMetrics read(String stored) {
        return stored == null ? new TicketMetrics() : TicketMetricsJson.read(stored);
    }

    /** The account's business hours, read once and only when a metric counts in them; calendar hours without one. */
    static Supplier<Hours> accountHours(BusinessHours businessHours) {
        return memoized(() -> businessHours
                .accountSchedule()
                .<Hours>map(schedule -> new Hours() {
                    @Override
                    public java.time.Duration between(Instant from, Instant to) {
                        return to.isAfter(from) ? schedule.between(from, to) : java.time.Duration.ZERO;
                    }

                    @Override
                    public Instant plus(Instant from, java.time.Duration amount) {
                        try {
                            return schedule.plus(from, amount);
                        } catch (IllegalStateException noBusinessTimeWithinReach) {
                            // Holidays or a target longer than the schedule looks ahead: no breach to expect.
                            return null;
                        }
                    }
                })
                .orElse(Hours.CALENDAR));
    }

    /**
     * R14: a public comment from the requester's side (the requester, an end-user, or a reply the mirror adds to a
     * child ticket from its side conversation) starts reply time; one by any other agent is a reply that fulfils it.
     */
    private TicketMetrics.CommentKind commentKind(RuleRun run, Ticket ticket, Actor actor) {
        RuleRun.RuleComment comment = run.comment();
        if (comment == null) {
            return TicketMetrics.CommentKind.NONE;
        }
        // What the mirror adds from the side conversation is the requester's, public or not (the account may make
        // child ticket comments internal): it asks the child team for an answer.
        if (Ticket.VIA_SIDE_CONVERSATION.equals(run.channel())) {
            return TicketMetrics.CommentKind.REQUESTER;
        }
        if (!comment.isPublic()) {
            return TicketMetrics.CommentKind.INTERNAL;
        }
        if (comment.authorId() == ticket.getRequesterId()) {
            return TicketMetrics.CommentKind.REQUESTER;
        }
        return role(comment.authorId(), actor)
                        .map(role -> role != Role.END_USER)
                        .orElse(false)
                ? TicketMetrics.CommentKind.AGENT_REPLY
                : TicketMetrics.CommentKind.REQUESTER;
    }

    /** The first policy whose filter holds, with the targets of the ticket's priority (normal when it has none). */
    private TicketMetrics.Applied applied(Ticket ticket, Actor actor) {
        String priority =
                ticket.getPriority() == null ? "normal" : ticket.getPriority().value();
        SlaTicket subject = new SlaTicket(
                ticket.getStatus().value(),
                ticket.getPriority() == null ? "" : ticket.getPriority().value(),
                ticket.getType() == null ? "" : ticket.getType().value(),
                ticket.getGroupId(),
                ticket.getAssigneeId(),
                ticket.getRequesterId(),
                TicketConditions.viaId(ticket.getViaChannel()),
                new TreeSet<>(ticket.getTags()),
                ticket.getTicketFormId(),
                memoized(() -> role(ticket.getRequesterId(), actor)
                        .map(role -> role == Role.END_USER ? "end_user" : role.value())
                        .orElse(null)));
        Optional<AppliedPolicy> policy = policies.firstMatching(subject);
        if (policy.isEmpty()) {
            return null;
        }
        List<TicketMetrics.Target> targets = policy.get().metrics().stream()
                .filter(metric -> metric.priority().equals(priority))
                .map(metric -> new TicketMetrics.Target(
                        SlaTarget.of(metric.metric().wire()), metric.targetSeconds(), metric.businessHours()))
                .toList();
        return new TicketMetrics.Applied(
                policy.get().id(), policy.get().title(), policy.get().description(), priority, targets);
    }

    private static <T> Supplier<T> memoized(Supplier<T> read) {
        return new Supplier<>() {
            private boolean known;
            private T value;

            @Override
            public T get() {
                if (!known) {
                    value = read.get();
                    known = true;
                }
                return value;
            }
        };
    }

    /** A user's role: the caller's own, else read (an inactive or unknown user has none). */
    private Optional<Role> role(long userId, Actor actor) {
        if (actor != null && actor.userId() == userId) {
            return Optional.of(actor.role());
        }
        return Optional.ofNullable(actors.activeByIds(Set.of(userId)).get(userId))
                .map(Actor::role);
    }
}
