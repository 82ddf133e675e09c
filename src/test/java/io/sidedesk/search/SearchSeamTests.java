package io.sidedesk.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static io.sidedesk.ApiAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seams an independent review of issue 22 found between search and the rules around it: a term that answers a
 * hidden or missing ticket with a 500, dates beyond the calendar, what side conversation terms tell a caller about
 * child tickets and side conversations they may not see (R17, R22), and negation as Zendesk means it.
 */
class SearchSeamTests extends SideConversationTestSupport {

    private final String tag = unique("srch").replace("-", "");

    private static String encoded(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Api.Response search(Api caller, String query) {
        return caller.get("/api/v2/search?query=" + encoded(query));
    }

    private static List<Long> found(Api caller, String query) {
        Api.Response response = search(caller, query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return ids(response.json().get("results"));
    }

    private static long counted(Api caller, String query) {
        Api.Response response = caller.get("/api/v2/search/count?query=" + encoded(query));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("count").asLong();
    }

    /** A 400 whose details name {@code query}. */
    private static void assertBadQuery(SoftAssertions softly, String query, Api.Response response) {
        softly.assertThat(response.status()).as("%s: %s", query, response).isEqualTo(400);
        softly.assertThat(response.json().at("/details/query").isArray())
                .as("%s names query: %s", query, response)
                .isTrue();
    }

    // ---- 500s from terms a client may send --------------------------------------------------------------

    @Test
    void childOfATicketTheCallerMayNotSeeFindsNothingLikeAMissingOneNotA500_R22() {
        Team privateTeam = team(false);
        long hidden = created(
                        as(privateTeam.agent()),
                        fields("subject", "Private " + tag, "comment", body("b"), "group_id", privateTeam.group()))
                .get("id")
                .asLong();
        Api outsider = as(agent());
        assertThat(outsider.get("/api/v2/tickets/" + hidden).status()).isEqualTo(404);

        // The search reads the parent's visibility inside its own read-only transaction: the not-found it catches
        // marks that transaction rollback-only, and its commit fails (UnexpectedRollbackException, a 500).
        Api.Response ofHidden = search(outsider, "child_of:" + hidden);
        Api.Response ofMissing = search(outsider, "child_of:987654321987");
        assertThat(ofHidden.status()).as(ofHidden.toString()).isEqualTo(200);
        assertThat(ofMissing.status()).as(ofMissing.toString()).isEqualTo(200);
        assertThat(ofHidden.json().get("count")).isEqualTo(ofMissing.json().get("count"));
        assertThat(outsider.get("/api/v2/search/count?query=child_of:" + hidden).status())
                .isEqualTo(200);
    }

    @Test
    void aDateBeyondWhatTheDatabaseHoldsIsA400NamingTheQueryNotA500() {
        Api agent = as(agent());
        SoftAssertions softly = new SoftAssertions();
        // java.time reads these, then LocalDate.plusDays (DateTimeException) or Duration.toMillis (long overflow)
        // throws: a 500.
        for (String query : List.of("created:+999999999-12-31", "created>+999999999-12-31T00:00:00Z")) {
            assertBadQuery(softly, query, search(agent, query));
        }
        // Within the 1e9 hours the condition language takes, but before PostgreSQL's 4713 BC: the database refuses
        // the bound timestamp, a 400 that names no parameter.
        assertBadQuery(softly, "created>-9000-01-01", search(agent, "created>-9000-01-01"));
        assertBadQuery(
                softly,
                "count updated<-9000-01-01",
                agent.get("/api/v2/search/count?query=" + encoded("updated<-9000-01-01")));
        softly.assertAll();
    }

    // ---- what side conversation terms tell ----------------------------------------------------------------

    @Test
    void childStatusDoesNotTellAnOutsiderTheStatusOfAChildInAPrivateGroup_R17() {
        Team privateTeam = team(false);
        long parent = parentTicket(Map.of("tags", List.of(tag)));
        started(
                as(privateTeam.agent()),
                parent,
                message(
                        "Private",
                        "for my group only",
                        toAgent(privateTeam.group(), privateTeam.agent().id())));
        Api outsider = as(agent());
        assertThat(outsider.get("/api/v2/tickets/" + parent).status()).isEqualTo(200);
        // The side conversation shows the outsider only the child's id and whether it is linked (R17)...
        JsonNode seen = outsider.get(sideConversations(parent)).json().at("/side_conversations/0/child_ticket");
        assertThat(seen.has("status")).as("%s", seen).isFalse();

        String query = "tags:" + tag + " child_status<solved";
        assertThat(found(as(privateTeam.agent()), query)).containsExactly(parent);
        assertThat(found(admin(), query)).containsExactly(parent);
        // ...but child_status reads the hidden child's status all the same: open is told from solved.
        assertThat(found(outsider, query))
                .as("a child the searcher may not see tells them nothing of its status")
                .isEmpty();
        assertThat(counted(outsider, query)).isZero();
        assertThat(found(outsider, "tags:" + tag + " child_status:open")).isEmpty();
    }

    @Test
    void anEndUserCannotFindOutThatTheirTicketHasSideConversations_R22() {
        Team team = team(true);
        TestUser customer = endUser();
        long parent = parentTicket(Map.of("requester_id", customer.id(), "tags", List.of(tag)));
        startedToGroup(admin(), parent, team.group());
        Api asCustomer = as(customer);
        assertThat(found(asCustomer, "tags:" + tag)).containsExactly(parent);
        // Side conversations are for staff; end-users never see them (SideConversationPolicy).
        assertThat(asCustomer.get(sideConversations(parent)).status()).isIn(403, 404);

        assertThat(found(asCustomer, "tags:" + tag + " has_children:true"))
                .as("has_children tells an end-user their ticket has a side conversation with a child")
                .isEmpty();
        assertThat(found(asCustomer, "tags:" + tag + " child_status:new"))
                .as("child_status tells an end-user what another team's child ticket is at")
                .isEmpty();
    }

    // ---- negation as Zendesk means it --------------------------------------------------------------------

    @Test
    void aNegatedTermKeepsTheTicketsThatHaveNoValueForIt() {
        Team team = team(true);
        Api agent = as(team.agent());
        long mine = created(
                        agent,
                        fields(
                                "subject",
                                "Mine " + tag,
                                "comment",
                                body("b"),
                                "group_id",
                                team.group(),
                                "assignee_id",
                                team.agent().id(),
                                "type",
                                "incident",
                                "tags",
                                List.of(tag)))
                .get("id")
                .asLong();
        long unassigned = created(
                        agent, fields("subject", "Nobody's " + tag, "comment", body("b"), "tags", List.of(tag)))
                .get("id")
                .asLong();
        assertThat(found(agent, "tags:" + tag)).containsExactlyInAnyOrder(mine, unassigned);

        // SQL's NOT over a comparison with NULL is NULL: tickets without an assignee, group or type drop out.
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(found(agent, "tags:" + tag + " -assignee:me"))
                .as("an unassigned ticket is not assigned to me")
                .containsExactly(unassigned);
        softly.assertThat(found(agent, "tags:" + tag + " -group_id:" + team.group()))
                .as("a ticket in no group is not in this group")
                .containsExactly(unassigned);
        softly.assertThat(found(agent, "tags:" + tag + " -ticket_type:incident"))
                .as("a ticket without a type is not an incident")
                .containsExactly(unassigned);
        softly.assertThat(found(agent, "tags:" + tag + " -priority:high"))
                .as("a ticket without a priority is not high")
                .containsExactlyInAnyOrder(mine, unassigned);
        softly.assertAll();
    }

    // ---- Zendesk's free text -----------------------------------------------------------------------------

    @Test
    void aBareNumberFindsTheTicketWithThatIdAndAWordFindsLongerWordsItStarts() {
        Api agent = as(agent());
        long ticket = created(
                        agent,
                        fields(
                                "subject",
                                "Topology " + tag,
                                "comment",
                                body("the switch fabric"),
                                "tags",
                                List.of(tag)))
                .get("id")
                .asLong();
        SoftAssertions softly = new SoftAssertions();
        // developer.zendesk.com, Search: "query=3245227: The ticket with the id 3245227".
        softly.assertThat(found(agent, Long.toString(ticket)))
                .as("a bare number finds the ticket with that id")
                .contains(ticket);
        // "the search results for top will include ... the prefix of a longer word (topology)".
        softly.assertThat(found(agent, "tags:" + tag + " top"))
                .as("a word finds the longer words it starts")
                .containsExactly(ticket);
        softly.assertAll();
    }

    // ---- what the OpenAPI description says ----------------------------------------------------------------

    @Test
    void theSearchDescriptionDoesNotOfferTheCursorPagingSearchRefuses() {
        Api.Response refused = as(agent()).get("/api/v2/search?query=" + encoded("status<solved") + "&page[size]=10");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);

        JsonNode parameters =
                admin().withoutContract().get("/v3/api-docs").json().at("/paths/~1api~1v2~1search/get/parameters");
        List<String> names = new java.util.ArrayList<>();
        parameters.forEach(parameter -> names.add(parameter.get("name").asString()));
        assertThat(names).contains("query", "page", "per_page");
        // The paging customizer adds page[size], page[after] and page[before] (and "offset paging serves the first
        // 10000 rows, cursor paging every row") to every operation with a Paging parameter, search's too.
        assertThat(names)
                .as("search pages by page and per_page only, over the first 1000 results")
                .doesNotContain("page[size]", "page[after]", "page[before]");
    }
}
