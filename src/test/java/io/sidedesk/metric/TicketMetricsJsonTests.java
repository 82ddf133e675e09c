package io.sidedesk.metric;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.sidedesk.metric.TicketMetrics.CommentKind;
import io.sidedesk.ticket.TicketStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics' JSON through the streaming codec is the document the object mapper writes (with the application's
 * snake_case names), member for member, for metrics moved on by many random writes; and reads back to the same
 * metrics, whatever the order and spacing of the members (as PostgreSQL's {@code jsonb} hands them back) and with
 * members it does not know.
 */
class TicketMetricsJsonTests {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private static final TicketStatus[] STATUSES = {
        TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.HOLD, TicketStatus.SOLVED
    };

    @Test
    void theCodecWritesWhatTheObjectMapperWritesAndReadsItBack() {
        Set<String> seen = new TreeSet<>();
        for (int seed = 0; seed < 120; seed++) {
            TicketMetrics metrics = history(new Random(seed), seed % 10 == 0 ? 260 : 1 + seed % 25);
            String expected = MAPPER.writeValueAsString(metrics);

            assertThat(TicketMetricsJson.write(metrics)).as("seed %d", seed).isEqualTo(expected);
            assertThat(MAPPER.writeValueAsString(TicketMetricsJson.read(expected)))
                    .as("seed %d", seed)
                    .isEqualTo(expected);
            assertThat(MAPPER.writeValueAsString(TicketMetricsJson.read(reordered(expected))))
                    .as("seed %d, members reordered and spaced", seed)
                    .isEqualTo(expected);
            collectNames(MAPPER.readTree(expected), "", seen);
        }
        // Every member the object mapper writes was written with a value by some history above: a member added to
        // the metrics later fails the equality, or this.
        assertThat(seen).containsAll(memberNames());
        assertThat(seen)
                .contains(".breach_at.FIRST_REPLY_TIME", ".statuses.folded_business.new", ".instances.REPLY_TIME.n");
    }

    @Test
    void documentsTheHistoriesDoNotMakeReadAsTheObjectMapperReadsThem() {
        for (String stored : List.of(
                "{}",
                "{\"first_reply\": null, \"sla\": null, \"breach_at\": {\"AGENT_WORK_TIME\": null}}",
                "{\"instances\": {\"REPLY_TIME\": {\"n\": 2, \"start\": 5, \"end\": null}}, \"replies\": 3}",
                "{\"sla\": {\"policy_id\": 4, \"title\": null, \"targets\": []}, \"breached\": [\"reply_time:1\"]}",
                "{\"statuses\": {\"segments\": [{\"since\": 9, \"status\": \"hold\"}], \"folded_until\": null}}")) {
            assertThat(MAPPER.writeValueAsString(TicketMetricsJson.read(stored)))
                    .as(stored)
                    .isEqualTo(MAPPER.writeValueAsString(MAPPER.readValue(stored, TicketMetrics.class)));
        }
    }

    @Test
    void newMetricsAndMembersItDoesNotKnow() {
        String empty = MAPPER.writeValueAsString(new TicketMetrics());
        assertThat(TicketMetricsJson.write(new TicketMetrics())).isEqualTo(empty);

        TicketMetrics metrics = history(new Random(7), 12);
        String expected = MAPPER.writeValueAsString(metrics);
        ObjectNode withMore = (ObjectNode) MAPPER.readTree(expected);
        withMore.putObject("added_later").putArray("list").add(1).addObject().put("x", "y");
        ((ObjectNode) withMore.get("statuses")).put("added_later", true);
        ((ObjectNode) withMore.get("instances").properties().iterator().next().getValue()).putNull("added_later");
        assertThat(MAPPER.writeValueAsString(TicketMetricsJson.read(MAPPER.writeValueAsString(withMore))))
                .isEqualTo(expected);
    }

    /** Metrics moved on by random writes: statuses, comments, assignment, policies and breaches. */
    private static TicketMetrics history(Random random, int writes) {
        TicketMetrics metrics = new TicketMetrics();
        Instant now = Instant.parse("2027-03-22T08:00:00Z").plusSeconds(random.nextInt(100_000));
        Instant created = now;
        for (int i = 0; i < writes; i++) {
            TicketMetrics.Applied policy = random.nextInt(4) == 0 ? null : policy(random);
            TicketMetrics.Change change = new TicketMetrics.Change(
                    now,
                    created,
                    writes > 200 ? STATUSES[i % 2] : STATUSES[random.nextInt(STATUSES.length)],
                    random.nextBoolean() ? null : (long) random.nextInt(3),
                    random.nextBoolean() ? null : (long) random.nextInt(3),
                    CommentKind.values()[random.nextInt(CommentKind.values().length)],
                    random.nextBoolean(),
                    random.nextBoolean());
            metrics.update(change, policy, () -> Hours.CALENDAR);
            now = now.plus(Duration.ofMinutes(1 + random.nextInt(600)));
            if (random.nextInt(3) == 0) {
                metrics.recordBreaches(now);
            }
        }
        return metrics;
    }

    private static TicketMetrics.Applied policy(Random random) {
        List<TicketMetrics.Target> targets = new ArrayList<>();
        for (SlaTarget metric : SlaTarget.values()) {
            if (random.nextBoolean()) {
                targets.add(new TicketMetrics.Target(metric, 60L * (1 + random.nextInt(120)), random.nextBoolean()));
            }
        }
        return new TicketMetrics.Applied(
                1 + random.nextInt(2),
                "OLA \"billing\" – Ärger",
                random.nextBoolean() ? null : "Answers\nwithin the hour",
                random.nextBoolean() ? "normal" : "urgent",
                targets);
    }

    /** The document as PostgreSQL's jsonb could give it back: members in another order, with spaces. */
    private static String reordered(String json) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(reverse(MAPPER.readTree(json)));
    }

    private static JsonNode reverse(JsonNode node) {
        if (node.isObject()) {
            ObjectNode reversed = MAPPER.createObjectNode();
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            for (int i = members.size() - 1; i >= 0; i--) {
                reversed.set(members.get(i).getKey(), reverse(members.get(i).getValue()));
            }
            return reversed;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(element -> copy.add(reverse(element)));
            return copy;
        }
        return node;
    }

    private static void collectNames(JsonNode node, String path, Set<String> names) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (!member.getValue().isNull()) {
                    names.add(path + "." + member.getKey());
                    collectNames(member.getValue(), path + "." + member.getKey(), names);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectNames(element, path, names));
        }
    }

    /**
     * The members the object mapper writes, as paths, snake_case: the metrics' fields, their timeline's, and the
     * components of the records they hold.
     */
    private static Set<String> memberNames() {
        Set<String> names = new TreeSet<>(fields(TicketMetrics.class, ""));
        names.addAll(fields(StatusTimeline.class, ".statuses"));
        names.addAll(fields(StatusTimeline.Segment.class, ".statuses.segments"));
        names.addAll(fields(TicketMetrics.Instance.class, ".first_reply"));
        names.addAll(fields(TicketMetrics.Applied.class, ".sla"));
        names.addAll(fields(TicketMetrics.Target.class, ".sla.targets"));
        return names;
    }

    private static Set<String> fields(Class<?> type, String path) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .map(Field::getName)
                .map(name -> path + "." + name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }
}
