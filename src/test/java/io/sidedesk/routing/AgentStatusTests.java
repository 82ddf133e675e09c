package io.sidedesk.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Agent statuses (docs/routing-contract.md, "Agent statuses"): the four fixed system statuses and each one's channels,
 * custom statuses (create, change, delete, with their checks, and the system ones untouchable), and setting an
 * agent's status (an admin for anyone, an agent for themself; never a light agent, R3), with its reason, its version,
 * and what deleting a status in use, revoking an agent's last token and deactivating them do to it.
 */
class AgentStatusTests extends RoutingTestSupport {

    // ---- the statuses -----------------------------------------------------------------------------------------

    @Test
    void theSystemStatusesAreOfflineOnlineAwayAndTransfersOnlyInIdOrder() {
        JsonNode statuses = statuses(as(agent()));

        JsonNode system = statuses.get("default");
        assertThat(ids(system)).containsExactly(OFFLINE, ONLINE, AWAY, TRANSFERS_ONLY);
        assertThat(system.findValuesAsString("name")).containsExactly("Offline", "Online", "Away", "Transfers only");
        List<String> mapped = List.of("offline", "online", "away", "transfers_only");
        for (int i = 0; i < 4; i++) {
            JsonNode status = system.get(i);
            assertThat(status.get("type").asString()).isEqualTo("agent_status");
            assertThat(status.get("updated_at").asString()).isNotBlank();
            assertThat(status.at("/attributes/name").asString()).isNotBlank();
            assertThat(status.at("/attributes").has("description")).isTrue();
            assertThat(status.at("/attributes/channels"))
                    .as("each system status maps every channel to itself: %s", status)
                    .isEqualTo(json(channels(mapped.get(i), mapped.get(i), mapped.get(i))));
        }
        assertThat(statuses.get("custom").isArray()).isTrue();
        assertThat(ids(statuses.get("custom"))).doesNotContain(OFFLINE, ONLINE, AWAY, TRANSFERS_ONLY);
    }

    @Test
    void lightAgentsReadTheStatusesButEndUsersMayNot_R3() {
        JsonNode asAdmin = statuses(admin());

        assertThat(statuses(as(lightAgent())).get("default")).isEqualTo(asAdmin.get("default"));
        assertThat(statuses(as(user("agent", lightAgentRole("assigned-only")))).get("default"))
                .isEqualTo(asAdmin.get("default"));
        assertForbidden(as(endUser()).get(STATUSES));
    }

    @Test
    void aCustomStatusIsCreatedWithItsChannelsAndListedByName() {
        Map<String, Object> second = statusBody(channels("away", "online", "transfers_only"));
        second.put("name", "b " + tag);
        Map<String, Object> first = statusBody(channels("online", "offline", "offline"));
        first.put("name", "a " + tag);
        first.put("description", "Answers email only");

        Api.Response response = postStatus(admin(), first);
        JsonNode b = customStatus(second);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode a = response.json().get("agent_status");
        assertThat(a.get("id").isIntegralNumber()).isTrue();
        assertThat(a.get("type").asString()).isEqualTo("agent_status");
        assertThat(Instant.parse(a.get("updated_at").asString())).isNotNull();
        assertThat(a.at("/attributes/name").asString()).isEqualTo("a " + tag);
        assertThat(a.at("/attributes/description").asString()).isEqualTo("Answers email only");
        assertThat(a.at("/attributes/channels")).isEqualTo(json(channels("online", "offline", "offline")));
        assertThat(b.at("/attributes/channels")).isEqualTo(json(channels("away", "online", "transfers_only")));
        assertThat(myStatuses()).as("custom statuses in name order").containsExactly(a, b);
        assertThat(statuses(as(agent())).get("custom").findValuesAsString("name"))
                .as("agents read them too")
                .contains("a " + tag, "b " + tag);
    }

    @Test
    void anUpdateChangesOnlyTheKeysSent() {
        JsonNode status = customStatus("online", "online", "online");
        long id = status.get("id").asLong();
        String renamed = "Renamed " + tag;

        JsonNode changed = changedStatus(id, Map.of("name", renamed));

        assertThat(changed.get("id").asLong()).isEqualTo(id);
        assertThat(changed.at("/attributes/name").asString()).isEqualTo(renamed);
        assertThat(changed.at("/attributes/description")).isEqualTo(status.at("/attributes/description"));
        assertThat(changed.at("/attributes/channels")).isEqualTo(status.at("/attributes/channels"));

        JsonNode rechanneled = changedStatus(id, Map.of("channels", channels("away", "offline", "transfers_only")));
        assertThat(rechanneled.at("/attributes/name").asString()).isEqualTo(renamed);
        assertThat(rechanneled.at("/attributes/channels"))
                .isEqualTo(json(channels("away", "offline", "transfers_only")));
        JsonNode redescribed = changedStatus(id, Map.of("description", "Second"));
        assertThat(redescribed.at("/attributes/description").asString()).isEqualTo("Second");
        assertThat(redescribed.at("/attributes/channels")).isEqualTo(rechanneled.at("/attributes/channels"));
        assertThat(myStatuses()).containsExactly(redescribed);
    }

    @Test
    void aDeletedStatusIsA204ThenGone() {
        long id = customStatus("online", "online", "online").get("id").asLong();

        Api.Response deleted = admin().delete(STATUSES + "/" + id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(ids(statuses(admin()).get("custom"))).doesNotContain(id);
        assertNotFound(admin().delete(STATUSES + "/" + id));
        assertNotFound(admin().put(STATUSES + "/" + id, Map.of("agent_status", Map.of("description", "x"))));
        assertInvalid(putStatus(admin(), statusOf(agent()), id), "id");
    }

    @Test
    void anUnknownStatusIsA404() {
        assertNotFound(admin().put(STATUSES + "/" + MISSING, Map.of("agent_status", Map.of("description", "x"))));
        assertNotFound(admin().delete(STATUSES + "/" + MISSING));
    }

    @Test
    void theSystemStatusesCannotBeChangedOrDeleted() {
        JsonNode before = statuses(admin()).get("default");

        for (long id : List.of(OFFLINE, ONLINE, AWAY, TRANSFERS_ONLY)) {
            assertForbidden(admin().put(STATUSES + "/" + id, Map.of("agent_status", Map.of("name", "Mine " + tag))));
            assertForbidden(admin().put(
                            STATUSES + "/" + id,
                            Map.of("agent_status", Map.of("channels", channels("online", "online", "online")))));
            assertForbidden(admin().delete(STATUSES + "/" + id));
        }

        assertThat(statuses(admin()).get("default")).isEqualTo(before);
    }

    @TestFactory
    Stream<DynamicTest> aWrongStatusIsA422NamingThePlaceAndWritesNothing() {
        JsonNode taken = customStatus("online", "online", "online");
        String takenName = taken.at("/attributes/name").asString();
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no name", without(statusBody(all("online")), "name"), "name"));
        cases.add(new Case("an empty name", with(statusBody(all("online")), "name", ""), "name"));
        cases.add(new Case(
                "a name of 101 characters",
                with(statusBody(all("online")), "name", tag + "n".repeat(101 - tag.length())),
                "name"));
        cases.add(new Case("another status's name", with(statusBody(all("online")), "name", takenName), "name"));
        cases.add(new Case(
                "another status's name in other case",
                with(statusBody(all("online")), "name", takenName.toUpperCase(java.util.Locale.ROOT)),
                "name"));
        cases.add(new Case("a system status's name", with(statusBody(all("online")), "name", "Online"), "name"));
        cases.add(new Case(
                "a system status's name in other case",
                with(statusBody(all("away")), "name", "TRANSFERS ONLY"),
                "name"));
        cases.add(new Case("no channels", without(statusBody(all("online")), "channels"), "channels"));
        cases.add(
                new Case("no voice channel", statusBody(fields("email", "online", "messaging", "online")), "channels"));
        cases.add(
                new Case("no email channel", statusBody(fields("messaging", "online", "voice", "online")), "channels"));
        cases.add(new Case("an unknown channel value", statusBody(channels("busy", "online", "online")), "channels"));
        cases.add(new Case(
                "a channel value in capitals", statusBody(channels("online", "ONLINE", "online")), "channels"));
        cases.add(new Case(
                "a channel value not text",
                statusBody(fields("email", "online", "messaging", "online", "voice", 3)),
                "channels"));
        cases.add(new Case(
                "a null channel value",
                statusBody(fields("email", null, "messaging", "online", "voice", "online")),
                "channels"));
        cases.add(
                new Case("channels not an object", with(statusBody(all("online")), "channels", "online"), "channels"));

        return cases.stream()
                .map(wrong -> dynamicTest(wrong.what() + " is refused naming " + wrong.place(), () -> {
                    JsonNode before = statuses(admin());
                    Api.Response response = postStatus(admin().withoutContract(), wrong.status());
                    assertInvalidNaming(response, wrong.place());
                    assertThat(statuses(admin())).as("nothing written").isEqualTo(before);
                }));
    }

    @Test
    void aWrongUpdateIsA422AndLeavesTheStatusAsItWas() {
        JsonNode other = customStatus("online", "online", "online");
        long id = customStatus("away", "away", "away").get("id").asLong();
        JsonNode before = statuses(admin());
        Api api = admin().withoutContract();

        assertInvalidNaming(putStatusBody(api, id, Map.of("name", "")), "name");
        assertInvalidNaming(
                putStatusBody(
                        api, id, Map.of("name", other.at("/attributes/name").asString())),
                "name");
        assertInvalidNaming(putStatusBody(api, id, Map.of("name", "away")), "name");
        assertInvalidNaming(
                putStatusBody(api, id, Map.of("channels", channels("online", "online", "busy"))), "channels");
        assertInvalidNaming(
                putStatusBody(api, id, Map.of("description", "Fine", "channels", fields("email", "gone"))), "channels");

        assertThat(statuses(admin())).as("nothing written").isEqualTo(before);
    }

    @Test
    void atMostAHundredCustomStatuses() {
        int existing = statuses(admin()).get("custom").size();
        for (int i = existing; i < 100; i++) {
            customStatus("online", "online", "online");
        }
        JsonNode before = statuses(admin());
        assertThat(before.get("custom")).hasSize(100);

        Api.Response refused = postStatus(admin(), statusBody(all("online")));

        assertInvalid(refused, "base");
        assertThat(statuses(admin())).as("nothing written").isEqualTo(before);
    }

    @Test
    void onlyAdminsWriteStatuses() {
        long id = customStatus("online", "online", "online").get("id").asLong();
        JsonNode before = statuses(admin());

        for (TestUser caller : List.of(agent(), lightAgent(), endUser())) {
            Api api = as(caller);
            assertForbidden(postStatus(api, statusBody(all("online"))));
            assertForbidden(api.put(STATUSES + "/" + id, Map.of("agent_status", Map.of("name", "Mine " + tag))));
            assertForbidden(api.delete(STATUSES + "/" + id));
        }

        assertThat(statuses(admin())).as("nothing written").isEqualTo(before);
    }

    // ---- an agent's status --------------------------------------------------------------------------------------

    @Test
    void anAgentWhoNeverSetAStatusIsOfflineForAnUnknownReasonAtVersionOne() {
        TestUser agent = agent();

        JsonNode attributes = availability(agent).at("/data/attributes");

        assertThat(attributes.at("/agent_status/id").asLong()).isEqualTo(OFFLINE);
        assertThat(attributes.at("/agent_status/name").asString()).isEqualTo("Offline");
        assertThat(attributes.at("/agent_status/reason").asString()).isEqualTo("UNKNOWN");
        assertThat(attributes.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void anAdminSetsAnAgentsStatusForTheReasonPublicApi() {
        TestUser agent = agent();

        Api.Response response = putStatus(admin(), statusOf(agent), ONLINE);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(data.get("type").asString()).isEqualTo("agent_availabilities");
        assertThat(data.get("id").asString()).isEqualTo("agent_availabilities|" + agent.id());
        assertThat(data.at("/attributes/agent_id").asLong()).isEqualTo(agent.id());
        JsonNode status = data.at("/attributes/agent_status");
        assertThat(status.get("id").asLong()).isEqualTo(ONLINE);
        assertThat(status.get("name").asString()).isEqualTo("Online");
        assertThat(status.get("reason").asString()).isEqualTo("PUBLIC_API");
        assertThat(Instant.parse(status.get("updated_at").asString())).isNotNull();
        assertThat(statusOfAgent(agent)).as("read back").isEqualTo(status);
        assertThat(availability(agent).at("/data/attributes/version").asLong()).isEqualTo(2);
    }

    @Test
    void anAgentOrAdminSetsTheirOwnStatusForTheReasonAgentStatusSwitcher() {
        TestUser agent = agent();
        TestUser secondAdmin = user("admin");

        Api.Response mine = putStatus(as(agent), MY_STATUS, AWAY);
        Api.Response admins = putStatus(as(secondAdmin), MY_STATUS, TRANSFERS_ONLY);

        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.json().at("/data/attributes/agent_id").asLong()).isEqualTo(agent.id());
        assertThat(mine.json().at("/data/attributes/agent_status/name").asString())
                .isEqualTo("Away");
        assertThat(mine.json().at("/data/attributes/agent_status/reason").asString())
                .isEqualTo("AGENT_STATUS_SWITCHER");
        assertThat(statusOfAgent(agent).get("id").asLong()).isEqualTo(AWAY);
        assertThat(admins.status()).as(admins.toString()).isEqualTo(200);
        assertThat(admins.json().at("/data/attributes/agent_id").asLong()).isEqualTo(secondAdmin.id());
        assertThat(statusOfAgent(secondAdmin).get("reason").asString()).isEqualTo("AGENT_STATUS_SWITCHER");
        assertThat(statusOfAgent(secondAdmin).get("id").asLong()).isEqualTo(TRANSFERS_ONLY);
    }

    @Test
    void anAgentSetsNoOtherStatusThanTheirOwn() {
        TestUser agent = agent();
        TestUser colleague = agent();
        JsonNode before = availability(colleague);

        assertForbidden(putStatus(as(agent), statusOf(colleague), ONLINE));
        assertForbidden(putStatus(as(agent), statusOf(agent), ONLINE));

        assertThat(availability(colleague)).isEqualTo(before);
        assertThat(statusOfAgent(agent).get("reason").asString()).isEqualTo("UNKNOWN");
    }

    @Test
    void lightAgentsAndEndUsersHaveNoStatus_R3() {
        TestUser light = lightAgent();
        TestUser restricted = user("agent", lightAgentRole("assigned-only"));
        TestUser endUser = endUser();

        assertForbidden(putStatus(as(light), MY_STATUS, ONLINE));
        assertForbidden(putStatus(as(restricted), MY_STATUS, ONLINE));
        assertForbidden(putStatus(as(endUser), MY_STATUS, ONLINE));
        assertInvalid(putStatus(admin(), statusOf(light), ONLINE), "agent_id");
        assertInvalid(putStatus(admin(), statusOf(restricted), ONLINE), "agent_id");
        assertInvalid(putStatus(admin(), statusOf(endUser), ONLINE), "agent_id");
        assertNotFound(admin().get(availabilityOf(light)));
        assertNotFound(admin().get(availabilityOf(endUser)));
    }

    @Test
    void aDeactivatedAgentIsNoAgentToSetAndAnUnknownUserIsA404() {
        TestUser gone = agent();
        assertThat(admin().delete("/api/v2/users/" + gone.id()).status()).isEqualTo(200);

        assertInvalid(putStatus(admin(), statusOf(gone), ONLINE), "agent_id");
        assertNotFound(putStatus(admin(), STATUSES + "/agents/" + MISSING, ONLINE));
        assertNotFound(admin().get(AVAILABILITIES + "/" + MISSING));
    }

    @Test
    void anUnknownOrMissingStatusIdIsA422NamingId() {
        TestUser agent = agent();
        online(agent);
        JsonNode before = availability(agent);
        Api api = admin().withoutContract();

        assertInvalid(putStatus(api, statusOf(agent), MISSING), "id");
        assertInvalid(putStatus(api, statusOf(agent), 1), "id");
        assertInvalid(putStatus(api, statusOf(agent), "three"), "id");
        assertInvalid(putStatus(api, statusOf(agent), null), "id");
        assertInvalid(api.put(statusOf(agent), Map.of()), "id");
        assertInvalid(putStatus(as(agent).withoutContract(), MY_STATUS, MISSING), "id");

        assertThat(availability(agent)).as("nothing written").isEqualTo(before);
    }

    @Test
    void aCustomStatusIsSetAndShownByItsName() {
        TestUser agent = agent();
        JsonNode lunch = customStatus("away", "offline", "offline");

        JsonNode data = setStatus(agent, lunch.get("id").asLong());

        assertThat(data.at("/attributes/agent_status/name").asString())
                .isEqualTo(lunch.at("/attributes/name").asString());
        assertThat(statusOfAgent(agent).get("id").asLong())
                .isEqualTo(lunch.get("id").asLong());
        assertThat(putStatus(as(agent), MY_STATUS, lunch.get("id").asLong()).status())
                .as("an agent picks a custom status too")
                .isEqualTo(200);
    }

    @Test
    void everyChangeGrowsTheVersionByOneAndTheSameStatusAgainChangesNothing() {
        TestUser agent = agent();
        long start = availability(agent).at("/data/attributes/version").asLong();

        setStatus(agent, ONLINE);
        JsonNode online = availability(agent).at("/data/attributes");
        setStatus(agent, AWAY);
        putStatus(as(agent), MY_STATUS, ONLINE);
        JsonNode third = availability(agent).at("/data/attributes");
        Api.Response again = putStatus(admin(), statusOf(agent), ONLINE);
        Api.Response mineAgain = putStatus(as(agent), MY_STATUS, ONLINE);

        assertThat(online.get("version").asLong()).isEqualTo(start + 1);
        assertThat(third.get("version").asLong()).isEqualTo(start + 3);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(mineAgain.status()).as(mineAgain.toString()).isEqualTo(200);
        JsonNode after = availability(agent).at("/data/attributes");
        assertThat(after.get("version").asLong())
                .as("the same status again is no change")
                .isEqualTo(start + 3);
        assertThat(after.get("agent_status")).as("same updated_at and reason").isEqualTo(third.get("agent_status"));
        assertThat(again.json().at("/data/attributes/agent_status")).isEqualTo(third.get("agent_status"));
        assertThat(Instant.parse(third.at("/agent_status/updated_at").asString()))
                .isAfterOrEqualTo(
                        Instant.parse(online.at("/agent_status/updated_at").asString()));
    }

    @Test
    void deletingACustomStatusInUseMakesItsAgentsOfflineForTheReasonAgentStatusDeleted() {
        TestUser first = agent();
        TestUser second = agent();
        TestUser bystander = agent();
        long lunch = customStatus("away", "away", "away").get("id").asLong();
        setStatus(first, lunch);
        putStatus(as(second), MY_STATUS, lunch);
        online(bystander);
        long version = availability(first).at("/data/attributes/version").asLong();

        assertThat(admin().delete(STATUSES + "/" + lunch).status()).isEqualTo(204);

        for (TestUser agent : List.of(first, second)) {
            JsonNode attributes = availability(agent).at("/data/attributes");
            assertThat(attributes.at("/agent_status/id").asLong()).isEqualTo(OFFLINE);
            assertThat(attributes.at("/agent_status/name").asString()).isEqualTo("Offline");
            assertThat(attributes.at("/agent_status/reason").asString()).isEqualTo("AGENT_STATUS_DELETED");
        }
        assertThat(availability(first).at("/data/attributes/version").asLong()).isEqualTo(version + 1);
        assertThat(statusOfAgent(bystander).get("id").asLong()).isEqualTo(ONLINE);
        assertThat(statusOfAgent(bystander).get("reason").asString()).isEqualTo("PUBLIC_API");
    }

    @Test
    void revokingAnAgentsLastPersonalTokenSetsThemOfflineForTheReasonAgentLogout() {
        TestUser agent = agent();
        long first = token(agent);
        long second = token(agent);
        online(agent);

        assertThat(admin().delete("/api/v2/api_tokens/" + first).status()).isEqualTo(204);
        assertThat(statusOfAgent(agent).get("id").asLong())
                .as("another token of theirs is left")
                .isEqualTo(ONLINE);
        assertThat(admin().delete("/api/v2/api_tokens/" + second).status()).isEqualTo(204);

        JsonNode status = statusOfAgent(agent);
        assertThat(status.get("id").asLong()).isEqualTo(OFFLINE);
        assertThat(status.get("reason").asString()).isEqualTo("AGENT_LOGOUT");
    }

    @Test
    void deactivatingAnAgentSetsThemOfflineForTheReasonUserDeactivated() {
        TestUser agent = agent();
        online(agent);

        assertThat(admin().delete("/api/v2/users/" + agent.id()).status()).isEqualTo(200);
        assertNotFound(admin().get(availabilityOf(agent)));
        Api.Response reactivated = admin().put("/api/v2/users/" + agent.id(), Map.of("user", Map.of("active", true)));
        assertThat(reactivated.status()).as(reactivated.toString()).isEqualTo(200);

        JsonNode status = statusOfAgent(agent);
        assertThat(status.get("id").asLong()).as("still offline once back").isEqualTo(OFFLINE);
        assertThat(status.get("reason").asString()).isEqualTo("USER_DEACTIVATED");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private record Case(String what, Map<String, Object> status, String place) {}

    private static Map<String, Object> all(String value) {
        return channels(value, value, value);
    }

    private static Map<String, Object> without(Map<String, Object> status, String key) {
        status.remove(key);
        return status;
    }

    private static Api.Response putStatusBody(Api caller, long id, Map<String, Object> members) {
        return caller.put(STATUSES + "/" + id, Map.of("agent_status", members));
    }

    private JsonNode changedStatus(long id, Map<String, Object> members) {
        Api.Response response = putStatusBody(admin(), id, members);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("agent_status");
    }

    private static List<Long> ids(JsonNode statuses) {
        List<Long> ids = new ArrayList<>();
        statuses.forEach(status -> ids.add(status.get("id").asLong()));
        return ids;
    }

    /** A personal API token of the agent: its id. */
    private long token(TestUser agent) {
        Api.Response response = admin().post(
                        "/api/v2/api_tokens", Map.of("api_token", Map.of("description", tag, "user_id", agent.id())));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/api_token/id").asLong();
    }
}
