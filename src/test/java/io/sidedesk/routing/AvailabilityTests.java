package io.sidedesk.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agent availabilities, JSON:API (docs/routing-contract.md, "Availability"): one agent's and the list's shapes with
 * their channels {@code included}, cursor paging in agent id order, the four filters, who sees whom (admins every
 * active assignable agent and admin; an agent themself and those who share a group with them; light agents and
 * end-users nobody, R3; a hidden private group's id never shown, R17), and each email channel's
 * {@code work_item_count} and {@code max_capacity} following the agent's routed tickets and capacity rule.
 */
class AvailabilityTests extends RoutingTestSupport {

    // ---- shapes ---------------------------------------------------------------------------------------------------

    @Test
    void oneAvailabilityIsJsonApiWithItsThreeChannelsIncluded() {
        Team team = team(true);
        TestUser agent = team.agent();
        createdRule(ruleBody("capacities", capacities(4, 2, 1), "agent_ids", List.of(agent.id())));
        online(agent);

        JsonNode body = availability(agent);

        JsonNode data = body.get("data");
        assertThat(data.propertyNames()).contains("type", "id", "attributes", "relationships");
        assertThat(data.get("type").asString()).isEqualTo("agent_availabilities");
        assertThat(data.get("id").asString()).isEqualTo("agent_availabilities|" + agent.id());
        JsonNode attributes = data.get("attributes");
        assertThat(attributes.get("agent_id").asLong()).isEqualTo(agent.id());
        assertThat(attributes.at("/agent_status/id").asLong()).isEqualTo(ONLINE);
        assertThat(attributes.at("/agent_status/name").asString()).isEqualTo("Online");
        assertThat(attributes.at("/agent_status/reason").asString()).isEqualTo("PUBLIC_API");
        assertThat(attributes.at("/agent_status/updated_at").asString()).isNotBlank();
        assertThat(longs(attributes.get("group_ids"))).containsExactly(team.group());
        assertThat(attributes.get("version").asLong()).isEqualTo(2);
        JsonNode related = data.at("/relationships/channels/data");
        assertThat(related).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(related.get(i).get("type").asString()).isEqualTo("channel");
            assertThat(related.get(i).get("id").asString()).isEqualTo(agent.id() + "|" + CHANNELS.get(i));
        }
        JsonNode included = body.get("included");
        assertThat(included).hasSize(3);
        included.forEach(c -> {
            assertThat(c.get("type").asString()).isEqualTo("channel");
            assertThat(c.get("id").asString()).startsWith(agent.id() + "|");
        });
        assertThat(channel(body, agent.id(), "email")).isEqualTo(json(channelOf("email", "online", 4, 0)));
        assertThat(channel(body, agent.id(), "messaging")).isEqualTo(json(channelOf("messaging", "online", 2, 0)));
        assertThat(channel(body, agent.id(), "voice")).isEqualTo(json(channelOf("voice", "online", 1, 0)));
    }

    @Test
    void eachChannelShowsWhatTheAgentsStatusMapsItTo() {
        TestUser agent = agent();
        JsonNode mixed = customStatus("away", "transfers_only", "offline");

        JsonNode offline = availability(agent);
        setStatus(agent, mixed.get("id").asLong());
        JsonNode custom = availability(agent);
        setStatus(agent, TRANSFERS_ONLY);
        JsonNode transfers = availability(agent);

        for (String name : CHANNELS) {
            assertThat(channel(offline, agent.id(), name).get("status").asString())
                    .as(name)
                    .isEqualTo("offline");
            assertThat(channel(transfers, agent.id(), name).get("status").asString())
                    .as(name)
                    .isEqualTo("transfers_only");
        }
        assertThat(channel(custom, agent.id(), "email").get("status").asString())
                .isEqualTo("away");
        assertThat(channel(custom, agent.id(), "messaging").get("status").asString())
                .isEqualTo("transfers_only");
        assertThat(channel(custom, agent.id(), "voice").get("status").asString())
                .isEqualTo("offline");
        assertThat(custom.at("/data/attributes/agent_status/name").asString())
                .isEqualTo(mixed.at("/attributes/name").asString());
    }

    @Test
    void theListIsInAgentIdOrderWithTheirChannelsIncludedAndPagesByCursorBothWays() {
        long group = group(true);
        List<Long> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(memberOf(group).id());
        }

        List<JsonNode> pages = availabilityPages(admin(), groupFilter(group), 2);

        assertThat(pages).hasSize(3);
        List<Long> listed = new ArrayList<>();
        for (JsonNode page : pages) {
            assertThat(page.propertyNames()).contains("data", "included", "links", "meta");
            assertThat(page.has("count")).isFalse();
            assertThat(page.get("links").propertyNames()).contains("first", "prev", "next");
            assertThat(page.get("meta").propertyNames()).contains("has_more", "after_cursor", "before_cursor");
            Set<String> expectedChannels = new LinkedHashSet<>();
            page.get("data").forEach(a -> {
                long agent = a.at("/attributes/agent_id").asLong();
                listed.add(agent);
                CHANNELS.forEach(name -> expectedChannels.add(agent + "|" + name));
            });
            Set<String> includedChannels = new LinkedHashSet<>();
            page.get("included").forEach(c -> includedChannels.add(c.get("id").asString()));
            assertThat(includedChannels)
                    .as("the channels of the agents of the page")
                    .isEqualTo(expectedChannels);
        }
        assertThat(listed).as("in agent id order").isEqualTo(members);
        assertThat(pages.get(0).at("/links/prev").isNull()).isTrue();

        List<Long> backward = new ArrayList<>();
        JsonNode page = pages.get(pages.size() - 1);
        while (true) {
            List<Long> ids = new ArrayList<>();
            page.get("data").forEach(a -> ids.add(a.at("/attributes/agent_id").asLong()));
            backward.addAll(0, ids);
            JsonNode prev = page.at("/links/prev");
            if (prev.isNull() || prev.isMissingNode()) {
                break;
            }
            Api.Response previous = admin().get(prev.asString());
            assertThat(previous.status()).as(previous.toString()).isEqualTo(200);
            page = previous.json();
        }
        assertThat(backward).as("links.prev back to the first page").isEqualTo(members);
    }

    @Test
    void aPageHoldsOneToAHundredAgents() {
        for (String size : List.of("0", "101", "-1", "abc")) {
            Api.Response response = admin().get(AVAILABILITIES + "?page[size]=" + size);
            assertThat(response.status()).as(size + " → " + response).isEqualTo(400);
            assertThat(response.json().path("details").has("page[size]"))
                    .as(size + " → " + response)
                    .isTrue();
        }
        Api.Response unsized = admin().get(AVAILABILITIES);
        assertThat(unsized.status()).as(unsized.toString()).isEqualTo(200);
        assertThat(unsized.json().get("data").size()).as("100 by default").isLessThanOrEqualTo(100);
        assertThat(unsized.json().has("meta")).isTrue();
    }

    // ---- filters --------------------------------------------------------------------------------------------------

    @Test
    void filterAgentIdListsExactlyThoseAgents() {
        TestUser a = agent();
        TestUser b = agent();
        TestUser c = agent();

        assertThat(listedAgents(admin(), "filter[agent_id]=" + c.id() + "," + a.id()))
                .containsExactly(a.id(), c.id());
        assertThat(listedAgents(admin(), "filter[agent_id]=" + b.id())).containsExactly(b.id());
    }

    @Test
    void filterChannelStatusListsTheAgentsWhoseChannelIsInThatStatus() {
        long group = group(true);
        TestUser online = memberOf(group);
        TestUser away = memberOf(group);
        TestUser offline = memberOf(group);
        TestUser transfers = memberOf(group);
        online(online);
        away(away);
        setStatus(
                transfers,
                customStatus("transfers_only", "online", "away").get("id").asLong());
        String inGroup = groupFilter(group) + "&filter[channel_status]=";

        assertThat(listedAgents(admin(), inGroup + "email:online")).containsExactly(online.id());
        assertThat(listedAgents(admin(), inGroup + "email:away")).containsExactly(away.id());
        assertThat(listedAgents(admin(), inGroup + "email:offline")).containsExactly(offline.id());
        assertThat(listedAgents(admin(), inGroup + "email:transfers_only")).containsExactly(transfers.id());
        assertThat(listedAgents(admin(), inGroup + "messaging:online")).containsExactly(online.id(), transfers.id());
        assertThat(listedAgents(admin(), inGroup + "voice:away")).containsExactly(away.id(), transfers.id());
    }

    @Test
    void filterRemainingCapacityListsTheAgentsWithAtLeastThatManySpare() {
        long group = group(true);
        TestUser one = memberOf(group);
        TestUser three = memberOf(group);
        TestUser twoWithOneTicket = memberOf(group);
        capacityRule(1, one);
        capacityRule(3, three);
        capacityRule(2, twoWithOneTicket);
        long own = group(true);
        membership(twoWithOneTicket, own);
        online(one, three, twoWithOneTicket);
        turnOnRouting();
        long routed = ticketIn(own);
        awaitAssignee(routed, twoWithOneTicket);
        String inGroup = groupFilter(group) + "&filter[remaining_capacity]=";

        assertThat(listedAgents(admin(), inGroup + "email:2")).containsExactly(three.id());
        assertThat(listedAgents(admin(), inGroup + "email:1"))
                .containsExactly(one.id(), three.id(), twoWithOneTicket.id());
        assertThat(listedAgents(admin(), inGroup + "email:3")).containsExactly(three.id());
        assertThat(listedAgents(admin(), inGroup + "email:4")).isEmpty();
    }

    @Test
    void filterGroupIdListsTheGroupsActiveAssignableMembersOnly() {
        long group = group(true);
        TestUser agent = memberOf(group);
        TestUser admin = user("admin");
        membership(admin, group);
        TestUser light = lightAgent();
        membership(light, group);
        TestUser gone = memberOf(group);
        assertThat(admin().delete("/api/v2/users/" + gone.id()).status()).isEqualTo(200);
        TestUser elsewhere = memberOf(group(true));

        List<Long> listed = listedAgents(admin(), groupFilter(group));

        assertThat(listed).containsExactly(agent.id(), admin.id());
        assertThat(listed).doesNotContain(light.id(), gone.id(), elsewhere.id());
    }

    // ---- who sees whom ---------------------------------------------------------------------------------------------

    @Test
    void anAdminSeesEveryActiveAgentAndAdminWhoCanBeAssigned() {
        TestUser agent = agent();
        TestUser admin = user("admin");
        TestUser light = lightAgent();
        TestUser endUser = endUser();
        TestUser gone = agent();
        assertThat(admin().delete("/api/v2/users/" + gone.id()).status()).isEqualTo(200);

        assertThat(availability(agent).at("/data/attributes/agent_id").asLong()).isEqualTo(agent.id());
        assertThat(availability(admin).at("/data/attributes/agent_id").asLong()).isEqualTo(admin.id());
        assertNotFound(admin().get(availabilityOf(light)));
        assertNotFound(admin().get(availabilityOf(endUser)));
        assertNotFound(admin().get(availabilityOf(gone)));
        assertNotFound(admin().get(AVAILABILITIES + "/" + MISSING));
        assertThat(listedAgents(
                        admin(),
                        "filter[agent_id]=" + agent.id() + "," + admin.id() + "," + light.id() + "," + endUser.id()
                                + "," + gone.id()))
                .containsExactly(agent.id(), admin.id());
    }

    @Test
    void anAgentSeesThemselfAndTheAgentsWhoShareAGroupWithThem() {
        long group = group(true);
        TestUser caller = memberOf(group);
        TestUser colleague = memberOf(group);
        TestUser stranger = memberOf(group(true));
        TestUser loner = agent();
        Api api = as(caller);

        assertThat(availability(api, caller).at("/data/attributes/agent_id").asLong())
                .isEqualTo(caller.id());
        assertThat(availability(api, colleague).at("/data/attributes/agent_id").asLong())
                .isEqualTo(colleague.id());
        assertNotFound(api.get(availabilityOf(stranger)));
        assertNotFound(api.get(availabilityOf(loner)));
        String everyone =
                "filter[agent_id]=" + stranger.id() + "," + colleague.id() + "," + caller.id() + "," + loner.id();
        assertThat(listedAgents(api, everyone)).containsExactly(caller.id(), colleague.id());
        assertThat(listedAgents(api, "")).contains(caller.id(), colleague.id()).doesNotContain(stranger.id());
        assertThat(listedAgents(as(loner), everyone))
                .as("an agent in no group sees only themself")
                .containsExactly(loner.id());
        assertNotFound(as(loner).get(availabilityOf(caller)));
    }

    @Test
    void lightAgentsAndEndUsersSeeNoAvailability_R3() {
        long group = group(true);
        TestUser agent = memberOf(group);
        TestUser light = lightAgent();
        membership(light, group);

        for (TestUser caller : List.of(light, user("agent", lightAgentRole("all")), endUser())) {
            assertForbidden(as(caller).get(availabilityOf(agent)));
            assertForbidden(as(caller).get(AVAILABILITIES));
            assertForbidden(as(caller).get(AVAILABILITIES + "?" + groupFilter(group)));
        }
    }

    @Test
    void aHiddenPrivateGroupIsNotAmongAnAgentsGroupIds_R17() {
        long shared = group(true);
        long secret = group(false);
        TestUser member = memberOf(shared, secret);
        TestUser insider = memberOf(shared, secret);
        TestUser outsider = memberOf(shared);

        assertThat(longs(availability(as(outsider), member).at("/data/attributes/group_ids")))
                .containsExactly(shared);
        assertThat(longs(availability(admin(), member).at("/data/attributes/group_ids")))
                .containsExactlyInAnyOrder(shared, secret);
        assertThat(longs(availability(as(insider), member).at("/data/attributes/group_ids")))
                .containsExactlyInAnyOrder(shared, secret);
        for (JsonNode page : availabilityPages(as(outsider), "filter[agent_id]=" + member.id(), 100)) {
            page.get("data").forEach(a -> assertThat(longs(a.at("/attributes/group_ids")))
                    .as("in the list too")
                    .containsExactly(shared));
        }
        Api.Response bySecret = as(outsider).get(AVAILABILITIES + "?" + groupFilter(secret));
        assertThat(bySecret.status()).as(bySecret.toString()).isIn(200, 404);
        if (bySecret.status() == 200) {
            assertThat(bySecret.json().get("data"))
                    .as("a group the caller may not see lists nobody")
                    .isEmpty();
        }
    }

    // ---- work items and capacity ------------------------------------------------------------------------------------

    @Test
    void theEmailWorkItemsAreTheAgentsRoutedTicketsThatAreNewOrOpen_R21() {
        Team team = team(true);
        TestUser agent = team.agent();
        capacityRule(5, agent);
        online(agent);
        turnOnRouting();
        long first = ticketIn(team.group());
        long second = ticketIn(team.group());
        long third = ticketIn(team.group());
        awaitAssignee(first, agent);
        awaitAssignee(second, agent);
        awaitAssignee(third, agent);

        assertThat(awaitEmail(agent, c -> c.get("work_item_count").asInt() == 3)
                        .get("max_capacity")
                        .asInt())
                .isEqualTo(5);
        TestUser other = memberOf(team.group());
        long byHand = ticketIn(team.group(), "assignee_id", agent.id());
        assertThat(assignee(byHand)).isEqualTo(agent.id());
        assertThat(email(agent).get("work_item_count").asInt())
                .as("a ticket assigned by hand is no routed work")
                .isEqualTo(3);

        solve(first);
        awaitEmail(agent, c -> c.get("work_item_count").asInt() == 2);
        updated(admin(), second, fields("status", "pending"));
        awaitEmail(agent, c -> c.get("work_item_count").asInt() == 1);
        routingSettings(Map.of("count_pending_and_on_hold", true));
        awaitEmail(agent, c -> c.get("work_item_count").asInt() == 2);
        updated(admin(), third, fields("status", "hold"));
        assertThat(email(agent).get("work_item_count").asInt())
                .as("on hold counts when counted")
                .isEqualTo(2);
        updated(admin(), third, fields("assignee_id", other.id()));
        awaitEmail(agent, c -> c.get("work_item_count").asInt() == 1);
        JsonNode body = availability(agent);
        assertThat(channel(body, agent.id(), "messaging").get("work_item_count").asInt())
                .isZero();
        assertThat(channel(body, agent.id(), "voice").get("work_item_count").asInt())
                .isZero();
        assertThat(email(other).get("work_item_count").asInt())
                .as("a ticket reassigned by hand is not routed work of its new assignee")
                .isZero();
    }

    @Test
    void theMaxCapacityIsWhatTheAgentsCapacityRuleGives() {
        TestUser agent = agent();
        JsonNode defaults = defaultRule().get("capacities");
        JsonNode body = availability(agent);
        for (String name : CHANNELS) {
            assertThat(channel(body, agent.id(), name).get("max_capacity").asInt())
                    .as("the default rule's %s", name)
                    .isEqualTo(defaults.get(name).asInt());
        }

        String rule = capacityRule(7, agent);
        assertThat(email(agent).get("max_capacity").asInt()).isEqualTo(7);
        assertThat(channel(availability(agent), agent.id(), "messaging")
                        .get("max_capacity")
                        .asInt())
                .as("a capacity not given is 0")
                .isZero();
        changedRule(rule, Map.of("capacities", capacities(2, 3, 0)));
        assertThat(email(agent).get("max_capacity").asInt()).isEqualTo(2);
        assertThat(channel(availability(agent), agent.id(), "messaging")
                        .get("max_capacity")
                        .asInt())
                .isEqualTo(3);
        String other = capacityRule(9, agent);
        assertThat(email(agent).get("max_capacity").asInt())
                .as("the rule that named them last")
                .isEqualTo(9);
        assertThat(admin().delete(RULES + "/" + other).status()).isEqualTo(204);
        assertThat(email(agent).get("max_capacity").asInt())
                .as("back to the default rule, not to the rule they left")
                .isEqualTo(defaults.get("email").asInt());
        assertThat(longs(rule(rule).get("agent_ids"))).doesNotContain(agent.id());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static Map<String, Object> channelOf(String name, String status, int max, int work) {
        return fields("name", name, "status", status, "max_capacity", max, "work_item_count", work);
    }
}
