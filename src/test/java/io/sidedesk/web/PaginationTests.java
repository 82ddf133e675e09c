package io.sidedesk.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.ApiTestSupport;
import io.sidedesk.access.ActorLookup;
import io.sidedesk.job.Jobs;

import static org.assertj.core.api.Assertions.assertThat;

/** Both pagination styles, followed to the end the way clients do. */
class PaginationTests extends ApiTestSupport {

    @Autowired
    private Jobs jobs;

    @Autowired
    private ActorLookup actors;

    @Autowired
    private TransactionTemplate transactions;

    private final List<Long> created = new ArrayList<>();

    @BeforeEach
    void sevenMoreUsers() {
        for (int i = 0; i < 7; i++) {
            created.add(endUser().id());
        }
    }

    @Test
    void offsetPagesFollowNextPageToTheEndAndCountEveryRowOnce() {
        Api.Response first = admin().get("/api/v2/users?per_page=2");
        long count = first.json().get("count").asLong();
        assertThat(first.json().get("previous_page").isNull()).isTrue();

        List<Long> seen = new ArrayList<>();
        Api.Response page = first;
        int pages = 0;
        while (true) {
            pages++;
            assertThat(page.status()).isEqualTo(200);
            page.json().get("users").forEach(user -> seen.add(user.get("id").asLong()));
            JsonNode next = page.json().get("next_page");
            if (next.isNull()) {
                break;
            }
            assertThat(next.asString()).startsWith("http://localhost:").contains("per_page=2");
            page = admin().get(next.asString());
            assertThat(page.json().get("previous_page").asString()).contains("page=" + (pages));
        }

        assertThat(seen).hasSize((int) count).doesNotHaveDuplicates().isSorted().containsAll(created);
        assertThat(pages).isEqualTo((int) Math.ceil(count / 2.0));
    }

    @Test
    void cursorPagesFollowLinksNextToTheEndThenLinksPrevBack() {
        List<Long> forward = new ArrayList<>();
        Api.Response page = admin().get("/api/v2/users?page[size]=3");
        assertThat(page.json().at("/links/prev").isNull()).isTrue();
        Api.Response last;
        while (true) {
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().has("next_page")).isFalse();
            page.json().get("users").forEach(user -> forward.add(user.get("id").asLong()));
            JsonNode next = page.json().at("/links/next");
            if (next.isNull()) {
                assertThat(page.json().at("/meta/has_more").asBoolean()).isFalse();
                last = page;
                break;
            }
            assertThat(page.json().at("/meta/has_more").asBoolean()).isTrue();
            assertThat(page.json().at("/meta/after_cursor").asString()).isNotBlank();
            page = admin().get(next.asString());
        }
        assertThat(forward).doesNotHaveDuplicates().isSorted().containsAll(created);
        assertThat(forward)
                .hasSize(admin().get("/api/v2/users").json().get("count").asInt());

        List<Long> backward = new ArrayList<>();
        page = last;
        while (true) {
            List<Long> ids = new ArrayList<>();
            page.json().get("users").forEach(user -> ids.add(user.get("id").asLong()));
            backward.addAll(0, ids);
            JsonNode prev = page.json().at("/links/prev");
            if (prev.isNull()) {
                break;
            }
            page = admin().get(prev.asString());
            assertThat(page.status()).isEqualTo(200);
        }
        assertThat(backward).isEqualTo(forward);
    }

    @Test
    void cursorPagesCarryNoOffsetMembersAndOffsetPagesNoCursorMembers() {
        JsonNode cursor = admin().get("/api/v2/users?page[size]=1").json();
        JsonNode offset = admin().get("/api/v2/users?per_page=1").json();

        assertThat(cursor.has("meta")).isTrue();
        assertThat(cursor.has("links")).isTrue();
        assertThat(cursor.has("count")).isFalse();
        assertThat(offset.has("count")).isTrue();
        assertThat(offset.has("meta")).isFalse();
        assertThat(cursor.get("users")).hasSize(1);
    }

    @Test
    void literalBracketsInTheQueryStringAreAccepted() {
        String literal = admin().rawGet("/api/v2/users?page[size]=2");
        Api.Response encoded = admin().get("/api/v2/users?page%5Bsize%5D=2");

        assertThat(literal).startsWith("HTTP/1.1 200");
        assertThat(literal).contains("\"has_more\":true");
        assertThat(encoded.json().get("users")).hasSize(2);
        assertThat(literal).contains(encoded.json().get("users").toString());
    }

    /**
     * Trusted proxies (docs/RULES.md): no proxy is trusted by default, so what a client forwards never reaches a link
     * (RateLimitTests shows a trusted proxy's headers followed).
     */
    @Test
    void pageLinksIgnoreForwardedHeadersFromAClientThatIsNoTrustedProxy() {
        Api.Response page = admin().withHeader("X-Forwarded-Proto", "https")
                .withHeader("X-Forwarded-Host", "evil.example")
                .withHeader("X-Forwarded-Port", "8443")
                .withHeader("Forwarded", "host=evil.example;proto=https")
                .get("/api/v2/users?per_page=1");

        String base = "http://localhost:" + port() + "/api/v2/users";
        assertThat(page.json().get("next_page").asString()).startsWith(base + "?");
        assertThat(page.json().at("/users/0/url").asString()).startsWith(base + "/");
        assertThat(page.body()).doesNotContain("evil.example");
    }

    @Test
    void unusablePageParametersAre400NamingTheParameter() {
        String[][] cases = {
            {"per_page=0", "per_page"},
            {"per_page=101", "per_page"},
            {"per_page=x", "per_page"},
            {"page=0", "page"},
            {"page[size]=0", "page[size]"},
            {"page[size]=500", "page[size]"},
            {"page[size]=2&page[after]=!!!", "page[after]"},
            {"page[size]=2&page[before]=bm90LWEtbnVtYmVy", "page[before]"},
        };
        Set<String> seen = new HashSet<>();
        for (String[] c : cases) {
            Api.Response response = admin().get("/api/v2/users?" + c[0]);
            assertThat(response.status()).as(c[0] + " → " + response).isEqualTo(400);
            assertThat(response.json().get("details").has(c[1]))
                    .as(c[0] + " → " + response)
                    .isTrue();
            seen.add(c[1]);
        }
        assertThat(seen).hasSize(5);
    }

    /**
     * Pagination (docs/RULES.md): offset paging serves the first 10,000 rows, as Zendesk's does. On every offset-paged
     * list (every GET that the OpenAPI description gives a {@code page} parameter, so a new list is covered), a page
     * that reaches beyond is a 400 naming {@code page} (the row offset once overflowed an int: a 500), as is a
     * {@code per_page} out of 1 to 100 naming {@code per_page}; the last page within is served, and cursor paging goes
     * on.
     */
    @Test
    void offsetPagingServesTheFirstTenThousandRowsOnEveryListAndAPageBeyondIsA400NamingPage() {
        // A schedule of this test's, deleted after it: the oldest schedule is the account's default.
        long schedule = admin().post(SCHEDULES, Map.of("schedule", Map.of("name", unique("Paged"), "time_zone", "UTC")))
                .json()
                .at("/schedule/id")
                .asLong();
        // A view of this test's, deleted after it: its tickets and export are lists of their own.
        long view = admin().post(
                        "/api/v2/views",
                        Map.of(
                                "view",
                                Map.of(
                                        "title",
                                        unique("Paged view"),
                                        "all",
                                        List.of(Map.of("field", "status", "operator", "is", "value", "open")))))
                .json()
                .at("/view/id")
                .asLong();
        try {
            offsetPagingServesTheFirstTenThousandRows(withoutSearch(offsetPagedLists(schedule, view)));
        } finally {
            assertThat(admin().delete(SCHEDULES + "/" + schedule).status()).isEqualTo(204);
            assertThat(admin().delete("/api/v2/views/" + view).status()).isEqualTo(204);
        }
    }

    private void offsetPagingServesTheFirstTenThousandRows(Map<String, String> lists) {
        assertThat(lists.keySet())
                .contains(
                        "/api/v2/users",
                        "/api/v2/groups",
                        "/api/v2/custom_roles",
                        "/api/v2/group_memberships",
                        "/api/v2/ticket_fields",
                        "/api/v2/tickets",
                        "/api/v2/macros",
                        "/api/v2/macros/active",
                        "/api/v2/macros/search",
                        "/api/v2/views",
                        "/api/v2/views/{view_id}/tickets");
        List<String> beyond = List.of(
                "page=2147483647",
                "page=101",
                "page=101&per_page=100",
                "page=2147483647&per_page=1",
                "page=10001&per_page=1",
                "page=3334&per_page=3",
                "page=2147483648",
                "page=99999999999999999999");
        List<String> within = List.of(
                "page=100", "page=10000&per_page=1", "page=3333&per_page=3", "page=1&per_page=100", "page[size]=100");
        lists.forEach((template, path) -> {
            for (String query : beyond) {
                Api.Response response = admin().get(path + (path.contains("?") ? "&" : "?") + query);
                assertThat(response.status())
                        .as(template + "?" + query + " → " + response)
                        .isEqualTo(400);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().at("/details/page/0/description").asString())
                        .as(template + "?" + query + " → " + response)
                        .contains("1 to ")
                        .contains("10000 rows");
            }
            for (String query : List.of(
                    "per_page=0",
                    "per_page=-1",
                    "per_page=101",
                    "per_page=2147483648",
                    "per_page=1e2",
                    "per_page=abc",
                    "page=2&per_page=-2147483648")) {
                Api.Response response = admin().get(path + (path.contains("?") ? "&" : "?") + query);
                assertThat(response.status())
                        .as(template + "?" + query + " → " + response)
                        .isEqualTo(400);
                assertThat(response.json().at("/details/per_page/0/description").asString())
                        .as(template + "?" + query + " → " + response)
                        .contains("1 to 100");
            }
            for (String query : within) {
                Api.Response response = admin().get(path + (path.contains("?") ? "&" : "?") + query);
                assertThat(response.status())
                        .as(template + "?" + query + " → " + response)
                        .isEqualTo(200);
            }
        });
    }

    private static final String SCHEDULES = "/api/v2/business_hours/schedules";

    /**
     * Every offset-paged list, on a ticket with a side conversation, a user, a group, a schedule, a macro and a view of
     * this test's (the macro deleted again; the view, whose tickets are lists, after the test).
     */
    private Map<String, String> offsetPagedLists(long schedule, long view) {
        turnOnChildTickets();
        long macro = admin().post(
                        "/api/v2/macros",
                        Map.of(
                                "macro",
                                Map.of(
                                        "title",
                                        unique("Paged macro"),
                                        "actions",
                                        List.of(Map.of("field", "priority", "value", "low")))))
                .json()
                .at("/macro/id")
                .asLong();
        try {
            long group = group(true);
            long ticket = admin().post(
                            "/api/v2/tickets",
                            Map.of("ticket", Map.of("subject", unique("Paged"), "comment", Map.of("body", "Paged"))))
                    .json()
                    .at("/ticket/id")
                    .asLong();
            String sideConversation = startedToGroup(admin(), ticket, group, "Paged", "Paged")
                    .get("id")
                    .asString();
            return offsetPagedLists(Map.of(
                    "tickets",
                    String.valueOf(ticket),
                    "users",
                    String.valueOf(created.get(0)),
                    "groups",
                    String.valueOf(group),
                    "side_conversations",
                    sideConversation,
                    "triggers",
                    admin().get("/api/v2/triggers").json().at("/triggers/0/id").asString(),
                    "schedules",
                    String.valueOf(schedule),
                    "macros",
                    String.valueOf(macro),
                    "views",
                    String.valueOf(view)));
        } finally {
            restoreDefaultSettings();
            assertThat(admin().delete("/api/v2/macros/" + macro).status()).isEqualTo(204);
        }
    }

    /**
     * Every list paged by cursor only (every GET that the OpenAPI description gives {@code page[size]} and no
     * {@code page}: the search export, the agent availabilities, the routing queue, the webhooks and their invocations,
     * the job statuses, and any new one): a size out of 1 to 100 or a cursor that is none is a 400 naming it; a page
     * carries {@code meta} and {@code links}, never {@code count} or {@code next_page}; and {@code links.next} leads to
     * the end, every row once. A webhook of this test's (inactive: it queues nothing) is deleted after it; its jobs (of
     * a kind no instance runs, so they stay queued) make the job statuses more than a page of 2.
     */
    @Test
    void everyCursorOnlyListPagesByCursorToTheEndAndRefusesASizeOutOfRange() {
        Api.Response webhook = admin().post(
                        "/api/v2/webhooks",
                        Map.of(
                                "webhook",
                                Map.of(
                                        "name",
                                        unique("Paged webhook"),
                                        "status",
                                        "inactive",
                                        "endpoint",
                                        "http://127.0.0.1:9/paged",
                                        "subscriptions",
                                        List.of("conditional_ticket_events"))));
        assertThat(webhook.status()).as(webhook.toString()).isEqualTo(201);
        String webhookId = webhook.json().at("/webhook/id").asString();
        long adminId = admin().get("/api/v2/users/me").json().at("/user/id").asLong();
        for (int i = 0; i < 3; i++) {
            transactions.executeWithoutResult(status -> jobs.enqueue(
                    actors.activeByIds(List.of(adminId)).get(adminId), "paged_probe", "{}", List.of(1L, 2L)));
        }
        try {
            everyCursorOnlyListPagesByCursorToTheEnd(webhookId);
        } finally {
            assertThat(admin().delete("/api/v2/webhooks/" + webhookId).status()).isEqualTo(204);
        }
    }

    private void everyCursorOnlyListPagesByCursorToTheEnd(String webhookId) {
        Map<String, String> lists =
                cursorOnlyLists(Map.of("users", String.valueOf(created.get(0)), "webhooks", webhookId));
        assertThat(lists.keySet())
                .contains(
                        "/api/v2/search/export",
                        "/api/v2/agent_availabilities",
                        "/api/v2/routing/queue",
                        "/api/v2/webhooks",
                        "/api/v2/webhooks/{webhook_id}/invocations",
                        "/api/v2/job_statuses");
        lists.forEach((template, path) -> {
            String separator = path.contains("?") ? "&" : "?";
            for (String size : List.of("0", "101", "-1", "abc", "1e2")) {
                Api.Response response = admin().get(path + separator + "page[size]=" + size);
                assertThat(response.status())
                        .as(template + " page[size]=" + size + " → " + response)
                        .isEqualTo(400);
                assertThat(response.json().path("details").has("page[size]"))
                        .as(template + " page[size]=" + size + " → " + response)
                        .isTrue();
            }
            Api.Response badCursor = admin().get(path + separator + "page[size]=2&page[after]=!!!");
            assertThat(badCursor.status()).as(template + " → " + badCursor).isEqualTo(400);
            assertThat(badCursor.json().path("details").has("page[after]"))
                    .as(template + " → " + badCursor)
                    .isTrue();

            for (int size : List.of(2, 100)) {
                walk(template, path + separator + "page[size]=" + size, size);
            }
        });
        assertThat(ApiAssertions.allCursorPages(admin(), "/api/v2/agent_availabilities", "data", 100).stream()
                        .map(row -> row.at("/attributes/agent_id").asLong())
                        .toList())
                .as("the availabilities, in agent id order")
                .doesNotHaveDuplicates()
                .isSorted();
    }

    /**
     * Follows {@code links.next} from this first page: every page 200 with {@code meta} and {@code links}, no
     * {@code count} nor {@code next_page}, at most {@code size} rows, each row once, {@code has_more} exactly when there
     * is a next page. Pages of 2 are followed five pages deep (a list of every agent is long), pages of 100 to the end.
     */
    private void walk(String template, String first, int size) {
        Set<String> seen = new HashSet<>();
        String next = first;
        for (int pages = 0; next != null && (size > 2 || pages < 5); pages++) {
            assertThat(pages).as(template + ": pages followed").isLessThan(500);
            Api.Response page = admin().get(next);
            assertThat(page.status()).as(template + " → " + page).isEqualTo(200);
            JsonNode json = page.json();
            assertThat(json.has("meta")).as(template).isTrue();
            assertThat(json.has("links")).as(template).isTrue();
            assertThat(json.has("count")).as(template).isFalse();
            assertThat(json.has("next_page")).as(template).isFalse();
            JsonNode rows = rowsOf(json);
            assertThat(rows.size()).as(template).isLessThanOrEqualTo(size);
            rows.forEach(row -> assertThat(seen.add(row.toString()))
                    .as("%s lists %s once", template, row)
                    .isTrue());
            JsonNode link = json.at("/links/next");
            boolean more = !link.isMissingNode() && !link.isNull();
            assertThat(json.at("/meta/has_more").asBoolean())
                    .as(template + ": has_more exactly when there is a next page")
                    .isEqualTo(more);
            next = more ? link.asString() : null;
        }
    }

    /** The rows of a cursor page: its one array member besides {@code included}. */
    private static JsonNode rowsOf(JsonNode page) {
        List<String> arrays = page.propertyNames().stream()
                .filter(name -> page.get(name).isArray() && !name.equals("included"))
                .toList();
        assertThat(arrays).as("one array of rows in %s", page).hasSize(1);
        return page.get(arrays.get(0));
    }

    @Test
    void pastTheLastPageIsEmptyWithNoNextLink() {
        long count = admin().get("/api/v2/users").json().get("count").asLong();
        JsonNode beyond = admin().get("/api/v2/users?per_page=100&page=" + (count / 100 + 2))
                .json();

        assertThat(beyond.get("users")).isEmpty();
        assertThat(beyond.get("next_page").isNull()).isTrue();
    }

    // ---- search: offset over its first 1,000 results, its export by cursor only (docs/search-contract.md) ----

    /**
     * The search lists page by their own rules: {@code GET /api/v2/search} by offset over its first 1,000 results
     * only (as Zendesk's), so the ten-thousand-row test leaves it to the one below; {@code GET /api/v2/search/export}
     * by cursor only, so its description offers no {@code page} at all.
     */
    private static Map<String, String> withoutSearch(Map<String, String> lists) {
        Map<String, String> kept = new java.util.TreeMap<>(lists);
        assertThat(kept.keySet()).as("search is an offset-paged list").contains("/api/v2/search");
        assertThat(kept.keySet()).as("the search export pages by cursor only").doesNotContain("/api/v2/search/export");
        kept.keySet().remove("/api/v2/search");
        return kept;
    }

    @Test
    void searchServesItsFirstThousandResultsByOffsetAndItsExportPagesByCursorOnly() {
        String search = "/api/v2/search?query=" + unique("nothing");
        String export = "/api/v2/search/export?query=" + unique("nothing");
        for (String query : List.of(
                "page=11",
                "page=11&per_page=100",
                "page=1001&per_page=1",
                "page=334&per_page=3",
                "page=2147483647",
                "page=2147483648",
                "page=99999999999999999999",
                "page=0")) {
            Api.Response response = admin().get(search + "&" + query);
            assertThat(response.status()).as(query + " → " + response).isEqualTo(400);
            assertThat(response.json().get("details").has("page"))
                    .as(query + " → " + response)
                    .isTrue();
        }
        for (String query : List.of("per_page=0", "per_page=101", "per_page=abc")) {
            Api.Response response = admin().get(search + "&" + query);
            assertThat(response.status()).as(query + " → " + response).isEqualTo(400);
            assertThat(response.json().get("details").has("per_page"))
                    .as(query + " → " + response)
                    .isTrue();
        }
        for (String query : List.of("page=10", "page=1000&per_page=1", "page=333&per_page=3", "page=1&per_page=100")) {
            Api.Response response = admin().get(search + "&" + query);
            assertThat(response.status()).as(query + " → " + response).isEqualTo(200);
            assertThat(response.json().has("count")).isTrue();
            assertThat(response.json().has("meta")).isFalse();
        }
        for (String query : List.of("page[size]=10", "page[size]=10&page[after]=MTA")) {
            Api.Response response = admin().get(search + "&" + query);
            assertThat(response.status()).as(query + " → " + response).isEqualTo(400);
            assertThat(response.json().get("details").has("page[size]"))
                    .as(query + " → " + response)
                    .isTrue();
        }

        for (String query :
                List.of("", "page=1", "page=2&per_page=10", "per_page=100", "page[size]=0", "page[size]=101")) {
            Api.Response response = admin().get(export + (query.isEmpty() ? "" : "&" + query));
            assertThat(response.status()).as(query + " → " + response).isEqualTo(400);
            assertThat(response.json().get("details").has("page[size]"))
                    .as(query + " → " + response)
                    .isTrue();
        }
        for (String query : List.of("page[size]=1", "page[size]=100")) {
            Api.Response response = admin().get(export + "&" + query);
            assertThat(response.status()).as(query + " → " + response).isEqualTo(200);
            assertThat(response.json().has("meta")).isTrue();
            assertThat(response.json().has("links")).isTrue();
            assertThat(response.json().has("count")).isFalse();
            assertThat(response.json().has("next_page")).isFalse();
        }
    }
}
