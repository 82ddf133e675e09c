package io.sidedesk.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the view suites (issue 22, docs/views-contract.md) stand on: view bodies and conditions, creating views that are
 * deleted after each test (the account's views are one list every test in the JVM shares: each test's views carry a
 * tag of its own in their titles, and every one of them is gone afterwards; the standard views are never touched),
 * tickets of the test (every one tagged with the test's tag, and every view of the test narrowed to that tag, since
 * other tests write tickets into the same database), and readers of a view's tickets and counts that walk every page.
 * Child tickets are on for each test and the settings are put back afterwards ({@link SideConversationTestSupport}).
 */
abstract class ViewTestSupport extends SideConversationTestSupport {

    protected static final String VIEWS = "/api/v2/views";

    protected static final long MISSING = 987_654_321L;

    protected static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** The eight standard views (a migration), by title. */
    protected static final List<String> STANDARD_TITLES = List.of(
            "Your unsolved tickets",
            "Unassigned tickets",
            "All unsolved tickets",
            "Recently updated tickets",
            "Pending tickets",
            "Recently solved tickets",
            "Child tickets waiting on other teams",
            "Child tickets for my groups");

    /** A word no other test's view or ticket carries: every view of this test has it in its title and conditions. */
    protected final String tag = unique("view").replace("-", "");

    private final List<Long> madeViews = new ArrayList<>();

    @Autowired
    private JdbcTemplate jdbc;

    @AfterEach
    void deleteTheViews() {
        for (long id : madeViews) {
            Api.Response response = admin().withoutContract().delete(VIEWS + "/" + id);
            assertThat(response.status()).as(response.toString()).isIn(204, 404);
        }
        // Any view of this test that was made without being noted (by a request that should have been refused).
        for (JsonNode view : ApiAssertions.all(admin().withoutContract(), VIEWS, "views")) {
            if (view.get("title").asString().contains(tag)
                    && !view.path("default").asBoolean()) {
                Api.Response response = admin().withoutContract()
                        .delete(VIEWS + "/" + view.get("id").asLong());
                assertThat(response.status()).as(response.toString()).isEqualTo(204);
            }
        }
    }

    /** The value as JSON, read back from its text (so numbers compare as the service's answers read). */
    protected static JsonNode json(Object value) {
        return JSON.readTree(JSON.writeValueAsString(value));
    }

    // ---- bodies ---------------------------------------------------------------------------------------------

    protected static Map<String, Object> condition(String field, String operator, Object value) {
        return fields("field", field, "operator", operator, "value", value);
    }

    /** {@code current_tags includes <this test's tag>}: the condition that keeps a view to this test's tickets. */
    protected Map<String, Object> tagged() {
        return condition("current_tags", "includes", tag);
    }

    /** The test's tag condition and these further conditions, as an {@code all} list. */
    @SafeVarargs
    protected final List<Map<String, Object>> allOf(Map<String, Object>... more) {
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(tagged());
        all.addAll(List.of(more));
        return all;
    }

    /** A view of this test: a unique title with the test's tag, {@code all} holding only the tag, and these members. */
    protected Map<String, Object> viewBody(Object... members) {
        Map<String, Object> view = fields("title", unique("View " + tag), "all", allOf());
        for (int i = 0; i < members.length; i += 2) {
            view.put((String) members[i], members[i + 1]);
        }
        return view;
    }

    /** A view of this test whose {@code all} is the tag and these conditions. */
    @SafeVarargs
    protected final Map<String, Object> viewOf(Map<String, Object>... conditions) {
        return viewBody("all", allOf(conditions));
    }

    protected static Map<String, Object> groupRestriction(long... ids) {
        List<Long> list = new ArrayList<>();
        for (long id : ids) {
            list.add(id);
        }
        return fields("type", "Group", "ids", list);
    }

    protected static Map<String, Object> userRestriction(long id) {
        return fields("type", "User", "id", id);
    }

    /** {@code output} with these members. */
    protected static Map<String, Object> output(Object... members) {
        return fields(members);
    }

    // ---- writing views --------------------------------------------------------------------------------------

    protected Api.Response postView(Api caller, Map<String, Object> view) {
        Api.Response response = caller.post(VIEWS, Map.of("view", view));
        noteMade(response);
        return response;
    }

    /** Notes a view a response created, so that it is deleted after the test. */
    protected void noteMade(Api.Response response) {
        if (response.status() == 201) {
            madeViews.add(response.json().at("/view/id").asLong());
        }
    }

    /** Creates a view as this caller, which must succeed (and is deleted after the test): the view. */
    protected JsonNode createdView(Api caller, Map<String, Object> view) {
        Api.Response response = postView(caller, view);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("view");
    }

    /** A view the admin creates with these members over {@link #viewBody}: the view. */
    protected JsonNode view(Object... members) {
        return createdView(admin(), viewBody(members));
    }

    /** The id of a view the admin creates, narrowed to the test's tag and these conditions. */
    @SafeVarargs
    protected final long viewWith(Map<String, Object>... conditions) {
        return createdView(admin(), viewOf(conditions)).get("id").asLong();
    }

    protected Api.Response putView(Api caller, long id, Map<String, Object> members) {
        return caller.put(VIEWS + "/" + id, Map.of("view", members));
    }

    protected JsonNode changedView(Api caller, long id, Map<String, Object> members) {
        Api.Response response = putView(caller, id, members);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("view");
    }

    /** The view as the admin reads it (which must succeed). */
    protected JsonNode showView(long id) {
        Api.Response response = admin().get(VIEWS + "/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("view");
    }

    // ---- reading views ----------------------------------------------------------------------------------------

    /** The ids of every view of a list, as this caller sees it, walking every cursor page. */
    protected static List<Long> viewIds(Api caller, String list) {
        return ids(ApiAssertions.all(caller, list, "views"));
    }

    /** The ids of this test's views in a list (every page) as this caller sees it, in the list's order. */
    protected List<Long> mineOf(Api caller, String list) {
        return ApiAssertions.all(caller, list, "views").stream()
                .filter(v -> v.get("title").asString().contains(tag))
                .map(v -> v.get("id").asLong())
                .toList();
    }

    // ---- a view's tickets --------------------------------------------------------------------------------------

    protected static String ticketsOf(long view) {
        return VIEWS + "/" + view + "/tickets";
    }

    /**
     * The ids of every ticket of the view as this caller sees it, in the view's order, walking offset pages (which
     * checks that {@code count} equals the tickets listed).
     */
    protected static List<Long> listed(Api caller, long view) {
        return listed(caller, ticketsOf(view));
    }

    /** The same for a path of a view's tickets with its own query ({@code sort_by}, ...). */
    protected static List<Long> listed(Api caller, String path) {
        return ids(ApiAssertions.allOffsetPages(caller, path, "tickets", 100));
    }

    /** The ids the admin sees in the view. */
    protected List<Long> listed(long view) {
        return listed(admin(), view);
    }

    /**
     * Every item of a cursor-paged list, following {@code links.next} to the end, each page 200 and at most
     * {@code size} long, {@code meta.has_more} true exactly when there is a next link, and no {@code count}.
     */
    protected static List<JsonNode> cursorPages(Api caller, String path, String key, int size) {
        String next = path + (path.contains("?") ? "&" : "?") + "page[size]=" + size;
        List<JsonNode> items = new ArrayList<>();
        for (int pages = 1; next != null; pages++) {
            assertThat(pages).as("pages followed").isLessThan(500);
            Api.Response page = caller.get(next);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().has("count"))
                    .as("a cursor page has no count")
                    .isFalse();
            assertThat(page.json().get(key).size()).isLessThanOrEqualTo(size);
            page.json().get(key).forEach(items::add);
            JsonNode link = page.json().at("/links/next");
            boolean more = !link.isMissingNode() && !link.isNull();
            assertThat(page.json().at("/meta/has_more").asBoolean())
                    .as("has_more on %s", page)
                    .isEqualTo(more);
            next = more ? link.asString() : null;
        }
        return items;
    }

    /** {@code view_count} of the view as this caller reads it (which must succeed). */
    protected static JsonNode viewCount(Api caller, long view) {
        Api.Response response = caller.get(VIEWS + "/" + view + "/count");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("view_count");
    }

    /** The count's {@code value}. */
    protected static long countOf(Api caller, long view) {
        return viewCount(caller, view).get("value").asLong();
    }

    /** The caller's list of the view and its count, which must agree: the ids listed. */
    protected static List<Long> listedAndCounted(Api caller, long view) {
        List<Long> ids = listed(caller, view);
        assertThat(countOf(caller, view))
                .as("the count equals the tickets listed for the same caller")
                .isEqualTo(ids.size());
        return ids;
    }

    /**
     * The ids among {@code mine} that the view lists for this caller, walking its tickets newest first by id and
     * stopping once past the oldest of {@code mine}: for views that hold other tests' tickets too (standard views).
     */
    protected static Set<Long> listedAmong(Api caller, long view, Set<Long> mine) {
        long oldest = mine.stream().mapToLong(Long::longValue).min().orElseThrow();
        Set<Long> found = new LinkedHashSet<>();
        String next = ticketsOf(view) + "?sort_by=id&sort_order=desc&page[size]=100";
        for (int pages = 0; next != null && pages < 500; pages++) {
            Api.Response page = caller.get(next);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            long last = Long.MAX_VALUE;
            for (JsonNode ticket : page.json().get("tickets")) {
                long id = ticket.get("id").asLong();
                assertThat(id).as("newest first").isLessThan(last);
                last = id;
                if (mine.contains(id)) {
                    found.add(id);
                }
            }
            JsonNode link = page.json().at("/links/next");
            next = last < oldest || link.isMissingNode() || link.isNull() ? null : link.asString();
        }
        return found;
    }

    // ---- tickets of the test ------------------------------------------------------------------------------------

    /** A ticket the admin opens with the test's tag (and any further tags given in {@code more}): its id. */
    protected long ticketOf(Object... more) {
        return ticketAs(admin(), more);
    }

    /** The same, opened by this caller. */
    protected long ticketAs(Api caller, Object... more) {
        Map<String, Object> fields =
                fields("subject", unique("View ticket " + tag), "comment", body("Please help"), "tags", List.of(tag));
        Map<String, Object> extra = fields(more);
        if (extra.containsKey("tags")) {
            List<Object> tags = new ArrayList<>(List.of(tag));
            tags.addAll((List<?>) extra.remove("tags"));
            fields.put("tags", tags);
        }
        fields.putAll(extra);
        return created(caller, fields).get("id").asLong();
    }

    /** Adds the test's tag to a ticket made otherwise (a child ticket, a link's parent). */
    protected void addTag(long ticket) {
        List<String> tags = new ArrayList<>(strings(ticket(ticket).get("tags")));
        tags.add(tag);
        updated(admin(), ticket, fields("tags", tags));
    }

    /** A ticket in this status: solved and closed ones are assigned to a new team's agent first. */
    protected long ticketInStatus(String status, Object... more) {
        if (status.equals("new")) {
            return ticketOf(more);
        }
        if (status.equals("solved") || status.equals("closed")) {
            Team team = team(true);
            long id = ticketOf(pairs(
                    fields(more),
                    "group_id",
                    team.group(),
                    "assignee_id",
                    team.agent().id()));
            updated(admin(), id, fields("status", "solved"));
            if (status.equals("closed")) {
                updated(admin(), id, fields("status", "closed"));
            }
            return id;
        }
        return ticketOf(pairs(fields(more), "status", status));
    }

    /** The fields and these further keys and values, as keys and values in turn. */
    private static Object[] pairs(Map<String, Object> fields, Object... more) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        for (int i = 0; i < more.length; i += 2) {
            all.put((String) more[i], more[i + 1]);
        }
        Object[] pairs = new Object[all.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> entry : all.entrySet()) {
            pairs[i++] = entry.getKey();
            pairs[i++] = entry.getValue();
        }
        return pairs;
    }

    /**
     * Moves the ticket's creation and last update this far into the past, in the database itself: the service stamps
     * tickets with the time of the write, and a test cannot wait hours. (A test seam, like CommentCapTests'.)
     */
    protected void backdate(long ticket, Duration sinceCreated, Duration sinceUpdated) {
        int rows = jdbc.update(
                "update tickets set created_at = now() - make_interval(secs => ?),"
                        + " updated_at = now() - make_interval(secs => ?) where id = ?",
                (double) sinceCreated.toSeconds(),
                (double) sinceUpdated.toSeconds(),
                ticket);
        assertThat(rows).isEqualTo(1);
    }

    /** A ticket form of the test's: its id. */
    protected long ticketForm() {
        Api.Response response =
                admin().post("/api/v2/ticket_forms", Map.of("ticket_form", Map.of("name", unique("View form"))));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/ticket_form/id").asLong();
    }

    // ---- reading JSON -------------------------------------------------------------------------------------------

    protected static List<Long> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asLong()).toList();
    }

    protected static List<Long> ids(JsonNode array) {
        return ApiAssertions.ids(array);
    }

    /** The ids of each row's ticket of a preview. */
    protected static List<Long> rowTicketIds(JsonNode preview) {
        List<Long> ids = new ArrayList<>();
        preview.get("rows").forEach(row -> ids.add(row.at("/ticket/id").asLong()));
        return ids;
    }

    /** A condition's value as text, whether it was answered as a string or a number (24 and "24" alike). */
    protected static String valueText(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isNumber()) {
            double number = value.asDouble();
            return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
        }
        return value.asString();
    }

    /** Whether a conditions list holds this condition (its value compared as text). */
    protected static boolean holds(JsonNode conditions, String field, String operator, String value) {
        for (JsonNode condition : conditions) {
            if (condition.get("field").asString().equals(field)
                    && condition.get("operator").asString().equals(operator)
                    && valueText(condition.get("value")).equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The standard view of this title as this caller finds it in the list. */
    protected static JsonNode standardView(Api caller, String title) {
        List<JsonNode> found = ApiAssertions.all(caller, VIEWS, "views").stream()
                .filter(v -> v.get("title").asString().equals(title)
                        && v.path("default").asBoolean())
                .toList();
        assertThat(found).as("one standard view titled %s", title).hasSize(1);
        return found.get(0);
    }

    protected void deleteGroup(long group) {
        Api.Response response = admin().delete("/api/v2/groups/" + group);
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
    }
}
