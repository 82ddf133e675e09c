package io.sidedesk.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What the routing suites (issue 23, docs/routing-contract.md) stand on: the routing settings, turned on by the tests
 * that need them and put back to their documented defaults (routing off) after each test; agent statuses; capacity
 * rules and queues made by a test, every one deleted after it (they are lists every test in the JVM shares: each
 * test's carry a tag of its own in their names, and the Default capacity rule is the default again afterwards, its
 * values never changed); tickets of the test (every one carries the test's tag, so that a queue of the test, whose
 * definition names the tag, matches only the test's tickets); and waits on what routing does.
 *
 * <p>Routing is asynchronous (after the write commits), so a test never reads an assignment right after a write: it
 * polls the ticket until the condition holds, for up to {@link #PATIENCE} (generous: the machine may be slow), and
 * never asserts on how long it took. That a ticket was <em>not</em> routed is never read from a pause: a later ticket
 * in the same situation, which must be routed, is awaited first ({@link #proveWaiting}), since routing takes
 * tickets in queue order; or the test waits for a positive condition that only the right behaviour reaches.
 */
abstract class RoutingTestSupport extends SideConversationTestSupport {

    protected static final String STATUSES = "/api/v2/agent_availabilities/agent_statuses";
    protected static final String MY_STATUS = STATUSES + "/agents/me";
    protected static final String AVAILABILITIES = "/api/v2/agent_availabilities";
    protected static final String RULES = "/api/v2/capacity/rules";
    protected static final String QUEUES = "/api/v2/queues";
    protected static final String ROUTING_QUEUE = "/api/v2/routing/queue";

    /** The system statuses (fixed ids). */
    protected static final long OFFLINE = 2;

    protected static final long ONLINE = 3;
    protected static final long AWAY = 4;
    protected static final long TRANSFERS_ONLY = 5;

    protected static final List<String> CHANNELS = List.of("email", "messaging", "voice");

    /** How long a wait on routing may take before the test fails: generous, never a measure of speed. */
    protected static final Duration PATIENCE = Duration.ofMinutes(2);

    protected static final long MISSING = 987_654_321L;

    protected static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** A word no other test's ticket, capacity rule, queue or status carries. */
    protected final String tag = unique("routing").replace("-", "");

    private final List<Long> madeStatuses = new ArrayList<>();
    private final List<String> madeRules = new ArrayList<>();
    private final List<String> madeQueues = new ArrayList<>();

    /** The id of the default capacity rule as the test found it: the default again after the test. */
    private String defaultRuleId;

    @Autowired
    private Router router;

    @BeforeEach
    void noteTheDefaultRule() {
        defaultRuleId = defaultRule().get("id").asString();
    }

    /** Routing off first (nothing is routed while the rest is undone), then the test's queues, rules and statuses. */
    @AfterEach
    void putRoutingBack() {
        restoreRoutingDefaults();
        deleteTheQueues();
        deleteTheRules();
        deleteTheStatuses();
    }

    /** The value as JSON, read back from its text (so numbers compare as the service's answers read). */
    protected static JsonNode json(Object value) {
        return JSON.readTree(JSON.writeValueAsString(value));
    }

    // ---- settings -------------------------------------------------------------------------------------------

    /** The routing section as the admin reads it. */
    protected JsonNode routingSettings() {
        Api.Response response = admin().get(SETTINGS);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/settings/routing");
    }

    /** {@code {"settings": {"routing": values}}}. */
    protected static Map<String, Object> routingBody(Map<String, Object> values) {
        return Map.of("settings", Map.of("routing", values));
    }

    protected static Api.Response putRouting(Api caller, Map<String, Object> values) {
        return caller.put(SETTINGS, routingBody(values));
    }

    /** Changes these routing settings (which must succeed): the section as it now is. */
    protected JsonNode routingSettings(Map<String, Object> values) {
        Api.Response response = putRouting(admin(), values);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/settings/routing");
    }

    /** Routing on, with these further settings (keys and values). */
    protected JsonNode turnOnRouting(Object... more) {
        Map<String, Object> values = fields("enabled", true);
        values.putAll(fields(more));
        JsonNode routing = routingSettings(values);
        assertThat(routing.get("enabled").asBoolean()).isTrue();
        return routing;
    }

    /** Every routing setting back to its documented default (routing off). */
    protected void restoreRoutingDefaults() {
        JsonNode restored = routingSettings(ROUTING_DEFAULTS);
        assertThat(restored).as("every routing setting at its default").isEqualTo(json(ROUTING_DEFAULTS));
    }

    // ---- agent statuses -------------------------------------------------------------------------------------

    protected static String statusOf(TestUser agent) {
        return STATUSES + "/agents/" + agent.id();
    }

    /** {@code {"id": statusId}} to an agent's status path ({@code null} is sent as null). */
    protected static Api.Response putStatus(Api caller, String path, Object statusId) {
        return caller.put(path, nullable("id", statusId));
    }

    /** An admin sets the agent's status (which must succeed): the answer's {@code data}. */
    protected JsonNode setStatus(TestUser agent, long status) {
        Api.Response response = putStatus(admin(), statusOf(agent), status);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(data.at("/attributes/agent_status/id").asLong()).isEqualTo(status);
        return data;
    }

    /**
     * Sets them online once the router has finished looking at what is queued: a round still under way when a place
     * opens may give it to a later ticket of its pass, one it has not yet reached, before the wake that the place
     * sends starts the pass again from the top; the order tests need the agent to come online to a router at rest.
     */
    protected void online(TestUser... agents) {
        await("the router at rest before an agent comes online", router::idle);
        for (TestUser agent : agents) {
            setStatus(agent, ONLINE);
        }
    }

    protected void offline(TestUser... agents) {
        for (TestUser agent : agents) {
            setStatus(agent, OFFLINE);
        }
    }

    protected void away(TestUser... agents) {
        for (TestUser agent : agents) {
            setStatus(agent, AWAY);
        }
    }

    protected static Map<String, Object> channels(String email, String messaging, String voice) {
        return fields("email", email, "messaging", messaging, "voice", voice);
    }

    /** A custom status body of this test: a unique name with the test's tag, and these channels. */
    protected Map<String, Object> statusBody(Map<String, Object> channels) {
        return fields("name", unique("Status " + tag), "description", "A status of a test", "channels", channels);
    }

    /** Creates a status as this caller, noting it so that it is deleted after the test. */
    protected Api.Response postStatus(Api caller, Map<String, Object> status) {
        Api.Response response = caller.post(STATUSES, Map.of("agent_status", status));
        if (response.status() == 201) {
            madeStatuses.add(response.json().at("/agent_status/id").asLong());
        }
        return response;
    }

    /** A custom status the admin creates (deleted after the test): the status. */
    protected JsonNode customStatus(String email, String messaging, String voice) {
        return customStatus(statusBody(channels(email, messaging, voice)));
    }

    protected JsonNode customStatus(Map<String, Object> status) {
        Api.Response response = postStatus(admin(), status);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("agent_status");
    }

    /** The statuses as this caller lists them: {@code {"default": [...], "custom": [...]}}. */
    protected static JsonNode statuses(Api caller) {
        Api.Response response = caller.get(STATUSES);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** The custom statuses of this test, in the list's order. */
    protected List<JsonNode> myStatuses() {
        List<JsonNode> mine = new ArrayList<>();
        statuses(admin()).get("custom").forEach(status -> {
            if (status.at("/attributes/name").asString().contains(tag)) {
                mine.add(status);
            }
        });
        return mine;
    }

    private void deleteTheStatuses() {
        for (long id : madeStatuses) {
            Api.Response response = admin().withoutContract().delete(STATUSES + "/" + id);
            assertThat(response.status()).as(response.toString()).isIn(204, 404);
        }
        for (JsonNode status : myStatuses()) {
            Api.Response response =
                    admin().delete(STATUSES + "/" + status.get("id").asLong());
            assertThat(response.status()).as(response.toString()).isEqualTo(204);
        }
    }

    // ---- availability -----------------------------------------------------------------------------------------

    protected static String availabilityOf(TestUser agent) {
        return AVAILABILITIES + "/" + agent.id();
    }

    /** The agent's availability as this caller reads it (which must succeed): the whole body, data and included. */
    protected static JsonNode availability(Api caller, TestUser agent) {
        Api.Response response = caller.get(availabilityOf(agent));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    protected JsonNode availability(TestUser agent) {
        return availability(admin(), agent);
    }

    /** The agent's status as their availability shows it: {@code {id, name, reason, updated_at}}. */
    protected JsonNode statusOfAgent(TestUser agent) {
        return availability(agent).at("/data/attributes/agent_status");
    }

    /** The attributes of one channel of an agent, found in a body's {@code included}. */
    protected static JsonNode channel(JsonNode body, long agent, String name) {
        for (JsonNode included : body.get("included")) {
            if (included.get("id").asString().equals(agent + "|" + name)) {
                return included.get("attributes");
            }
        }
        throw new AssertionError("no channel " + agent + "|" + name + " included in " + body);
    }

    /** The agent's email channel as the admin reads it: {@code {name, status, max_capacity, work_item_count}}. */
    protected JsonNode email(TestUser agent) {
        return channel(availability(agent), agent.id(), "email");
    }

    /** Every page of an availability list as this caller reads it, following {@code links.next} to the end. */
    protected static List<JsonNode> availabilityPages(Api caller, String query, int size) {
        String next = AVAILABILITIES + "?" + (query.isEmpty() ? "" : query + "&") + "page[size]=" + size;
        List<JsonNode> pages = new ArrayList<>();
        for (int i = 0; next != null; i++) {
            assertThat(i).as("pages followed").isLessThan(500);
            Api.Response page = caller.get(next);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get("data").size()).isLessThanOrEqualTo(size);
            pages.add(page.json());
            JsonNode link = page.json().at("/links/next");
            boolean more = !link.isMissingNode() && !link.isNull();
            assertThat(page.json().at("/meta/has_more").asBoolean())
                    .as("has_more on %s", page)
                    .isEqualTo(more);
            next = more ? link.asString() : null;
        }
        return pages;
    }

    /** The agent ids an availability list holds for this caller (every page), in its order. */
    protected static List<Long> listedAgents(Api caller, String query) {
        List<Long> agents = new ArrayList<>();
        availabilityPages(caller, query, 100).forEach(page -> page.get("data")
                .forEach(a -> agents.add(a.at("/attributes/agent_id").asLong())));
        return agents;
    }

    protected static String groupFilter(long group) {
        return "filter[group_id]=" + group;
    }

    // ---- capacity rules -----------------------------------------------------------------------------------------

    protected static Map<String, Object> capacities(int email, int messaging, int voice) {
        return fields("email", email, "messaging", messaging, "voice", voice);
    }

    /** A capacity rule of this test: a unique name with the test's tag, and these members. */
    protected Map<String, Object> ruleBody(Object... members) {
        Map<String, Object> rule = fields(
                "name",
                unique("Rule " + tag),
                "description",
                "A rule of a test",
                "capacities",
                capacities(5, 2, 1),
                "agent_ids",
                List.of());
        rule.putAll(fields(members));
        return rule;
    }

    /** Creates a rule as this caller, noting it so that it is deleted after the test. */
    protected Api.Response postRule(Api caller, Map<String, Object> rule) {
        Api.Response response = caller.post(RULES, Map.of("capacity_rule", rule));
        if (response.status() == 201) {
            madeRules.add(response.json().at("/capacity_rule/id").asString());
        }
        return response;
    }

    protected JsonNode createdRule(Map<String, Object> rule) {
        Api.Response response = postRule(admin(), rule);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("capacity_rule");
    }

    /** A rule giving these agents this email capacity (messaging and voice 0): its id. */
    protected String capacityRule(int email, TestUser... agents) {
        List<Long> ids = new ArrayList<>();
        for (TestUser agent : agents) {
            ids.add(agent.id());
        }
        return createdRule(ruleBody("capacities", fields("email", email), "agent_ids", ids))
                .get("id")
                .asString();
    }

    protected static Api.Response putRule(Api caller, String id, Map<String, Object> members) {
        return caller.put(RULES + "/" + id, Map.of("capacity_rule", members));
    }

    protected JsonNode changedRule(String id, Map<String, Object> members) {
        Api.Response response = putRule(admin(), id, members);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("capacity_rule");
    }

    protected JsonNode rule(String id) {
        Api.Response response = admin().get(RULES + "/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("capacity_rule");
    }

    /** Every capacity rule, as the admin lists them. */
    protected List<JsonNode> rules() {
        Api.Response response = admin().get(RULES);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> rules = new ArrayList<>();
        response.json().get("capacity_rules").forEach(rules::add);
        return rules;
    }

    /** The one default rule. */
    protected JsonNode defaultRule() {
        List<JsonNode> defaults =
                rules().stream().filter(rule -> rule.get("default").asBoolean()).toList();
        assertThat(defaults).as("exactly one default capacity rule").hasSize(1);
        return defaults.get(0);
    }

    /** The id of the rule that was the default when the test began. */
    protected String originalDefaultRule() {
        return defaultRuleId;
    }

    private void deleteTheRules() {
        if (!defaultRule().get("id").asString().equals(defaultRuleId)) {
            changedRule(defaultRuleId, Map.of("default", true));
        }
        for (String id : madeRules) {
            Api.Response response = admin().withoutContract().delete(RULES + "/" + id);
            assertThat(response.status()).as(response.toString()).isIn(204, 404);
        }
        for (JsonNode rule : rules()) {
            if (rule.get("name").asString().contains(tag)) {
                Api.Response response =
                        admin().delete(RULES + "/" + rule.get("id").asString());
                assertThat(response.status()).as(response.toString()).isEqualTo(204);
            }
        }
    }

    // ---- queues -------------------------------------------------------------------------------------------------

    protected static Map<String, Object> condition(String field, String operator, Object value) {
        return fields("field", field, "operator", operator, "value", value);
    }

    /** {@code current_tags includes <this test's tag>}: every ticket of the test meets it, no other test's does. */
    protected Map<String, Object> tagged() {
        return condition("current_tags", "includes", tag);
    }

    /** A definition: the test's tag and these further conditions, all of them. */
    @SafeVarargs
    protected final Map<String, Object> definition(Map<String, Object>... more) {
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(tagged());
        all.addAll(List.of(more));
        return fields("all", all, "any", List.of());
    }

    /** A queue of this test: a unique name with its tag, a definition naming its tag, these primary groups. */
    protected Map<String, Object> queueBody(List<Long> primary, Object... members) {
        Map<String, Object> queue = fields(
                "name",
                unique("Queue " + tag),
                "description",
                "A queue of a test",
                "definition",
                definition(),
                "primary_groups",
                primary);
        queue.putAll(fields(members));
        return queue;
    }

    /** Creates a queue as this caller, noting it so that it is deleted after the test. */
    protected Api.Response postQueue(Api caller, Map<String, Object> queue) {
        Api.Response response = caller.post(QUEUES, Map.of("queue", queue));
        if (response.status() == 201) {
            madeQueues.add(response.json().at("/queue/id").asString());
        }
        return response;
    }

    protected JsonNode createdQueue(Map<String, Object> queue) {
        Api.Response response = postQueue(admin(), queue);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("queue");
    }

    /** A queue of these primary groups and further members: its id. */
    protected String queue(List<Long> primary, Object... members) {
        return createdQueue(queueBody(primary, members)).get("id").asString();
    }

    protected static Api.Response putQueue(Api caller, String id, Map<String, Object> members) {
        return caller.put(QUEUES + "/" + id, Map.of("queue", members));
    }

    protected JsonNode showQueue(String id) {
        Api.Response response = admin().get(QUEUES + "/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("queue");
    }

    /** Every queue as this caller lists them, in order. */
    protected static List<JsonNode> queues(Api caller) {
        Api.Response response = caller.get(QUEUES);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> queues = new ArrayList<>();
        response.json().get("queues").forEach(queues::add);
        return queues;
    }

    protected static List<String> queueIds(List<JsonNode> queues) {
        return queues.stream().map(q -> q.get("id").asString()).toList();
    }

    protected static Api.Response order(Api caller, List<String> ids) {
        return caller.send("PATCH", QUEUES + "/order", Map.of("queue_ids", ids));
    }

    /** Puts these queues first, in this order, and every other queue after them as it was. */
    protected List<JsonNode> putFirst(String... first) {
        List<String> ids = new ArrayList<>(List.of(first));
        queueIds(queues(admin())).stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        Api.Response response = order(admin(), ids);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> queues = new ArrayList<>();
        response.json().get("queues").forEach(queues::add);
        assertThat(queueIds(queues)).isEqualTo(ids);
        return queues;
    }

    private void deleteTheQueues() {
        for (String id : madeQueues) {
            Api.Response response = admin().withoutContract().delete(QUEUES + "/" + id);
            assertThat(response.status()).as(response.toString()).isIn(204, 404);
        }
        for (JsonNode queue : queues(admin())) {
            if (queue.get("name").asString().contains(tag)) {
                Api.Response response =
                        admin().delete(QUEUES + "/" + queue.get("id").asString());
                assertThat(response.status()).as(response.toString()).isEqualTo(204);
            }
        }
    }

    // ---- people -------------------------------------------------------------------------------------------------

    /** A new agent who belongs to these groups. */
    protected TestUser memberOf(long... groups) {
        TestUser agent = agent();
        for (long group : groups) {
            membership(agent, group);
        }
        return agent;
    }

    // ---- tickets --------------------------------------------------------------------------------------------------

    /**
     * A ticket the admin opens in this group (no assignee, so new), carrying the test's tag and any further tags and
     * fields given in {@code more}: its id.
     */
    protected long ticketIn(long group, Object... more) {
        Map<String, Object> ticket = fields(
                "subject",
                unique("Routed " + tag),
                "comment",
                body("Please help"),
                "group_id",
                group,
                "tags",
                List.of(tag));
        Map<String, Object> extra = fields(more);
        if (extra.containsKey("tags")) {
            List<Object> tags = new ArrayList<>(List.of(tag));
            tags.addAll((List<?>) extra.remove("tags"));
            ticket.put("tags", tags);
        }
        ticket.putAll(extra);
        JsonNode created = created(admin(), ticket);
        return created.get("id").asLong();
    }

    protected void solve(long ticket) {
        assertThat(updated(admin(), ticket, fields("status", "solved"))
                        .get("status")
                        .asString())
                .isEqualTo("solved");
    }

    protected static Long assigneeOf(JsonNode ticket) {
        JsonNode assignee = ticket.get("assignee_id");
        return assignee == null || assignee.isNull() ? null : assignee.asLong();
    }

    /** The ticket's assignee as the admin reads it now (null when it has none). */
    protected Long assignee(long ticket) {
        return assigneeOf(ticket(ticket));
    }

    protected void assertUnassigned(long... tickets) {
        for (long id : tickets) {
            JsonNode ticket = ticket(id);
            assertThat(assigneeOf(ticket))
                    .as("ticket %d is unassigned: %s", id, ticket)
                    .isNull();
        }
    }

    // ---- waiting on routing ---------------------------------------------------------------------------------------

    /**
     * Reads until {@code holds} accepts what was read, for up to {@link #PATIENCE}: the last read. Fails naming
     * {@code what} and the last read otherwise.
     */
    protected static JsonNode eventually(String what, Supplier<JsonNode> read, Predicate<JsonNode> holds) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode last = read.get();
        while (!holds.test(last)) {
            if (System.nanoTime() > deadline) {
                return fail("%s did not happen within %s; last read: %s", what, PATIENCE, last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = read.get();
        }
        return last;
    }

    /** Waits until the ticket is assigned to this agent: the ticket. */
    protected JsonNode awaitAssignee(long ticket, TestUser expected) {
        return eventually("ticket " + ticket + " assigned to " + expected.id(), () -> ticket(ticket), t -> Long.valueOf(
                        expected.id())
                .equals(assigneeOf(t)));
    }

    /** Waits until the ticket has no assignee: the ticket. */
    protected JsonNode awaitUnassigned(long ticket) {
        return eventually("ticket " + ticket + " unassigned", () -> ticket(ticket), t -> assigneeOf(t) == null);
    }

    /** Waits until the ticket has an assignee, whoever it is: their id. */
    protected long awaitRouted(long ticket) {
        return assigneeOf(eventually("ticket " + ticket + " routed", () -> ticket(ticket), t -> assigneeOf(t) != null));
    }

    /**
     * Proves that these tickets wait (are not routed) in their situation: a later ticket, which must be routed, is
     * opened in a group of its own with an online agent of its own, and awaited; routing takes tickets in queue order
     * (the later ticket is behind every ticket given, being newer and of the lowest priority), so once it is routed,
     * the tickets given have had their turn. Each must then still be unassigned.
     */
    protected void proveWaiting(long... tickets) {
        Team witness = team(true);
        online(witness.agent());
        // Not the test's tag (a queue of the test would take it), but the routing tag when there is one.
        Map<String, Object> fields =
                fields("subject", unique("Witness"), "comment", body("Later"), "group_id", witness.group());
        fields.put("priority", "low");
        JsonNode routingTag = routingSettings().get("routing_tag");
        if (routingTag != null && !routingTag.isNull()) {
            fields.put("tags", List.of(routingTag.asString()));
        }
        long later = created(admin(), fields).get("id").asLong();
        awaitAssignee(later, witness.agent());
        assertUnassigned(tickets);
    }

    /** Waits until the agent's email channel, as the admin reads it, meets the condition: the channel. */
    protected JsonNode awaitEmail(TestUser agent, Predicate<JsonNode> holds) {
        return eventually("the email channel of " + agent.id(), () -> email(agent), holds);
    }

    // ---- the routing queue ----------------------------------------------------------------------------------------

    /** Every entry of the routing queue as this caller reads it, in its order, every page. */
    protected static List<JsonNode> queuedTickets(Api caller) {
        return queuedTickets(caller, 100);
    }

    protected static List<JsonNode> queuedTickets(Api caller, int size) {
        String next = ROUTING_QUEUE + "?page[size]=" + size;
        List<JsonNode> entries = new ArrayList<>();
        for (int pages = 0; next != null; pages++) {
            assertThat(pages).as("pages followed").isLessThan(500);
            Api.Response page = caller.get(next);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get("queued_tickets").size()).isLessThanOrEqualTo(size);
            page.json().get("queued_tickets").forEach(entries::add);
            JsonNode link = page.json().at("/links/next");
            boolean more = !link.isMissingNode() && !link.isNull();
            assertThat(page.json().at("/meta/has_more").asBoolean())
                    .as("has_more on %s", page)
                    .isEqualTo(more);
            next = more ? link.asString() : null;
        }
        return entries;
    }

    /** The ids of the tickets of the routing queue as this caller reads it, in its order. */
    protected static List<Long> queuedIds(Api caller) {
        return queuedTickets(caller).stream()
                .map(entry -> entry.get("ticket_id").asLong())
                .toList();
    }

    /** Of these tickets, those the routing queue holds (as the admin reads it), in the queue's order. */
    protected List<Long> queuedAmong(List<Long> tickets) {
        return queuedIds(admin()).stream().filter(tickets::contains).toList();
    }

    /** The ticket's entry in the routing queue as the admin reads it, or null when it is not there. */
    protected JsonNode queueEntry(long ticket) {
        return queuedTickets(admin()).stream()
                .filter(entry -> entry.get("ticket_id").asLong() == ticket)
                .findFirst()
                .orElse(null);
    }

    protected void awaitQueued(long ticket) {
        eventually(
                "ticket " + ticket + " in the routing queue",
                () -> {
                    JsonNode entry = queueEntry(ticket);
                    return entry == null ? JSON.nullNode() : entry;
                },
                entry -> !entry.isNull());
    }

    protected void awaitNotQueued(long ticket) {
        eventually(
                "ticket " + ticket + " out of the routing queue",
                () -> {
                    JsonNode entry = queueEntry(ticket);
                    return entry == null ? JSON.nullNode() : entry;
                },
                JsonNode::isNull);
    }

    // ---- audits ---------------------------------------------------------------------------------------------------

    /** The ticket's audits that routing wrote ({@code via.channel} routing), oldest first. */
    protected List<JsonNode> routingAudits(long ticket) {
        return audits(ticket).stream()
                .filter(audit -> audit.at("/via/channel").asString().equals("routing"))
                .toList();
    }

    /** The events of an audit of this type. */
    protected static List<JsonNode> eventsOf(JsonNode audit, String type) {
        List<JsonNode> found = new ArrayList<>();
        audit.get("events").forEach(event -> {
            if (event.get("type").asString().equals(type)) {
                found.add(event);
            }
        });
        return found;
    }

    /** The ticket's {@code Routing} events with this action, oldest first. */
    protected List<JsonNode> routingEvents(long ticket, String action) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode audit : audits(ticket)) {
            for (JsonNode event : eventsOf(audit, "Routing")) {
                if (event.get("action").asString().equals(action)) {
                    found.add(event);
                }
            }
        }
        return found;
    }

    /** The {@code Change} event of an audit for this field, or null. */
    protected static JsonNode change(JsonNode audit, String field) {
        for (JsonNode event : eventsOf(audit, "Change")) {
            if (event.get("field_name").asString().equals(field)) {
                return event;
            }
        }
        return null;
    }

    /** A value as text, whether answered as a string or a number; "" for null. */
    protected static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? "" : value.asString();
    }

    /** A 422 whose details name the member, or one of its elements or members ({@code channels.voice}). */
    protected static void assertInvalidNaming(Api.Response response, String member) {
        io.sidedesk.ApiAssertions.assertInvalid(response);
        assertThat(response.json().get("details").propertyNames())
                .as("details name %s: %s", member, response)
                .anySatisfy(name -> assertThat(
                                name.equals(member) || name.startsWith(member + "[") || name.startsWith(member + "."))
                        .isTrue());
    }

    /** Keys and values as a map whose values may be null, which a body needs to send {@code null}. */
    protected static Map<String, Object> nullable(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }
}
