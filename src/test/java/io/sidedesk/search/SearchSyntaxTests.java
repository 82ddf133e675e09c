package io.sidedesk.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a search cannot read is a 400 naming the parameter ({@code query}, or the paging and order parameters), with
 * the token that cannot be read in backticks (docs/search-contract.md); and nothing a caller types reaches SQL but as
 * a bound value: hostile strings (SQL, tsquery operators, quotes, backslashes, unicode, very long words) are answered
 * 200 or 400, never 500, on the search, its count and its export.
 */
class SearchSyntaxTests extends SearchTestSupport {

    /** Each endpoint, with the parameters it needs besides the query. */
    private static final List<String> ENDPOINTS = List.of(SEARCH + "?", COUNT + "?", EXPORT + "?page[size]=10&");

    private static Api.Response get(Api caller, String endpoint, String query) {
        return caller.get(endpoint + "query=" + encode(query));
    }

    // ---- the query itself ------------------------------------------------------------------------------------

    @Test
    void aMissingOrBlankQueryIsA400NamingQueryOnEveryEndpoint() {
        for (String endpoint : ENDPOINTS) {
            String bare = endpoint.substring(0, endpoint.length() - 1);
            refusal(admin().get(bare), "query");
            for (String blank : List.of("", "%20", "%20%20", "%09", "+", "%0A")) {
                refusal(admin().get(endpoint + "query=" + blank), "query");
            }
        }
        refusal(search(as(endUser()), ""), "query");
    }

    @Test
    void aQueryLongerThanAThousandCharactersOrOfMoreThanFiftyTermsIsA400NamingQuery() {
        String tag = tag();
        long ticket = tagged(tag);
        String padded = "tags:" + tag + " " + "x".repeat(1000 - tag.length() - 6);
        assertThat(padded).hasSize(1000);

        StringBuilder fifty = new StringBuilder("tags:" + tag);
        for (int i = 1; i < 50; i++) {
            fifty.append(" -tags:").append(i);
        }
        assertThat(finds(admin(), fifty.toString())).as("fifty terms").containsExactly(ticket);
        for (String endpoint : ENDPOINTS) {
            Api.Response atTheLimit = get(admin(), endpoint, padded);
            assertThat(atTheLimit.status())
                    .as("%s of 1000 characters: %s", endpoint, atTheLimit)
                    .isEqualTo(200);
            String tooLong = refusal(get(admin(), endpoint, padded + "x"), "query");
            assertThat(tooLong).contains("1000");
            refusal(get(admin(), endpoint, fifty + " -tags:50"), "query");
            refusal(get(admin(), endpoint, "a ".repeat(51).strip()), "query");
        }
    }

    @Test
    void aTermThatCannotBeReadIsA400NamingQueryWithTheTokenInBackticks() {
        List<String[]> cases = List.of(
                new String[] {"bogus:1", "bogus:1"},
                new String[] {"status:nope", "status:nope"},
                new String[] {"priority:highest", "priority:highest"},
                new String[] {"ticket_type:bug", "ticket_type:bug"},
                new String[] {"via:fax", "via:fax"},
                new String[] {"type:ticketz", "type:ticketz"},
                new String[] {"has_children:maybe", "has_children:maybe"},
                new String[] {"child_status:nope", "child_status:nope"},
                new String[] {"child_of:abc", "child_of:abc"},
                new String[] {"group_id:x", "group_id:x"},
                new String[] {"assignee_id:-1", "assignee_id:-1"},
                new String[] {"requester_id:0", "requester_id:0"},
                new String[] {"status<", "status<"},
                new String[] {"status:", "status:"},
                new String[] {"priority>=", "priority>="},
                new String[] {"tags:", "tags:"},
                new String[] {"refund \"never closed", "\"never closed"},
                new String[] {"group:\"Billing", "group:\"Billing"},
                new String[] {"!!!", "!!!"},
                new String[] {"refund ???", "???"},
                new String[] {"-!!!", "-!!!"},
                new String[] {"created:2026-01-01T09:00:00Z", "created:2026-01-01T09:00:00Z"},
                new String[] {"created:1hour", "created:1hour"},
                new String[] {"updated:3days", "updated:3days"},
                new String[] {"created>yesterday", "created>yesterday"},
                new String[] {"created>2026-13-45", "created>2026-13-45"},
                new String[] {"updated<1fortnight", "updated<1fortnight"},
                new String[] {"tags<x", "tags<x"},
                new String[] {"via>api", "via>api"},
                new String[] {"group_id>5", "group_id>5"},
                new String[] {"type:user status:open", "type:user"});
        for (String[] c : cases) {
            for (String endpoint : ENDPOINTS) {
                Api.Response response = get(admin(), endpoint, c[0]);
                String description = refusal(response, "query");
                if (!c[0].equals("type:user status:open")) {
                    assertThat(description)
                            .as("%s %s names the token: %s", endpoint, c[0], response)
                            .contains("`" + c[1] + "`");
                }
            }
        }
    }

    @Test
    void aBareWordWithNoLetterOrDigitIsRefusedNamingIt_butWordsWithPunctuationAreSearched() {
        String tag = tag();
        long ticket = tagged(tag, "comment", body("Call O'Brien at 555-0100 about C++ (urgent)!"));

        assertThat(refusal(search(admin(), "tags:" + tag + " --"), "query")).contains("`--`");
        assertThat(refusal(search(admin(), "tags:" + tag + " ..."), "query")).contains("`...`");
        assertThat(finds(admin(), "tags:" + tag + " O'Brien")).containsExactly(ticket);
        assertThat(finds(admin(), "tags:" + tag + " C++")).containsExactly(ticket);
        assertThat(finds(admin(), "tags:" + tag + " (urgent)!")).containsExactly(ticket);
        assertThat(finds(admin(), "tags:" + tag + " 555-0100")).containsExactly(ticket);
    }

    @Test
    void typeUserIsForStaffAndForWordsOnly() {
        refusal(search(admin(), "type:user tags:x"), "query");
        refusal(search(admin(), "type:user status<solved"), "query");
        refusal(count(admin(), "type:user admin"), "query");
        refusal(export(admin(), "type:user admin", "page[size]=10"), "query");
        Api.Response endUser = search(as(endUser()), "type:user admin");
        assertThat(endUser.status()).as(endUser.toString()).isEqualTo(403);
        assertThat(endUser.contentType()).startsWith("application/problem+json");
        Api.Response anonymous = search(api(), "type:user admin");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(search(admin(), "type:user admin").status()).isEqualTo(200);
    }

    // ---- order and paging ------------------------------------------------------------------------------------

    @Test
    void anOrderThatCannotBeReadIsA400NamingItsParameterOrTheQuery() {
        String query = "tags:" + tag();
        for (String sortBy : List.of("bogus", "id", "subject", "created_at;drop", "' OR 1=1")) {
            refusal(search(admin(), query, "sort_by=" + encode(sortBy)), "sort_by");
        }
        for (String sortOrder : List.of("up", "down", "ascending", "1")) {
            refusal(search(admin(), query, "sort_order=" + sortOrder), "sort_order");
        }
        for (String inTheQuery : List.of("order_by:bogus", "order_by:subject", "sort:up", "sort:sideways")) {
            Api.Response response = search(admin(), query + " " + inTheQuery, "sort_by=created_at", "sort_order=asc");
            refusal(response, "query");
        }
        for (String fine : List.of("created_at", "updated_at", "priority", "status")) {
            Api.Response response = search(admin(), query, "sort_by=" + fine, "sort_order=asc");
            assertThat(response.status()).as(fine + ": " + response).isEqualTo(200);
        }
        for (String fine : List.of("created", "updated", "priority", "status")) {
            Api.Response response = search(admin(), query + " order_by:" + fine + " sort:desc");
            assertThat(response.status()).as(fine + ": " + response).isEqualTo(200);
        }
    }

    @Test
    void theSearchPagesByOffsetAndTheExportByCursorOnly() {
        String query = "tags:" + tag();
        refusal(search(admin(), query, "page[size]=10"), "page[size]");
        refusal(export(admin(), query), "page[size]");
        refusal(export(admin(), query, "per_page=10"), "page[size]");
        refusal(export(admin(), query, "page=2"), "page[size]");
        refusal(export(admin(), query, "page[size]=10", "filter[type]=user"), "filter[type]");
        refusal(export(admin(), query, "page[size]=10", "filter[type]=organization"), "filter[type]");
        refusal(export(admin(), query, "page[size]=0"), "page[size]");
        refusal(export(admin(), query, "page[size]=101"), "page[size]");
        Api.Response fine = export(admin(), query, "page[size]=100", "filter[type]=ticket");
        assertThat(fine.status()).as(fine.toString()).isEqualTo(200);
    }

    // ---- hostile strings ---------------------------------------------------------------------------------------

    /** Strings that break a query written by hand: SQL, tsquery's own operators, quotes, escapes, unicode. */
    private static final List<String> HOSTILE = List.of(
            "' OR '1'='1",
            "'; DROP TABLE tickets; --",
            "1 UNION SELECT email, digest FROM api_tokens --",
            "%' AND 1=1 --",
            "%",
            "_",
            "\\",
            "\\'",
            "''",
            "\"\"",
            "\"",
            "\"'\"",
            "a & b",
            "a | b",
            "!a",
            "a:*",
            "a:* & !b",
            "(a | b) & c",
            "a <-> b",
            "a <2> b",
            "a & | b",
            "&",
            "|",
            "!",
            "(",
            ")",
            ":*",
            "<->",
            "&|!():*<->",
            "word&|!():*<->",
            "word:*",
            "wo*rd",
            "*",
            "a**",
            "wor*d*",
            "'a':* & 'b'",
            "$$",
            "$1",
            "?",
            "%s%s%s",
            "{{ticket.id}}",
            "${7*7}",
            "<script>alert(1)</script>",
            "a\u0000b",
            "\u0000",
            "line\nbreak",
            "tab\tbed",
            "\r\n",
            "éèêë",
            "日本語の検索",
            "مرحبا بالعالم",
            "😀😀😀",
            "e\u0301",
            "\u202Egnp.exe",
            "\uFEFF",
            "ﬁ",
            "a".repeat(300),
            "b".repeat(999),
            "x".repeat(2048) + "*",
            "status:open AND status:closed",
            "status:\"open\"",
            "status:'open'",
            "status:open' OR '1'='1",
            "tags:' OR 1=1 --",
            "tags:\"a b\"",
            "tags:%",
            "tags:_",
            "tags:\\",
            "group:\"' OR '1'='1\"",
            "group:\"%\"",
            "group:%",
            "assignee:%",
            "assignee:\"' OR 1=1 --\"",
            "requester:_",
            "requester:\"%@%\"",
            "assignee_id:99999999999999999999",
            "group_id:9223372036854775807",
            "group_id:9223372036854775808",
            "child_of:99999999999999999999",
            "child_of:9223372036854775807",
            "created>99999-01-01",
            "created>0000-01-01",
            "created>-1days",
            "updated<999999years",
            "updated>0minutes",
            "created>2026-01-01T09:00:00+99:00",
            "order_by:created; DROP TABLE tickets",
            "sort:asc;--",
            "--",
            "-",
            "- -",
            "-\"\"",
            "\"\" \"\"",
            "\"a\"\"b\"",
            "::",
            "a:b:c",
            ":value",
            "<",
            ">=",
            "key<>value",
            "status<<open",
            "status=>open");

    @Test
    void hostileQueriesAreAnsweredOrRefusedNeverAServerErrorAndNeverWidenTheSearch() {
        String tag = tag();
        long ticket = tagged(tag, "comment", body("' OR '1'='1 \\ \" & | ! ( ) : * <-> % _ 日本語 😀"));
        List<String> failures = new ArrayList<>();
        for (String hostile : HOSTILE) {
            for (String query : List.of(hostile, "tags:" + tag + " " + hostile)) {
                for (String endpoint : ENDPOINTS) {
                    for (Api caller : List.of(admin(), as(endUser()))) {
                        Api.Response response = get(caller.withoutContract(), endpoint, query);
                        String problem = judge(response, endpoint, query, tag, ticket);
                        if (problem != null) {
                            failures.add(endpoint + "query=" + query + " → " + problem);
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** What is wrong with an answer to a hostile query, if anything. */
    private static String judge(Api.Response response, String endpoint, String query, String tag, long ticket) {
        if (response.status() >= 500) {
            return "a server error: " + response;
        }
        if (response.status() == 400) {
            JsonNode details = response.json().path("details");
            if (!response.contentType().startsWith("application/problem+json")) {
                return "a 400 that is no problem: " + response;
            }
            if (!details.has("query") && !details.has("page[size]")) {
                return "a 400 naming no parameter: " + response;
            }
            return null;
        }
        if (response.status() != 200) {
            return "neither 200 nor 400: " + response;
        }
        // Narrowed by the tag, a query finds that ticket at most: nothing of it became SQL or an operator.
        if (query.startsWith("tags:" + tag + " ")) {
            if (endpoint.startsWith(COUNT)) {
                long count = response.json().get("count").asLong();
                return count <= 1 ? null : "counted " + count;
            }
            for (JsonNode result : response.json().get("results")) {
                if (result.get("id").asLong() != ticket) {
                    return "found ticket " + result.get("id") + " beside the tagged one";
                }
            }
        }
        return null;
    }

    @Test
    void hostileParametersBesideTheQueryAreRefusedNamingThem() {
        String query = encode("tags:" + tag());
        Map<String, String> cases = Map.of(
                "sort_by=" + encode("created_at; DROP TABLE tickets"), "sort_by",
                "sort_order=" + encode("asc, (select 1)"), "sort_order",
                "per_page=" + encode("1 OR 1=1"), "per_page",
                "page=" + encode("1;--"), "page");
        cases.forEach((parameter, named) -> refusal(admin().get(SEARCH + "?query=" + query + "&" + parameter), named));
        refusal(
                admin().get(EXPORT + "?query=" + query + "&page[size]=10&page[after]=" + encode("' OR 1=1 --")),
                "page[after]");
        refusal(
                admin().get(EXPORT + "?query=" + query + "&page[size]=10&filter[type]=" + encode("ticket' --")),
                "filter[type]");
    }

    @Test
    void aVeryLongWordIsSearchedForAndFoundAsWritten() {
        String tag = tag();
        String longWord = letters("lw", 400);
        long ticket = tagged(tag, "comment", body("Here: " + longWord));

        for (String query : List.of(longWord, "tags:" + tag + " " + longWord, longWord.substring(0, 300) + "*")) {
            Api.Response response = search(admin(), query);
            assertThat(response.status()).as(response.toString()).isIn(200, 400);
            if (response.status() == 200) {
                assertThat(ids(response.json().get("results"))).as(query).containsExactly(ticket);
            } else {
                refusal(response, "query");
            }
        }
    }

    private static List<Long> ids(JsonNode results) {
        return io.sidedesk.ApiAssertions.ids(results);
    }
}
