package io.sidedesk.sla;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.sidedesk.condition.ConditionLanguage;
import io.sidedesk.condition.Conditions;
import io.sidedesk.condition.Field;
import io.sidedesk.condition.Operator;
import io.sidedesk.condition.Subject;
import io.sidedesk.ticket.TicketConditions;
import io.sidedesk.web.RecordInvalid;

/**
 * What SLA policies may say: a filter over a ticket's current state ({@link #FILTER}: the shared condition language,
 * without the operators that look at a change), and metric targets, each checked as a policy is written (a 422
 * naming its place, {@code policy_metrics[2].target}).
 */
final class SlaLanguage {

    /** The priorities targets are set for, in their order. */
    static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");

    /** Targets are at least this long, and at most a year. */
    static final long MIN_TARGET_SECONDS = 15;

    static final long MAX_TARGET_SECONDS = 365L * 24 * 60 * 60;

    static final ConditionLanguage FILTER = new ConditionLanguage(List.of(
            TicketConditions.STATUS.current(),
            TicketConditions.PRIORITY.current(),
            TicketConditions.TYPE.current(),
            TicketConditions.GROUP_ID.current(),
            Field.id("assignee_id").current(),
            Field.id("requester_id").current(),
            TicketConditions.VIA_ID.current(),
            TicketConditions.CURRENT_TAGS,
            TicketConditions.TICKET_FORM_ID.current(),
            Field.only("requester_role", EnumSet.of(Operator.IS, Operator.IS_NOT), "end_user", "agent", "admin")));

    /** The fields whose condition values name users or groups, which must exist. */
    static final Map<String, String> ID_FIELDS =
            Map.of("group_id", "group", "assignee_id", "user", "requester_id", "user");

    /** One metric as the API writes it: a target in whole minutes, in seconds, or both (agreeing). */
    record Written(String priority, String metric, Long target, Long targetInSeconds, Boolean businessHours) {}

    private SlaLanguage() {}

    static Predicate<Subject> filter(Conditions filter) {
        return FILTER.compile(filter, "filter");
    }

    /** The metrics checked and read, each (priority, metric) once; a 422 naming the first wrong one's place. */
    static List<PolicyMetric> metrics(List<Written> written) {
        List<PolicyMetric> metrics = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < written.size(); i++) {
            String place = "policy_metrics[" + i + "]";
            PolicyMetric metric = metric(written.get(i), place);
            if (!seen.add(metric.priority() + " " + metric.metric().wire())) {
                throw RecordInvalid.field(
                        place,
                        "sets " + metric.metric().wire() + " for " + metric.priority()
                                + " tickets again: each priority has one target per metric");
            }
            metrics.add(metric);
        }
        return metrics;
    }

    private static PolicyMetric metric(Written written, String place) {
        if (written == null) {
            throw RecordInvalid.field(place, "cannot be null");
        }
        if (written.priority() == null || !PRIORITIES.contains(written.priority())) {
            throw RecordInvalid.field(place + ".priority", "must be one of " + String.join(", ", PRIORITIES));
        }
        SlaMetric metric = SlaMetric.of(written.metric());
        if (metric == null) {
            throw RecordInvalid.field(place + ".metric", "must be one of " + metricNames());
        }
        return new PolicyMetric(
                written.priority(),
                metric,
                targetSeconds(written, place),
                Boolean.TRUE.equals(written.businessHours()));
    }

    /** The target in seconds: from {@code target_in_seconds}, or from {@code target} in minutes, or both agreeing. */
    private static long targetSeconds(Written written, String place) {
        Long minutes = written.target();
        Long seconds = written.targetInSeconds();
        if (minutes == null && seconds == null) {
            throw RecordInvalid.field(place + ".target", "is required: whole minutes (or target_in_seconds)");
        }
        if (seconds != null) {
            inRange(seconds, place + ".target_in_seconds", seconds + " seconds");
            if (minutes != null && minutes != minutes(seconds)) {
                throw RecordInvalid.field(
                        place + ".target",
                        "must agree with target_in_seconds (" + seconds + " seconds is " + minutes(seconds)
                                + " minutes, rounded up)");
            }
            return seconds;
        }
        if (minutes < 1 || minutes > MAX_TARGET_SECONDS / 60) {
            throw RecordInvalid.field(
                    place + ".target", "must be a whole number of minutes from 1 to " + MAX_TARGET_SECONDS / 60);
        }
        return minutes * 60;
    }

    private static void inRange(long seconds, String place, String what) {
        if (seconds < MIN_TARGET_SECONDS || seconds > MAX_TARGET_SECONDS) {
            throw RecordInvalid.field(
                    place,
                    "must be from " + MIN_TARGET_SECONDS + " seconds to a year (" + MAX_TARGET_SECONDS
                            + " seconds), not " + what);
        }
    }

    /** A target in whole minutes, rounded up: what {@code target} shows. */
    static long minutes(long seconds) {
        return (seconds + 59) / 60;
    }

    private static String metricNames() {
        return String.join(
                ", ",
                EnumSet.allOf(SlaMetric.class).stream().map(SlaMetric::wire).toList());
    }
}
