package io.sidedesk.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the search suites stand on (docs/search-contract.md): requests to {@code /api/v2/search}, {@code /count} and
 * {@code /export}, readers that walk every page the way a client does, and words and tags no other test uses (other
 * classes create tickets in the same database, so every query is narrowed by one of them and every assertion is
 * exact). Child tickets are on for each test (a side conversation with a group makes one), and the settings are put
 * back after it, by {@link SideConversationTestSupport}.
 */
abstract class SearchTestSupport extends SideConversationTestSupport {

    protected static final String SEARCH = "/api/v2/search";
    protected static final String COUNT = "/api/v2/search/count";
    protected static final String EXPORT = "/api/v2/search/export";

    private static final Random RANDOM = new Random();

    // ---- words, tags and tickets of a test's own --------------------------------------------------------------

    /**
     * A word no other ticket holds: lower-case letters only, so PostgreSQL's parser keeps it one word (no digits, no
     * dashes) and {@code plainto_tsquery} finds it as written.
     */
    protected static String word() {
        return letters("sw", 14);
    }

    /** A tag no other ticket carries. */
    protected static String tag() {
        return letters("st", 14);
    }

    protected static String letters(String prefix, int length) {
        StringBuilder word = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return word.toString();
    }

    /**
     * A ticket the admin creates with these fields (a subject and a public first comment are added when not given; one
     * given as null is left out): its id.
     */
    protected long newTicket(Map<String, Object> fields) {
        return newTicket(admin(), fields);
    }

    protected long newTicket(Api caller, Map<String, Object> fields) {
        Map<String, Object> ticket = new LinkedHashMap<>(fields);
        for (Map.Entry<String, Object> member : Map.of(
                        "subject", (Object) ("Search fixture " + word()), "comment", body("Nothing to see " + word()))
                .entrySet()) {
            if (!ticket.containsKey(member.getKey())) {
                ticket.put(member.getKey(), member.getValue());
            } else if (ticket.get(member.getKey()) == null) {
                ticket.remove(member.getKey()); // null: left out
            }
        }
        return created(caller, ticket).get("id").asLong();
    }

    /** A ticket carrying the tag and these fields: its id. */
    protected long tagged(String tag, Object... keysAndValues) {
        Map<String, Object> ticket = fields(keysAndValues);
        ticket.put("tags", List.of(tag));
        return newTicket(ticket);
    }

    /** An agent (no custom role) with this name, which no other user has. */
    protected TestUser namedAgent(String name) {
        String email = unique("searched") + "@example.com";
        Api.Response response =
                admin().post("/api/v2/users", Map.of("user", Map.of("name", name, "email", email, "role", "agent")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new TestUser(response.json().at("/user/id").asLong(), email);
    }

    /** The name of a group, as the admin reads it. */
    protected String groupName(long group) {
        Api.Response response = admin().get("/api/v2/groups/" + group);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/group/name").asString();
    }

    // ---- requests -------------------------------------------------------------------------------------------

    protected static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code GET /api/v2/search?query=...} with more parameters ({@code "sort_by=status&per_page=2"}) when given. */
    protected static Api.Response search(Api caller, String query, String... more) {
        return caller.get(SEARCH + "?query=" + encode(query) + suffix(more));
    }

    protected static Api.Response count(Api caller, String query) {
        return caller.get(COUNT + "?query=" + encode(query));
    }

    protected static Api.Response export(Api caller, String query, String... more) {
        return caller.get(EXPORT + "?query=" + encode(query) + suffix(more));
    }

    private static String suffix(String... more) {
        StringBuilder suffix = new StringBuilder();
        for (String parameter : more) {
            suffix.append('&').append(parameter);
        }
        return suffix.toString();
    }

    // ---- readers --------------------------------------------------------------------------------------------

    /**
     * Every result of a search, in the order listed, following {@code next_page} to the end (pages of
     * {@code perPage}). Each page is 200, every result is a ticket, a page before the last is full, and the results
     * add up to {@code count}.
     */
    protected static List<JsonNode> results(Api caller, String query, int perPage, String... more) {
        List<String> parameters = new ArrayList<>(List.of(more));
        parameters.add("per_page=" + perPage);
        Api.Response page = search(caller, query, parameters.toArray(String[]::new));
        assertThat(page.status()).as("%s: %s", query, page).isEqualTo(200);
        assertThat(page.json().get("previous_page").isNull()).isTrue();
        long count = page.json().get("count").asLong();
        List<JsonNode> results = new ArrayList<>();
        for (int pages = 1; ; pages++) {
            assertThat(pages).as("pages followed").isLessThan(200);
            assertThat(page.status()).as("%s: %s", query, page).isEqualTo(200);
            assertThat(page.json().get("count").asLong())
                    .as("count on every page")
                    .isEqualTo(count);
            JsonNode listed = page.json().get("results");
            assertThat(listed.size()).isLessThanOrEqualTo(perPage);
            listed.forEach(results::add);
            JsonNode next = page.json().get("next_page");
            if (next.isNull()) {
                break;
            }
            assertThat(listed.size()).as("a page before the last is full").isEqualTo(perPage);
            page = caller.get(next.asString());
        }
        assertThat(results).as("count of %s", query).hasSize((int) count);
        return results;
    }

    /** The ids a search lists, in its order (every page; results only tickets). */
    protected static List<Long> found(Api caller, String query, String... more) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode result : results(caller, query, 100, more)) {
            assertThat(result.get("result_type").asString()).isEqualTo("ticket");
            ids.add(result.get("id").asLong());
        }
        return ids;
    }

    /** The {@code count} that {@code /search/count} answers, which must be 200. */
    protected static long counted(Api caller, String query) {
        Api.Response response = count(caller, query);
        assertThat(response.status()).as("%s: %s", query, response).isEqualTo(200);
        return response.json().get("count").asLong();
    }

    /** Every ticket the export answers, following {@code links.next} (cursor pages of {@code size}). */
    protected static List<Long> exported(Api caller, String query, int size) {
        Api.Response page = export(caller, query, "page[size]=" + size);
        List<Long> ids = new ArrayList<>();
        for (int pages = 1; ; pages++) {
            assertThat(pages).as("pages followed").isLessThan(2_000);
            assertThat(page.status()).as("%s: %s", query, page).isEqualTo(200);
            assertThat(page.json().has("count")).as("an export has no count").isFalse();
            JsonNode listed = page.json().get("results");
            assertThat(listed.size()).isLessThanOrEqualTo(size);
            listed.forEach(result -> {
                assertThat(result.get("result_type").asString()).isEqualTo("ticket");
                ids.add(result.get("id").asLong());
            });
            JsonNode next = page.json().at("/links/next");
            assertThat(page.json().at("/meta/has_more").asBoolean())
                    .as("has_more exactly when there is a next link: %s", page)
                    .isEqualTo(!next.isNull());
            if (next.isNull()) {
                break;
            }
            assertThat(page.json().at("/meta/after_cursor").asString()).isNotBlank();
            page = caller.get(next.asString());
        }
        return ids;
    }

    /**
     * The tickets a query finds for the caller, by id ascending, after checking that the three endpoints agree: the
     * search lists them (every page), {@code /search/count} counts as many, and the export answers the same ones by
     * id ascending.
     */
    protected static List<Long> finds(Api caller, String query) {
        List<Long> listed = found(caller, query);
        assertThat(listed).as("%s lists each ticket once", query).doesNotHaveDuplicates();
        assertThat(counted(caller, query)).as("count of %s", query).isEqualTo(listed.size());
        List<Long> exported = exported(caller, query, 100);
        assertThat(exported)
                .as("the export of %s, by id", query)
                .isSorted()
                .isEqualTo(new ArrayList<>(new TreeSet<>(listed)));
        return exported;
    }

    protected List<Long> finds(TestUser caller, String query) {
        return finds(as(caller), query);
    }

    /** The one 400 a query is refused with: {@code details} name the parameter, and its description the token. */
    protected static String refusal(Api.Response response, String parameter) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode details = response.json().get("details");
        assertThat(details.has(parameter))
                .as("details name %s: %s", parameter, response)
                .isTrue();
        String description = details.get(parameter).get(0).get("description").asString();
        assertThat(description).isNotBlank();
        return description;
    }
}
