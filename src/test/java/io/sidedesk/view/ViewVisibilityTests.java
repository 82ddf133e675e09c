package io.sidedesk.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view never shows or counts a ticket its caller may not see (SPEC §1, R3, R17; docs/views-contract.md): not in its
 * tickets, its count, count_many, a preview or the export; whoever runs a view is the one whose visibility, groups and
 * {@code current_user} count. A view restricted to a group is a 404 everywhere to those outside it, and a private
 * group the reader may not know of is left out of a restriction (R22). End-users are refused every view endpoint.
 */
class ViewVisibilityTests extends ViewTestSupport {

    @Test
    void aPrivateGroupsTicketIsNeitherListedNorCountedForAnAgentOutsideTheGroup_R17() {
        Team hidden = team(false);
        long inPrivate = ticketOf("group_id", hidden.group(), "status", "open");
        long inNone = ticketOf("status", "open");
        long view = viewWith(condition("status", "is", "open"));
        TestUser outsider = agent();

        assertSeesOnly(as(outsider), view, inNone);
        assertSeesOnly(as(lightAgent()), view, inNone);
        assertSeesOnly(as(hidden.agent()), view, inPrivate, inNone);
        assertSeesOnly(admin(), view, inPrivate, inNone);
        TestUser joined = agent();
        membership(joined, hidden.group());
        assertSeesOnly(as(joined), view, inPrivate, inNone);
    }

    /** A light agent role keeps the ticket access it shows (R3), in views as everywhere. */
    @Test
    void aLightAgentSeesInAViewWhatTheirAccessShows_R3() {
        Team team = team(true);
        Team other = team(true);
        long inTeam = ticketOf("group_id", team.group());
        long inOther = ticketOf("group_id", other.group());
        long inNone = ticketOf();
        long inPrivate = ticketOf("group_id", group(false));
        long view = view().get("id").asLong();
        TestUser light = lightAgent();
        TestUser lightWithin = user("agent", lightAgentRole("within-groups"));
        membership(lightWithin, team.group());
        TestUser lightAssignedOnly = user("agent", lightAgentRole("assigned-only"));
        membership(lightAssignedOnly, team.group());

        assertSeesOnly(as(light), view, inTeam, inOther, inNone);
        assertSeesOnly(as(lightWithin), view, inTeam);
        assertSeesOnly(as(lightAssignedOnly), view);
        assertSeesOnly(admin(), view, inTeam, inOther, inNone, inPrivate);
    }

    @Test
    void anAgentWithRestrictedTicketAccessSeesInAViewOnlyTheirTickets() {
        Team team = team(true);
        Team other = team(true);
        TestUser within = user("agent", customRole(Map.of("ticket_access", "within-groups")));
        membership(within, team.group());
        TestUser assignedOnly = user("agent", customRole(Map.of("ticket_access", "assigned-only")));
        membership(assignedOnly, team.group());
        long inTeam = ticketOf("group_id", team.group());
        long assigned = ticketOf("group_id", team.group(), "assignee_id", assignedOnly.id());
        long inOther = ticketOf("group_id", other.group());
        long inNone = ticketOf();
        long view = view().get("id").asLong();

        assertSeesOnly(as(within), view, inTeam, assigned);
        assertSeesOnly(as(assignedOnly), view, assigned);
        assertSeesOnly(as(agent()), view, inTeam, assigned, inOther, inNone);
    }

    @Test
    void aDeletedTicketIsNeverListedNorCounted() {
        long kept = ticketOf();
        long deleted = ticketOf();
        long view = view().get("id").asLong();
        assertSeesOnly(admin(), view, kept, deleted);

        Api.Response response = admin().delete("/api/v2/tickets/" + deleted);
        assertThat(response.status()).as(response.toString()).isEqualTo(204);

        assertSeesOnly(admin(), view, kept);
        assertSeesOnly(as(agent()), view, kept);
    }

    /** current_user and current_groups are the caller's, not the view's owner's. */
    @Test
    void whoeverRunsAViewIsItsCurrentUser() {
        Team team = team(true);
        TestUser owner = team.agent();
        Team other = team(true);
        long ownersTicket = ticketOf("group_id", team.group(), "assignee_id", owner.id());
        long othersTicket =
                ticketOf("group_id", other.group(), "assignee_id", other.agent().id());
        long personal = createdView(
                        as(owner),
                        viewBody(
                                "restriction",
                                userRestriction(owner.id()),
                                "all",
                                allOf(condition("assignee_id", "is", "current_user"))))
                .get("id")
                .asLong();
        long shared = viewWith(condition("group_id", "is", "current_groups"));

        assertThat(listedAndCounted(as(owner), personal)).containsExactly(ownersTicket);
        assertThat(listedAndCounted(admin(), personal))
                .as("the admin runs it as the admin")
                .isEmpty();
        assertThat(listedAndCounted(as(owner), shared)).containsExactly(ownersTicket);
        assertThat(listedAndCounted(as(other.agent()), shared)).containsExactly(othersTicket);
    }

    // ---- restrictions -------------------------------------------------------------------------------------------

    @Test
    void aGroupViewIsA404EverywhereToThoseOutsideTheGroup() {
        Team team = team(true);
        TestUser outsider = agent();
        TestUser lightMember = lightAgent();
        membership(lightMember, team.group());
        ticketOf("group_id", team.group());
        JsonNode created = view("restriction", groupRestriction(team.group()));
        long id = created.get("id").asLong();
        String path = VIEWS + "/" + id;
        Api api = as(outsider);

        assertNotFound(api.get(path));
        assertNotFound(putView(api, id, Map.of("title", "Taken " + tag)));
        assertNotFound(api.delete(path));
        assertNotFound(api.get(path + "/tickets"));
        assertNotFound(api.get(path + "/count"));
        assertNotFound(api.get(path + "/export"));
        assertNotFound(api.put(VIEWS + "/update_many", Map.of("views", List.of(fields("id", id, "active", false)))));
        assertThat(viewIds(api, VIEWS)).doesNotContain(id);
        assertThat(viewIds(api, VIEWS + "/active")).doesNotContain(id);
        assertThat(ids(api.get(VIEWS + "/compact").json().get("views"))).doesNotContain(id);
        assertThat(viewIds(api, VIEWS + "/search?query=" + tag)).doesNotContain(id);
        assertThat(api.get(VIEWS + "/count_many?ids=" + id).json().get("view_counts"))
                .isEmpty();
        assertThat(showView(id)).as("nothing written").isEqualTo(created);

        for (TestUser member : List.of(team.agent(), lightMember)) {
            assertThat(as(member).get(path).status()).as("a member uses it").isEqualTo(200);
            assertThat(viewIds(as(member), VIEWS)).contains(id);
            assertThat(listedAndCounted(as(member), id)).hasSize(1);
        }
    }

    /** A private group's id is for its members and admins (R22): a reader outside it does not find it named. */
    @Test
    void aPrivateGroupInARestrictionIsLeftOutForThoseWhoMayNotSeeIt_R22() {
        Team open = team(true);
        Team hidden = team(false);
        TestUser both = agent();
        membership(both, open.group());
        membership(both, hidden.group());
        long publicFirst = view("restriction", groupRestriction(open.group(), hidden.group()))
                .get("id")
                .asLong();
        long privateFirst = view("restriction", groupRestriction(hidden.group(), open.group()))
                .get("id")
                .asLong();

        for (long id : List.of(publicFirst, privateFirst)) {
            JsonNode seenOutside = as(open.agent()).get(VIEWS + "/" + id).json().at("/view/restriction");
            assertThat(longs(seenOutside.get("ids")))
                    .as("ids as an outsider reads them")
                    .containsExactly(open.group());
            assertThat(seenOutside.get("id").asLong())
                    .as("id as an outsider reads it")
                    .isEqualTo(open.group());
            for (JsonNode listed :
                    as(open.agent()).get(VIEWS + "/search?query=" + tag).json().get("views")) {
                assertThat(longs(listed.at("/restriction/ids")))
                        .as("ids as an outsider finds them listed")
                        .doesNotContain(hidden.group());
                assertThat(listed.at("/restriction/id").asLong()).isNotEqualTo(hidden.group());
            }
            assertThat(longs(as(both).get(VIEWS + "/" + id).json().at("/view/restriction/ids")))
                    .containsExactlyInAnyOrder(open.group(), hidden.group());
            assertThat(longs(showView(id).at("/restriction/ids")))
                    .containsExactlyInAnyOrder(open.group(), hidden.group());
        }
    }

    @Test
    void endUsersAreForbiddenEveryViewEndpointAndAnonymousCallersAreUnauthorized() {
        long id = view().get("id").asLong();
        TestUser customer = endUser();
        Api endUser = as(customer);
        ticketOf("requester_id", customer.id());
        JsonNode before = showView(id);

        for (String read : List.of(
                VIEWS,
                VIEWS + "/active",
                VIEWS + "/compact",
                VIEWS + "/search?query=" + tag,
                VIEWS + "/definitions",
                VIEWS + "/count_many?ids=" + id,
                VIEWS + "/" + id,
                VIEWS + "/" + id + "/tickets",
                VIEWS + "/" + id + "/count",
                VIEWS + "/" + id + "/export")) {
            assertForbidden(endUser.get(read));
            Api.Response anonymous = api().get(read);
            assertThat(anonymous.status()).as(read + " → " + anonymous).isEqualTo(401);
        }
        Map<String, Object> preview = Map.of("view", fields("all", allOf()));
        List<Api.Response> writes = new ArrayList<>();
        writes.add(postView(endUser, viewBody()));
        writes.add(postView(endUser, viewBody("restriction", userRestriction(customer.id()))));
        writes.add(putView(endUser, id, Map.of("title", "Taken " + tag)));
        writes.add(endUser.delete(VIEWS + "/" + id));
        writes.add(endUser.put(VIEWS + "/update_many", Map.of("views", List.of(fields("id", id, "active", false)))));
        writes.add(endUser.post(VIEWS + "/preview", preview));
        writes.add(endUser.post(VIEWS + "/preview/count", preview));
        writes.forEach(response -> assertForbidden(response));
        assertThat(postView(api(), viewBody()).status()).isEqualTo(401);
        assertThat(api().post(VIEWS + "/preview", preview).status()).isEqualTo(401);
        assertThat(showView(id)).as("nothing written").isEqualTo(before);
        assertThat(mineOf(admin(), VIEWS)).containsExactly(id);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * The view's tickets for this caller are exactly these, and so are its count, its count in count_many, its
     * export, and the preview and preview count of the same conditions.
     */
    private void assertSeesOnly(Api caller, long view, Long... expected) {
        assertThat(listedAndCounted(caller, view)).as("listed").containsExactlyInAnyOrder(expected);
        JsonNode counts = caller.get(VIEWS + "/count_many?ids=" + view).json().get("view_counts");
        assertThat(counts).hasSize(1);
        assertThat(counts.get(0).get("value").asLong()).as("count_many").isEqualTo(expected.length);
        assertThat(ids(cursorPages(caller, VIEWS + "/" + view + "/export", "tickets", 100)))
                .as("exported")
                .containsExactlyInAnyOrder(expected);
        JsonNode conditions = showView(view).get("conditions");
        Map<String, Object> preview =
                Map.of("view", fields("all", conditions.get("all"), "any", conditions.get("any")));
        Api.Response previewed = caller.post(VIEWS + "/preview", preview);
        assertThat(previewed.status()).as(previewed.toString()).isEqualTo(200);
        assertThat(rowTicketIds(previewed.json())).as("previewed").containsExactlyInAnyOrder(expected);
        assertThat(previewed.json().get("count").asLong()).isEqualTo(expected.length);
        Api.Response counted = caller.post(VIEWS + "/preview/count", preview);
        assertThat(counted.status()).as(counted.toString()).isEqualTo(200);
        assertThat(counted.json().at("/view_count/value").asLong())
                .as("preview count")
                .isEqualTo(expected.length);
    }
}
