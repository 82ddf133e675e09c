package io.sidedesk.ticket;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.all;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static io.sidedesk.ApiAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v2/tickets} honours its filters (status, group, assignee, requester, external id; all of them at
 * once when combined) and its order, and Zendesk's per-person lists (requested, assigned, CC'd) exist: always within
 * what the caller may see (R17), and a parameter that cannot be read is a 400 naming it (issue 22).
 */
class TicketListFilterTests extends ApiTestSupport {

    private List<Long> listed(Api caller, String query) {
        return idsOf(all(caller, "/api/v2/tickets?" + query, "tickets"));
    }

    private List<Long> listed(TestUser caller, String query) {
        return listed(as(caller), query);
    }

    private static List<Long> idsOf(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asLong()).toList();
    }

    private long ticket(Map<String, Object> fields) {
        Map<String, Object> ticket = new java.util.LinkedHashMap<>(fields);
        ticket.putIfAbsent("subject", unique("Filtered"));
        ticket.put("comment", Map.of("body", "Please help."));
        return created(admin(), ticket).get("id").asLong();
    }

    @Test
    void theFiltersCombineAndHoldForEveryTicketListed() {
        Team team = team(true);
        TestUser requester = endUser();
        long open = ticket(Map.of("group_id", team.group(), "status", "open", "requester_id", requester.id()));
        long pending = ticket(Map.of(
                "group_id",
                team.group(),
                "status",
                "pending",
                "assignee_id",
                team.agent().id()));
        long elsewhere = ticket(Map.of("status", "open", "requester_id", requester.id()));

        assertThat(listed(admin(), "group_id=" + team.group())).containsExactly(open, pending);
        assertThat(listed(admin(), "group_id=" + team.group() + "&status=open")).containsExactly(open);
        assertThat(listed(admin(), "group_id=" + team.group() + "&status=open,pending"))
                .containsExactly(open, pending);
        assertThat(listed(admin(), "assignee_id=" + team.agent().id())).containsExactly(pending);
        assertThat(listed(admin(), "requester_id=" + requester.id())).containsExactly(open, elsewhere);
        assertThat(listed(admin(), "requester_id=" + requester.id() + "&group_id=" + team.group()))
                .containsExactly(open);
        assertThat(listed(
                        admin(),
                        "group_id=" + team.group() + "&assignee_id="
                                + team.agent().id() + "&status=open"))
                .isEmpty();
        for (JsonNode ticket : all(admin(), "/api/v2/tickets?status=pending&group_id=" + team.group(), "tickets")) {
            assertThat(ticket.get("status").asString()).isEqualTo("pending");
            assertThat(ticket.get("group_id").asLong()).isEqualTo(team.group());
        }
    }

    @Test
    void aFilterNeverWidensWhatTheCallerSees_R17() {
        long hidden = group(false);
        TestUser outsider = agent();
        long secret = ticket(Map.of("group_id", hidden));

        assertThat(listed(outsider, "group_id=" + hidden)).isEmpty();
        assertThat(listed(admin(), "group_id=" + hidden)).containsExactly(secret);

        TestUser requester = endUser();
        long theirs = ticket(Map.of("requester_id", requester.id()));
        TestUser other = endUser();
        assertThat(listed(requester, "requester_id=" + requester.id())).containsExactly(theirs);
        assertThat(listed(other, "requester_id=" + requester.id())).isEmpty();
    }

    @Test
    void newestFirstAcrossCursorPages() {
        Team team = team(true);
        long first = ticket(Map.of("group_id", team.group()));
        long second = ticket(Map.of("group_id", team.group()));
        long third = ticket(Map.of("group_id", team.group()));

        Api.Response page = admin().get("/api/v2/tickets?group_id=" + team.group() + "&sort_order=desc&page[size]=2");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(ids(page.json().get("tickets"))).containsExactly(third, second);
        String next = page.json().at("/links/next").asString();
        Api.Response rest = admin().get(next.substring(next.indexOf("/api/v2/")));
        assertThat(ids(rest.json().get("tickets"))).containsExactly(first);
        assertThat(listed(admin(), "group_id=" + team.group() + "&sort_by=created_at&sort_order=asc"))
                .containsExactly(first, second, third);
    }

    @Test
    void unreadableParametersAre400sNamingThem() {
        for (String query : List.of("status=opened", "status=open,", "group_id=0", "assignee_id=-3", "sort_order=up")) {
            Api.Response response = admin().get("/api/v2/tickets?" + query);
            assertThat(response.status()).as(query + ": " + response).isEqualTo(400);
            String parameter = query.substring(0, query.indexOf('='));
            assertThat(response.json().get("details").has(parameter))
                    .as("details name %s: %s", parameter, response)
                    .isTrue();
        }
    }

    @Test
    void sortKeysZendeskAcceptsButSidedeskDoesNotSortByLeaveTheListByIdAndDescAlsoPagesByOffset() {
        Team team = team(true);
        long first = ticket(Map.of("group_id", team.group(), "priority", "urgent"));
        long second = ticket(Map.of("group_id", team.group(), "priority", "low"));
        long third = ticket(Map.of("group_id", team.group(), "priority", "high"));

        for (String sortBy : List.of("updated_at", "priority", "status", "")) {
            assertThat(listed(admin(), "group_id=" + team.group() + "&sort_by=" + sortBy))
                    .as(sortBy)
                    .containsExactly(first, second, third);
        }
        assertThat(listed(admin(), "group_id=" + team.group() + "&sort_by=updated_at&sort_order=DESC"))
                .containsExactly(third, second, first);
        Api.Response page =
                admin().get("/api/v2/tickets?group_id=" + team.group() + "&sort_order=desc&per_page=2&page=2");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(ids(page.json().get("tickets"))).containsExactly(first);
        assertThat(page.json().get("count").asLong()).isEqualTo(3);
    }

    @Test
    void thePerPersonListsHoldTheUsersTicketsTheCallerMaySee_R17() {
        Team team = team(true);
        long hidden = group(false);
        TestUser requester = endUser();
        TestUser cc = endUser();
        long requested = ticket(
                Map.of("requester_id", requester.id(), "group_id", team.group(), "email_cc_ids", List.of(cc.id())));
        long assigned = ticket(
                Map.of("group_id", team.group(), "assignee_id", team.agent().id()));
        long secret = ticket(Map.of("requester_id", requester.id(), "group_id", hidden));
        String of = "/api/v2/users/";

        assertThat(idsOf(all(admin(), of + requester.id() + "/tickets/requested", "tickets")))
                .containsExactly(requested, secret);
        assertThat(idsOf(all(as(team.agent()), of + requester.id() + "/tickets/requested", "tickets")))
                .containsExactly(requested);
        assertThat(idsOf(all(as(requester), of + requester.id() + "/tickets/requested", "tickets")))
                .containsExactly(requested, secret);
        assertThat(idsOf(all(admin(), of + team.agent().id() + "/tickets/assigned", "tickets")))
                .containsExactly(assigned);
        assertThat(idsOf(all(admin(), of + cc.id() + "/tickets/ccd", "tickets")))
                .containsExactly(requested);
        assertThat(idsOf(all(as(cc), of + cc.id() + "/tickets/ccd", "tickets"))).containsExactly(requested);

        assertNotFound(as(cc).get(of + requester.id() + "/tickets/requested"));
        assertNotFound(admin().get(of + 987_654_321L + "/tickets/assigned"));
    }

    @Test
    void aPerPersonListCostsAtMostOneStatementMoreThanTheSameFilterOnTheTicketList() {
        TestUser requester = endUser();
        ticket(Map.of("requester_id", requester.id()));
        ticket(Map.of("requester_id", requester.id()));

        long filtered = counted(() -> admin().get("/api/v2/tickets?requester_id=" + requester.id()))
                .statements();
        long person = counted(() -> admin().get("/api/v2/users/" + requester.id() + "/tickets/requested"))
                .statements();
        long ownFiltered = counted(() -> as(requester).get("/api/v2/tickets?requester_id=" + requester.id()))
                .statements();
        long own = counted(() -> as(requester).get("/api/v2/users/" + requester.id() + "/tickets/requested"))
                .statements();

        System.out.printf(
                "statements: filtered %d, per person %d; as the requester %d and %d%n",
                filtered, person, ownFiltered, own);
        assertThat(person).isLessThanOrEqualTo(filtered + 1);
        assertThat(own).as("the requester's own list needs no look-up of them").isEqualTo(ownFiltered);
    }
}
