package io.sidedesk.macro;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The macros API over HTTP (issue 21): Zendesk's shapes, checks on save that name the wrong action's place and write
 * nothing, restrictions that hide a macro (404) from those outside them, who may write which macro
 * ({@code macro_access}), lists with their filters, sorts, search, categories and action definitions, and the
 * all-or-none bulk writes.
 */
class MacroApiTests extends MacroTestSupport {

    private static final Set<String> MEMBERS = Set.of(
            "id",
            "url",
            "title",
            "raw_title",
            "description",
            "active",
            "position",
            "default",
            "restriction",
            "actions",
            "created_at",
            "updated_at");

    // ---- CRUD ---------------------------------------------------------------------------------------------------

    @Test
    void aCreatedMacroHasZendesksShapeAndReadsBackTheSame() {
        List<Map<String, Object>> actions = List.of(
                action("status", "pending"),
                action("priority", "high"),
                action("comment_value", "Hello {{ticket.requester.first_name}}"),
                action("comment_mode_is_public", "false"),
                action("set_tags", "a b"));
        String title = "Billing::Refunds " + tag;

        Api.Response response =
                postMacro(admin(), fields("title", title, "description", "Refund reply", "actions", actions));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode macro = response.json().get("macro");
        long id = macro.get("id").asLong();
        assertThat(macro.propertyNames()).containsAll(MEMBERS);
        assertThat(macro.get("url").asString()).contains("/api/v2/macros/" + id);
        assertThat(macro.get("title").asString()).isEqualTo(title);
        assertThat(macro.get("raw_title").asString()).isEqualTo(title);
        assertThat(macro.get("description").asString()).isEqualTo("Refund reply");
        assertThat(macro.get("active").asBoolean()).as("active unless said").isTrue();
        assertThat(macro.get("default").asBoolean()).isFalse();
        assertThat(macro.get("restriction").isNull()).as("everyone's").isTrue();
        assertThat(macro.get("actions")).isEqualTo(json(actions));
        assertThat(macro.get("position").isNumber()).isTrue();
        assertThat(macro.get("created_at").asString()).isNotBlank();
        assertThat(macro.get("updated_at").asString()).isNotBlank();
        assertThat(showMacro(id)).isEqualTo(macro);
        assertThat(as(agent()).get(MACROS + "/" + id).json().get("macro"))
                .as("an agent reads an unrestricted macro")
                .isEqualTo(macro);
    }

    @Test
    void aGroupRestrictionNamesItsFirstGroupAndAllItsGroups() {
        long first = group(true);
        long second = group(false);

        JsonNode macro = macro("restriction", groupRestriction(first, second));

        assertThat(macro.at("/restriction/type").asString()).isEqualTo("Group");
        assertThat(macro.at("/restriction/id").asLong()).isEqualTo(first);
        assertThat(longs(macro.at("/restriction/ids"))).containsExactly(first, second);
        assertThat(showMacro(macro.get("id").asLong()).get("restriction")).isEqualTo(macro.get("restriction"));
    }

    @Test
    void anUpdateChangesOnlyTheMembersSent() {
        JsonNode original = macro("description", "First");
        long id = original.get("id").asLong();

        JsonNode retitled = changedMacro(admin(), id, Map.of("title", "Renamed " + tag));

        assertThat(retitled.get("title").asString()).isEqualTo("Renamed " + tag);
        assertThat(retitled.get("raw_title").asString()).isEqualTo("Renamed " + tag);
        for (String member : List.of("description", "active", "restriction", "actions", "created_at", "default")) {
            assertThat(retitled.get(member)).as(member).isEqualTo(original.get(member));
        }
        List<Map<String, Object>> actions = List.of(action("priority", "low"));
        JsonNode rewritten = changedMacro(admin(), id, Map.of("actions", actions, "active", false));
        assertThat(rewritten.get("actions")).isEqualTo(json(actions));
        assertThat(rewritten.get("active").asBoolean()).isFalse();
        assertThat(rewritten.get("description").asString()).isEqualTo("First");
        long group = group(true);
        JsonNode restricted = changedMacro(admin(), id, Map.of("restriction", groupRestriction(group)));
        assertThat(restricted.at("/restriction/id").asLong()).isEqualTo(group);
        assertThat(restricted.get("actions")).isEqualTo(rewritten.get("actions"));
        JsonNode redescribed = changedMacro(admin(), id, Map.of("description", "Second"));
        assertThat(redescribed.get("restriction"))
                .as("a restriction not sent stays as it was")
                .isEqualTo(restricted.get("restriction"));
        JsonNode everyones = changedMacro(admin(), id, fields("restriction", null));
        assertThat(everyones.get("restriction").isNull()).isTrue();
        assertThat(showMacro(id)).isEqualTo(everyones);
    }

    @Test
    void aDeletedMacroIsA204ThenGone() {
        long id = macro().get("id").asLong();

        Api.Response deleted = admin().delete(MACROS + "/" + id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertNotFound(admin().get(MACROS + "/" + id));
        assertNotFound(admin().delete(MACROS + "/" + id));
        assertNotFound(preview(admin(), id));
        assertThat(ids(MACROS + "?access=account")).doesNotContain(id);
    }

    @Test
    void anUnknownMacroIsA404Everywhere() {
        String path = MACROS + "/" + MISSING;
        long ticket = parentTicket();
        assertNotFound(admin().get(path));
        assertNotFound(admin().put(path, Map.of("macro", Map.of("title", "x"))));
        assertNotFound(admin().delete(path));
        assertNotFound(preview(admin(), MISSING));
        assertNotFound(preview(admin(), ticket, MISSING));
    }

    // ---- checks on save -----------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> aWrongMacroIsA422NamingThePlaceAndWritesNothing() {
        long deletedGroup = group(true);
        deleteGroup(deletedGroup);
        TestUser endUser = endUser();
        long integerField = ticketField("integer");
        Map<String, Object> safe = action("current_tags", tag + "seen");

        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no title", without(macroBody(), "title"), "title"));
        cases.add(new Case("an empty title", macroBody("title", ""), "title"));
        cases.add(new Case("a blank title", macroBody("title", "   "), "title"));
        cases.add(new Case("a title of 256", macroBody("title", tag + "t".repeat(256 - tag.length())), "title"));
        cases.add(new Case("no actions", without(macroBody(), "actions"), "actions"));
        cases.add(new Case("empty actions", macroBody("actions", List.of()), "actions"));
        cases.add(new Case(
                "an unknown action", macroBody("actions", List.of(safe, action("bogus", "x"))), "actions[1].field"));
        cases.add(new Case(
                "an action without a field",
                macroBody("actions", List.of(safe, Map.of("value", "open"))),
                "actions[1].field"));
        for (Object value : List.of("new", "closed", "bogus", "", 1)) {
            cases.add(wrong("status", value));
        }
        cases.add(wrong("priority", "bogus"));
        cases.add(wrong("priority", "Urgent"));
        cases.add(wrong("type", "bogus"));
        cases.add(wrong("group_id", "abc"));
        cases.add(wrong("group_id", MISSING));
        cases.add(wrong("group_id", deletedGroup));
        cases.add(wrong("assignee_id", "abc"));
        cases.add(wrong("assignee_id", MISSING));
        cases.add(wrong("assignee_id", endUser.id()));
        cases.add(wrong("comment_mode_is_public", "maybe"));
        cases.add(wrong("subject", "s".repeat(256)));
        cases.add(wrong("comment_value", "{% if %}"));
        cases.add(wrong("comment_value", 42));
        cases.add(wrong("comment_value", List.of("channel:all")));
        cases.add(wrong("comment_value", List.of("channel:all", "a", "b")));
        cases.add(wrong("status", null));
        cases.add(wrong("set_tags", 7));
        cases.add(new Case(
                "a restriction to no group",
                macroBody("restriction", fields("type", "Group", "ids", List.of())),
                null));
        cases.add(wrong("custom_fields_" + integerField, "not a number"));
        cases.add(wrong("side_conversation_ticket", "just text"));
        cases.add(wrong("side_conversation_ticket", List.of("Subject", "Body")));
        cases.add(wrong("side_conversation_ticket", List.of("Subject", "Body", "somewhere")));
        cases.add(wrong(
                "side_conversation_ticket",
                List.of("Subject", "Body", "SupportAssignable:support_assignable/group/abc")));
        cases.add(wrong("side_conversation_ticket", List.of("Subject", "Body", toGroupAddress(MISSING))));
        cases.add(wrong("side_conversation_ticket", List.of("Subject", "Body", toGroupAddress(deletedGroup))));
        cases.add(wrong(
                "side_conversation_ticket", List.of("Subject", "Body", toGroupAddress(group(true)), List.of("bogus"))));
        Team team = team(true);
        cases.add(wrong(
                "side_conversation_ticket", List.of("Subject", "Body", toAgentAddress(team.group(), agent().id()))));
        cases.add(wrong("side_conversation_ticket", List.of("Subject", "Body", toAgentAddress(team.group(), MISSING))));
        cases.add(new Case(
                "a restriction to a group that does not exist",
                macroBody("restriction", groupRestriction(MISSING)),
                null));
        cases.add(new Case(
                "a restriction to a user who does not exist",
                macroBody("restriction", userRestriction(MISSING)),
                null));
        cases.add(new Case(
                "a restriction of an unknown type", macroBody("restriction", Map.of("type", "Team", "id", 1)), null));

        return cases.stream()
                .map(wrong -> dynamicTest(wrong.what() + " is refused naming " + wrong.place(), () -> {
                    List<Long> before = ids(MACROS);
                    Api.Response response = postMacro(admin().withoutContract(), wrong.macro());
                    if (wrong.place() == null) {
                        assertInvalid(response);
                    } else {
                        assertInvalid(response, wrong.place());
                    }
                    assertThat(ids(MACROS)).as("nothing written").isEqualTo(before);
                }));
    }

    @Test
    void aCustomFieldActionNamingNoFieldIsRefused() {
        Api.Response response =
                postMacro(admin(), macroBody("actions", List.of(action("custom_fields_" + MISSING, "x"))));

        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.json().get("details").has("actions[0].field")
                        || response.json().get("details").has("actions[0].value"))
                .as("names the action: %s", response)
                .isTrue();
    }

    @Test
    void everyActionZendeskSendsIsAcceptedAsWritten() {
        Team team = team(true);
        long text = ticketField("text");
        List<Map<String, Object>> actions = List.of(
                action("status", "solved"),
                action("priority", ""),
                action("type", "incident"),
                action("group_id", team.group()),
                action("assignee_id", "current_user"),
                action("set_tags", "one two"),
                action("current_tags", "three"),
                action("remove_tags", "four"),
                action("comment_value", List.of("channel:all", "Hi {{ticket.requester.name}}")),
                action("comment_value_html", "<p>Hi <b>{{current_user.name}}</b></p>"),
                action("comment_mode_is_public", true),
                action("subject", "Re: {{ticket.title}}"),
                action("custom_fields_" + text, "from the macro"),
                action(
                        "side_conversation_ticket",
                        List.of(
                                "Please look",
                                "<p>About {{ticket.id}}</p>",
                                toAgentAddress(team.group(), team.agent().id()),
                                List.of("tags", "requester"))));

        JsonNode macro = createdMacro(admin(), macroBody("actions", actions));

        assertThat(macro.get("actions")).isEqualTo(json(actions));
        JsonNode assigneeEmpty = createdMacro(admin(), macroBody("actions", List.of(action("assignee_id", ""))));
        assertThat(assigneeEmpty.at("/actions/0/value").asString()).isEmpty();
    }

    @Test
    void aWrongUpdateIsA422NamingThePlaceAndLeavesTheMacroAsItWas() {
        long id = macro().get("id").asLong();
        long deletedGroup = group(true);
        deleteGroup(deletedGroup);
        JsonNode before = showMacro(id);

        assertInvalid(admin().put(MACROS + "/" + id, Map.of("macro", Map.of("title", ""))), "title");
        assertInvalid(admin().put(MACROS + "/" + id, Map.of("macro", Map.of("actions", List.of()))), "actions");
        assertInvalid(
                admin().put(
                                MACROS + "/" + id,
                                Map.of(
                                        "macro",
                                        Map.of(
                                                "title",
                                                "Not taken " + tag,
                                                "actions",
                                                List.of(action("status", "open"), action("group_id", deletedGroup))))),
                "actions[1].value");

        assertThat(showMacro(id)).as("nothing written").isEqualTo(before);
    }

    /** A private group is known only to its members and admins (R22): to an agent saving a macro it is missing. */
    @Test
    void anAgentCannotSaveAPersonalMacroNamingAPrivateGroupTheyAreNotIn_R22() {
        Team hidden = team(false);
        TestUser agent = agent();
        Map<String, Object> personal = macroBody("restriction", userRestriction(agent.id()));

        Api.Response toGroup =
                postMacro(as(agent), with(personal, "actions", List.of(action("group_id", hidden.group()))));
        Api.Response sideConversation = postMacro(
                as(agent),
                with(
                        personal,
                        "actions",
                        List.of(sideConversationAction("Hidden", "Body", toGroupAddress(hidden.group())))));
        Api.Response missing = postMacro(
                as(agent),
                with(personal, "actions", List.of(sideConversationAction("Hidden", "Body", toGroupAddress(MISSING)))));

        assertInvalid(toGroup, "actions[0].value");
        assertInvalid(sideConversation, "actions[0].value");
        assertThat(detailsWithout(sideConversation, hidden.group()))
                .as("a hidden private group is refused as a missing one")
                .isEqualTo(detailsWithout(missing, MISSING));
        assertThat(mineOf(admin(), MACROS)).as("nothing written").isEmpty();
        createdMacro(
                as(hidden.agent()),
                with(
                        macroBody("restriction", userRestriction(hidden.agent().id())),
                        "actions",
                        List.of(sideConversationAction("Mine", "Body", toGroupAddress(hidden.group())))));
    }

    // ---- restrictions -------------------------------------------------------------------------------------------

    @Test
    void aGroupMacroIsA404EverywhereToAnAgentOutsideTheGroup() {
        Team team = team(true);
        TestUser outsider = agent();
        long ticket = parentTicket();
        long id = macro("restriction", groupRestriction(team.group()), "actions", List.of(action("priority", "high")))
                .get("id")
                .asLong();
        State before = state(ticket);
        Api api = as(outsider);

        assertNotFound(api.get(MACROS + "/" + id));
        assertNotFound(api.put(MACROS + "/" + id, Map.of("macro", Map.of("title", "Taken " + tag))));
        assertNotFound(api.delete(MACROS + "/" + id));
        assertNotFound(preview(api, id));
        assertNotFound(preview(api, ticket, id));
        assertNotFound(apply(api, ticket, id));
        assertNotFound(put(api, ticket, fields("macro_ids", List.of(id))));
        assertThat(ids(api, MACROS)).doesNotContain(id);
        assertThat(ids(api, MACROS + "/active")).doesNotContain(id);
        assertThat(ids(api, MACROS + "/search?query=" + tag)).doesNotContain(id);

        assertUnchanged(before, ticket);
        assertThat(showMacro(id).get("title").asString()).doesNotContain("Taken");
        assertThat(as(team.agent()).get(MACROS + "/" + id).status())
                .as("a member sees it")
                .isEqualTo(200);
        assertThat(ids(as(team.agent()), MACROS)).contains(id);
        assertThat(previewed(as(team.agent()), ticket, id)
                        .at("/ticket/priority")
                        .asString())
                .isEqualTo("high");
    }

    @Test
    void aPersonalMacroIsItsOwnersAndTheAdminsOnly() {
        TestUser owner = agent();
        TestUser other = agent();
        long id = createdMacro(as(owner), macroBody("restriction", userRestriction(owner.id())))
                .get("id")
                .asLong();

        assertThat(as(owner).get(MACROS + "/" + id).status()).isEqualTo(200);
        assertThat(admin().get(MACROS + "/" + id).status()).isEqualTo(200);
        assertNotFound(as(other).get(MACROS + "/" + id));
        assertNotFound(as(other).delete(MACROS + "/" + id));
        assertNotFound(preview(as(other), id));
        assertThat(ids(as(other), MACROS)).doesNotContain(id);
        assertThat(ids(as(owner), MACROS + "?access=personal")).contains(id);
        assertThat(showMacro(id).at("/restriction/type").asString()).isEqualTo("User");
        assertThat(showMacro(id).at("/restriction/id").asLong()).isEqualTo(owner.id());
    }

    /** A macro of a group that is deleted is nobody's but the admins': it never becomes everyone's. */
    @Test
    void aGroupMacroStaysHiddenAfterItsGroupIsDeleted() {
        Team team = team(true);
        long id = macro("restriction", groupRestriction(team.group())).get("id").asLong();
        TestUser outsider = agent();

        deleteGroup(team.group());

        assertNotFound(as(outsider).get(MACROS + "/" + id));
        assertThat(ids(as(outsider), MACROS)).doesNotContain(id);
        assertThat(admin().get(MACROS + "/" + id).status()).isEqualTo(200);
    }

    /** A personal macro whose owner is deleted never becomes everyone's. */
    @Test
    void aPersonalMacroStaysHiddenAfterItsOwnerIsDeleted() {
        TestUser owner = agent();
        long id = createdMacro(as(owner), macroBody("restriction", userRestriction(owner.id())))
                .get("id")
                .asLong();
        TestUser other = agent();

        Api.Response deleted = admin().delete("/api/v2/users/" + owner.id());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);

        assertNotFound(as(other).get(MACROS + "/" + id));
        assertThat(ids(as(other), MACROS)).doesNotContain(id);
    }

    @Test
    void endUsersAreForbiddenMacrosAndAnonymousCallersAreUnauthorized() {
        long id = macro().get("id").asLong();
        long ticket = parentTicket();
        Api endUser = as(endUser());

        for (String read : List.of(
                MACROS,
                MACROS + "/active",
                MACROS + "/search?query=" + tag,
                MACROS + "/actions",
                MACROS + "/categories",
                MACROS + "/" + id,
                MACROS + "/" + id + "/apply",
                "/api/v2/tickets/" + ticket + "/macros/" + id + "/apply")) {
            assertForbidden(endUser.get(read));
            Api.Response anonymous = api().get(read);
            assertThat(anonymous.status()).as(read + " → " + anonymous).isEqualTo(401);
        }
        assertForbidden(postMacro(endUser, macroBody()));
        assertForbidden(endUser.put(MACROS + "/" + id, Map.of("macro", Map.of("title", "x"))));
        assertForbidden(endUser.delete(MACROS + "/" + id));
        assertThat(postMacro(api(), macroBody()).status()).isEqualTo(401);
        assertThat(showMacro(id).get("title").asString()).doesNotContain("x");
    }

    // ---- who may write (macro_access) -----------------------------------------------------------------------

    @Test
    void anAgentWithoutACustomRoleManagesPersonalMacrosOnly() {
        Team team = team(true);
        TestUser agent = team.agent();
        TestUser colleague = agent();
        long shared = macro().get("id").asLong();
        long ofTheirGroup =
                macro("restriction", groupRestriction(team.group())).get("id").asLong();
        JsonNode sharedBefore = showMacro(shared);
        JsonNode groupBefore = showMacro(ofTheirGroup);

        assertForbidden(postMacro(as(agent), macroBody()));
        assertForbidden(postMacro(as(agent), macroBody("restriction", groupRestriction(team.group()))));
        assertForbidden(postMacro(as(agent), macroBody("restriction", userRestriction(colleague.id()))));
        assertForbidden(as(agent).put(MACROS + "/" + shared, Map.of("macro", Map.of("title", "Mine " + tag))));
        assertForbidden(as(agent).put(MACROS + "/" + ofTheirGroup, Map.of("macro", Map.of("active", false))));
        assertForbidden(as(agent).delete(MACROS + "/" + shared));
        assertForbidden(as(agent).delete(MACROS + "/" + ofTheirGroup));
        assertThat(showMacro(shared)).isEqualTo(sharedBefore);
        assertThat(showMacro(ofTheirGroup)).isEqualTo(groupBefore);
        assertThat(mineOf(admin(), MACROS)).as("nothing written").containsExactlyInAnyOrder(shared, ofTheirGroup);

        long personal = createdMacro(as(agent), macroBody("restriction", userRestriction(agent.id())))
                .get("id")
                .asLong();
        assertThat(changedMacro(as(agent), personal, Map.of("description", "mine"))
                        .get("description")
                        .asString())
                .isEqualTo("mine");
        assertForbidden(as(agent)
                .put(MACROS + "/" + personal, Map.of("macro", Map.of("restriction", groupRestriction(team.group())))));
        assertThat(showMacro(personal).at("/restriction/type").asString()).isEqualTo("User");
        assertThat(as(agent).delete(MACROS + "/" + personal).status()).isEqualTo(204);
        assertNotFound(admin().get(MACROS + "/" + personal));
    }

    @Test
    void anAgentDeletesTheirOwnPersonalMacro() {
        TestUser agent = agent();
        long personal = createdMacro(as(agent), macroBody("restriction", userRestriction(agent.id())))
                .get("id")
                .asLong();

        Api.Response deleted = as(agent).delete(MACROS + "/" + personal);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertNotFound(admin().get(MACROS + "/" + personal));
    }

    @Test
    void aReadonlyRoleAndLightAgentsWriteNoMacroButReadThem() {
        long shared = macro().get("id").asLong();
        for (TestUser reader : List.of(agentWithMacroAccess("readonly"), lightAgent())) {
            assertForbidden(postMacro(as(reader), macroBody("restriction", userRestriction(reader.id()))));
            assertForbidden(as(reader).put(MACROS + "/" + shared, Map.of("macro", Map.of("active", false))));
            assertForbidden(as(reader).delete(MACROS + "/" + shared));
            assertThat(as(reader).get(MACROS + "/" + shared).status()).isEqualTo(200);
            assertThat(ids(as(reader), MACROS)).contains(shared);
        }
        assertThat(showMacro(shared).get("active").asBoolean()).isTrue();
        assertThat(mineOf(admin(), MACROS)).as("nothing written").containsExactly(shared);
    }

    @Test
    void aLightAgentWithAFullMacroRoleStillWritesNone() {
        Api.Response role = admin().post(
                        "/api/v2/custom_roles",
                        Map.of(
                                "custom_role",
                                Map.of(
                                        "name",
                                        unique("light"),
                                        "role_type",
                                        1,
                                        "configuration",
                                        Map.of("ticket_access", "all", "macro_access", "full"))));
        assertThat(role.status()).as(role.toString()).isEqualTo(201);
        TestUser light = user("agent", role.json().at("/custom_role/id").asLong());

        assertForbidden(postMacro(as(light), macroBody("restriction", userRestriction(light.id()))));
        assertForbidden(postMacro(as(light), macroBody()));
        assertThat(mineOf(admin(), MACROS)).as("nothing written").isEmpty();
    }

    @Test
    void aManageGroupRoleWritesMacrosOfGroupsItIsAllMemberOf() {
        long in = group(true);
        long alsoIn = group(true);
        long notIn = group(true);
        TestUser agent = agentWithMacroAccess("manage-group");
        membership(agent, in);
        membership(agent, alsoIn);
        long adminsGroupMacro =
                macro("restriction", groupRestriction(in)).get("id").asLong();
        long shared = macro().get("id").asLong();

        JsonNode ofTwo = createdMacro(as(agent), macroBody("restriction", groupRestriction(in, alsoIn)));
        createdMacro(as(agent), macroBody("restriction", userRestriction(agent.id())));
        assertThat(changedMacro(as(agent), adminsGroupMacro, Map.of("description", "edited"))
                        .get("description")
                        .asString())
                .isEqualTo("edited");
        assertForbidden(postMacro(as(agent), macroBody("restriction", groupRestriction(in, notIn))));
        assertForbidden(postMacro(as(agent), macroBody("restriction", groupRestriction(notIn))));
        assertForbidden(postMacro(as(agent), macroBody()));
        assertForbidden(as(agent).put(MACROS + "/" + shared, Map.of("macro", Map.of("active", false))));
        assertForbidden(as(agent)
                .put(
                        MACROS + "/" + ofTwo.get("id").asLong(),
                        Map.of("macro", Map.of("restriction", groupRestriction(notIn)))));
        assertThat(showMacro(shared).get("active").asBoolean()).isTrue();
        assertThat(longs(showMacro(ofTwo.get("id").asLong()).at("/restriction/ids")))
                .containsExactly(in, alsoIn);
        assertThat(as(agent).delete(MACROS + "/" + adminsGroupMacro).status()).isEqualTo(204);
    }

    @Test
    void aFullRoleWritesSharedMacrosLikeAnAdmin() {
        TestUser agent = agentWithMacroAccess("full");
        long group = group(true);

        JsonNode shared = createdMacro(as(agent), macroBody());
        createdMacro(as(agent), macroBody("restriction", groupRestriction(group)));
        long adminsMacro = macro().get("id").asLong();

        assertThat(shared.get("restriction").isNull()).isTrue();
        assertThat(changedMacro(as(agent), adminsMacro, Map.of("active", false))
                        .get("active")
                        .asBoolean())
                .isFalse();
        assertThat(as(agent).delete(MACROS + "/" + adminsMacro).status()).isEqualTo(204);
    }

    @Test
    void macroAccessIsOneOfZendesksValues() {
        Api.Response response = admin().post(
                        "/api/v2/custom_roles",
                        Map.of(
                                "custom_role",
                                Map.of("name", unique("role"), "configuration", Map.of("macro_access", "everything"))));

        assertInvalid(response);
        Api.Response good = admin().post(
                        "/api/v2/custom_roles",
                        Map.of(
                                "custom_role",
                                Map.of(
                                        "name",
                                        unique("role"),
                                        "configuration",
                                        Map.of("macro_access", "manage-group"))));
        assertThat(good.status()).as(good.toString()).isEqualTo(201);
        assertThat(good.json().at("/custom_role/configuration/macro_access").asString())
                .isEqualTo("manage-group");
    }

    // ---- lists --------------------------------------------------------------------------------------------------

    @Test
    void theAccessFilterSeparatesPersonalSharedAndAccountMacros() {
        Team team = team(true);
        TestUser agent = team.agent();
        TestUser other = agent();
        long account = macro().get("id").asLong();
        long ofGroup =
                macro("restriction", groupRestriction(team.group())).get("id").asLong();
        long mine = createdMacro(as(agent), macroBody("restriction", userRestriction(agent.id())))
                .get("id")
                .asLong();
        long theirs = createdMacro(as(other), macroBody("restriction", userRestriction(other.id())))
                .get("id")
                .asLong();

        assertThat(mineOf(as(agent), MACROS)).containsExactlyInAnyOrder(account, ofGroup, mine);
        assertThat(mineOf(as(agent), MACROS + "?access=personal")).containsExactly(mine);
        assertThat(mineOf(as(agent), MACROS + "?access=shared")).containsExactlyInAnyOrder(account, ofGroup);
        assertThat(mineOf(as(agent), MACROS + "?access=account")).containsExactly(account);
        assertForbidden(as(agent).get(MACROS + "?access=agents"));
        assertThat(mineOf(admin(), MACROS)).containsExactlyInAnyOrder(account, ofGroup, mine, theirs);
        assertThat(mineOf(admin(), MACROS + "?access=agents")).containsExactlyInAnyOrder(mine, theirs);
        assertThat(mineOf(admin(), MACROS + "?access=shared")).containsExactlyInAnyOrder(account, ofGroup);
        Api.Response bad = admin().get(MACROS + "?access=everyone");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    }

    @Test
    void theListFiltersByActivityAndGroup() {
        long group = group(true);
        long active = macro().get("id").asLong();
        long inactive = macro("active", false).get("id").asLong();
        long ofGroup = macro("restriction", groupRestriction(group)).get("id").asLong();
        long ofGroupInactive = macro("restriction", groupRestriction(group), "active", false)
                .get("id")
                .asLong();

        assertThat(mineOf(admin(), MACROS + "?active=true")).containsExactlyInAnyOrder(active, ofGroup);
        assertThat(mineOf(admin(), MACROS + "?active=false")).containsExactlyInAnyOrder(inactive, ofGroupInactive);
        assertThat(mineOf(admin(), MACROS + "/active")).containsExactlyInAnyOrder(active, ofGroup);
        assertThat(ApiAssertions.all(admin(), MACROS + "/active", "macros"))
                .allSatisfy(m -> assertThat(m.get("active").asBoolean()).isTrue());
        assertThat(ids(MACROS + "?group_id=" + group)).containsExactlyInAnyOrder(ofGroup, ofGroupInactive);
        assertThat(ids(MACROS + "?group_id=" + group + "&active=false")).containsExactly(ofGroupInactive);
    }

    @Test
    void theCategoryIsTheTitlesFirstSegment() {
        String category = "Cat" + tag;
        long one = macro("title", category + "::One").get("id").asLong();
        long two = macro("title", category + "::Sub::Two").get("id").asLong();
        long prefixOnly = macro("title", category + "x::Three").get("id").asLong();
        long hidden = macro("title", "Hidden" + tag + "::Four", "restriction", groupRestriction(group(true)))
                .get("id")
                .asLong();

        assertThat(ids(MACROS + "?category=" + category)).containsExactlyInAnyOrder(one, two);
        assertThat(ids(MACROS + "?category=" + category)).doesNotContain(prefixOnly, hidden);
        List<String> categories = categories(admin());
        assertThat(categories).contains(category, category + "x", "Hidden" + tag);
        assertThat(categories).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
        List<String> agents = categories(as(agent()));
        assertThat(agents).contains(category).doesNotContain("Hidden" + tag);
    }

    @Test
    void theListIsByPositionCreationUpdateOrTitle() {
        String category = "Sort" + tag;
        long charlie = macro("title", category + "::charlie").get("id").asLong();
        long alpha = macro("title", category + "::alpha").get("id").asLong();
        long bravo = macro("title", category + "::bravo").get("id").asLong();
        changedMacro(admin(), charlie, Map.of("description", "touched last"));
        String mine = MACROS + "?category=" + category;

        assertThat(ids(mine + "&sort_by=created_at")).containsExactly(charlie, alpha, bravo);
        assertThat(ids(ApiAssertions.allOffsetPages(admin(), mine + "&sort_by=alphabetical", "macros", 2)))
                .containsExactly(alpha, bravo, charlie);
        assertThat(ids(ApiAssertions.allOffsetPages(admin(), mine + "&sort_by=updated_at", "macros", 2)))
                .endsWith(charlie);
        List<JsonNode> byPosition = ApiAssertions.all(admin(), mine + "&sort_by=position", "macros");
        assertThat(byPosition.stream().map(m -> m.get("position").asInt()).toList())
                .isSorted();
        for (String bad : List.of("bogus", "", "POSITION")) {
            Api.Response response = admin().get(MACROS + "?sort_by=" + bad);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
        }
        for (String sort : List.of("alphabetical", "updated_at")) {
            Api.Response cursor = admin().get(mine + "&sort_by=" + sort + "&page[size]=2");
            assertThat(cursor.status()).as(cursor.toString()).isEqualTo(400);
        }
    }

    @Test
    void searchFindsTheQueryInTitlesInAnyCaseAmongTheCallersMacros() {
        String word = "Needle" + tag;
        long upper = macro("title", "A " + word.toUpperCase(java.util.Locale.ROOT) + " here")
                .get("id")
                .asLong();
        long lower = macro("title", word.toLowerCase(java.util.Locale.ROOT))
                .get("id")
                .asLong();
        long hay = macro("title", "Hay " + tag).get("id").asLong();
        long hidden = macro("title", word + " hidden", "restriction", groupRestriction(group(true)))
                .get("id")
                .asLong();

        assertThat(ids(MACROS + "/search?query=" + word)).containsExactlyInAnyOrder(upper, lower, hidden);
        assertThat(ids(as(agent()), MACROS + "/search?query=" + word)).containsExactlyInAnyOrder(upper, lower);
        assertThat(ids(MACROS + "/search?query=" + word)).doesNotContain(hay);
        long literal = macro("title", tag + " 50%_off").get("id").asLong();
        long lookalike = macro("title", tag + " 50xyoff").get("id").asLong();
        assertThat(ids(MACROS + "/search?query=" + encode("50%_off")))
                .contains(literal)
                .doesNotContain(lookalike);
        for (String query : List.of("", "?query=", "?query=%20%20")) {
            Api.Response response = admin().get(MACROS + "/search" + query);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
        }
    }

    @Test
    void offsetAndCursorPagingReachEveryMacroOnce() {
        String category = "Paged" + tag;
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(macro("title", category + "::" + i).get("id").asLong());
        }

        assertThat(ids(ApiAssertions.allOffsetPages(
                        admin(), MACROS + "?category=" + category + "&sort_by=created_at", "macros", 2)))
                .isEqualTo(made);
        assertThat(ids(ApiAssertions.allCursorPages(
                        admin(), MACROS + "?category=" + category + "&sort_by=created_at", "macros", 2)))
                .isEqualTo(made);
        assertThat(ids(ApiAssertions.allOffsetPages(admin(), MACROS + "/search?query=" + category, "macros", 2)))
                .containsExactlyInAnyOrderElementsOf(made);
        List<Long> everyByOffset = ids(ApiAssertions.allOffsetPages(admin(), MACROS, "macros", 3));
        List<Long> everyByCursor = ids(ApiAssertions.allCursorPages(admin(), MACROS, "macros", 3));
        assertThat(everyByOffset).doesNotHaveDuplicates().containsAll(made);
        assertThat(everyByCursor).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(everyByOffset);
    }

    @Test
    void theActionsListNamesEveryActionTheMacrosUnderstand() {
        Api.Response response = as(agent()).get(MACROS + "/actions");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Map<String, JsonNode> bySubject = new java.util.LinkedHashMap<>();
        response.json()
                .get("actions")
                .forEach(a -> bySubject.put(a.get("subject").asString(), a));
        assertThat(bySubject)
                .containsKeys(
                        "status",
                        "priority",
                        "type",
                        "group_id",
                        "assignee_id",
                        "set_tags",
                        "current_tags",
                        "remove_tags",
                        "comment_value",
                        "comment_value_html",
                        "comment_mode_is_public",
                        "subject",
                        "side_conversation_ticket");
        bySubject.values().forEach(definition -> {
            assertThat(definition.get("title").asString())
                    .as(definition.toString())
                    .isNotBlank();
            assertThat(definition.get("type").asString())
                    .as(definition.toString())
                    .isNotBlank();
            assertThat(definition.get("nullable").isBoolean())
                    .as(definition.toString())
                    .isTrue();
            assertThat(definition.get("repeatable").isBoolean())
                    .as(definition.toString())
                    .isTrue();
        });
        List<String> statuses = new ArrayList<>();
        bySubject
                .get("status")
                .get("values")
                .forEach(v -> statuses.add(v.get("value").asString()));
        assertThat(statuses).containsExactlyInAnyOrder("open", "pending", "hold", "solved");
    }

    // ---- bulk writes --------------------------------------------------------------------------------------------

    @Test
    void updateManySetsEachPositionAndActivityAsAsked() {
        long a = macro().get("id").asLong();
        long b = macro().get("id").asLong();
        long c = macro("active", false, "restriction", groupRestriction(group(true)))
                .get("id")
                .asLong();
        JsonNode restriction = showMacro(c).get("restriction");

        Api.Response response = admin().put(
                        MACROS + "/update_many",
                        Map.of(
                                "macros",
                                List.of(
                                        fields("id", c, "active", true),
                                        fields("id", a, "active", false),
                                        fields("id", b, "position", 1))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(ids(response.json().get("macros"))).containsExactly(c, a, b);
        assertThat(showMacro(c).get("active").asBoolean()).isTrue();
        assertThat(showMacro(c).get("restriction"))
                .as("the restriction as it was")
                .isEqualTo(restriction);
        assertThat(showMacro(a).get("active").asBoolean()).isFalse();
        assertThat(showMacro(b).get("position").asInt()).isEqualTo(1);
    }

    @Test
    void updateManyIsAllOrNone() {
        long a = macro().get("id").asLong();
        long b = macro().get("id").asLong();
        long hidden =
                macro("restriction", groupRestriction(group(true))).get("id").asLong();
        TestUser agent = agentWithMacroAccess("full");
        List<JsonNode> before = List.of(showMacro(a), showMacro(b), showMacro(hidden));

        assertNotFound(admin().put(
                        MACROS + "/update_many",
                        Map.of(
                                "macros",
                                List.of(fields("id", a, "active", false), fields("id", MISSING, "active", false)))));
        assertNotFound(as(agent)
                .put(
                        MACROS + "/update_many",
                        Map.of(
                                "macros",
                                List.of(fields("id", a, "active", false), fields("id", hidden, "active", false)))));
        Api.Response forbidden =
                as(agent()).put(MACROS + "/update_many", Map.of("macros", List.of(fields("id", b, "active", false))));
        assertForbidden(forbidden);
        Api.Response invalid = admin().withoutContract()
                .put(
                        MACROS + "/update_many",
                        Map.of("macros", List.of(fields("id", a, "active", false), fields("id", b, "position", -1))));
        assertThat(invalid.status()).as(invalid.toString()).isIn(400, 422);

        assertThat(List.of(showMacro(a), showMacro(b), showMacro(hidden)))
                .as("nothing written")
                .isEqualTo(before);
    }

    @Test
    void destroyManyDeletesThemAll() {
        long a = macro().get("id").asLong();
        long b = macro().get("id").asLong();
        long c = macro().get("id").asLong();

        Api.Response response = admin().delete(MACROS + "/destroy_many?ids=" + a + "," + c);

        assertThat(response.status()).as(response.toString()).isEqualTo(204);
        assertNotFound(admin().get(MACROS + "/" + a));
        assertNotFound(admin().get(MACROS + "/" + c));
        assertThat(admin().get(MACROS + "/" + b).status()).isEqualTo(200);
    }

    @Test
    void destroyManyIsAllOrNone() {
        TestUser agent = agent();
        long mine = createdMacro(as(agent), macroBody("restriction", userRestriction(agent.id())))
                .get("id")
                .asLong();
        long shared = macro().get("id").asLong();
        long hidden =
                macro("restriction", groupRestriction(group(true))).get("id").asLong();
        List<Long> before = ids(MACROS);

        assertNotFound(admin().delete(MACROS + "/destroy_many?ids=" + shared + "," + MISSING));
        assertNotFound(as(agent).delete(MACROS + "/destroy_many?ids=" + mine + "," + hidden));
        assertForbidden(as(agent).delete(MACROS + "/destroy_many?ids=" + mine + "," + shared));
        Api.Response noIds = admin().delete(MACROS + "/destroy_many");
        assertThat(noIds.status()).as(noIds.toString()).isEqualTo(400);
        Api.Response garbled = admin().delete(MACROS + "/destroy_many?ids=" + shared + ",x");
        assertThat(garbled.status()).as(garbled.toString()).isEqualTo(400);

        assertThat(ids(MACROS)).as("nothing deleted").isEqualTo(before);
        assertThat(as(agent).delete(MACROS + "/destroy_many?ids=" + mine).status())
                .isEqualTo(204);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private record Case(String what, Map<String, Object> macro, String place) {}

    /** A macro whose second action is {@code field} with a value it does not take. */
    private Case wrong(String field, Object value) {
        return new Case(
                "the action " + field + " " + json(value),
                macroBody("actions", List.of(action("current_tags", tag + "seen"), action(field, value))),
                "actions[1].value");
    }

    private static Map<String, Object> without(Map<String, Object> macro, String member) {
        macro.remove(member);
        return macro;
    }

    private List<Long> ids(String list) {
        return ids(admin(), list);
    }

    private static List<Long> ids(Api caller, String list) {
        return ids(ApiAssertions.all(caller, list, "macros"));
    }

    private static List<Long> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asLong()).toList();
    }

    private static List<Long> ids(JsonNode array) {
        return ApiAssertions.ids(array);
    }

    /** The macros of this test in a list as this caller sees it. */
    private List<Long> mineOf(Api caller, String list) {
        return ApiAssertions.all(caller, list, "macros").stream()
                .filter(m -> m.get("title").asString().contains(tag))
                .map(m -> m.get("id").asLong())
                .toList();
    }

    private static List<String> categories(Api caller) {
        Api.Response response = caller.get(MACROS + "/categories");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return strings(response.json().get("categories"));
    }

    private long ticketField(String type) {
        Api.Response field = admin().post(
                        "/api/v2/ticket_fields",
                        Map.of("ticket_field", Map.of("type", type, "title", unique("Macro field " + type))));
        assertThat(field.status()).as(field.toString()).isEqualTo(201);
        return field.json().at("/ticket_field/id").asLong();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
