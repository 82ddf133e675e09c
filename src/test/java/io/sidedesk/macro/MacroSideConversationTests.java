package io.sidedesk.macro;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.all;
import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * R16: a macro's {@code side_conversation_ticket} action is checked exactly like a side conversation the applying
 * agent opens by hand: child tickets on (R1), the group and agent the agent may address (R2), no light agents (R3),
 * the role's side conversation and public comment permissions (R4). A macro available to an agent never widens
 * what the agent may do: each refusal writes nothing (no side conversation, no child ticket, the parent as it was,
 * no audit), and the same macro works for an agent who may.
 */
class MacroSideConversationTests extends MacroTestSupport {

    /** The place of the side conversation action in {@link #sideConversationMacro}. */
    private static final String ACTION = "macro.actions[2]";

    // ---- R2: the group and agent addressed ------------------------------------------------------------------

    @Test
    void aMacroAddressingAPrivateGroupTheAgentIsNotInIsRefusedAndWritesNothing_R16() {
        Team privateTeam = team(false);
        JsonNode macro = sideConversationMacro(toGroupAddress(privateTeam.group()));
        long parent = parentTicket();
        State before = state(parent);

        Api.Response refused = apply(as(agent()), parent, id(macro));

        assertInvalid(refused, ACTION);
        assertUnchanged(before, parent);
        JsonNode child = assertAppliedWithChild(privateTeam.agent(), parent, macro);
        assertThat(child.get("group_id").asLong()).isEqualTo(privateTeam.group());
    }

    /** A private group the agent is not in answers exactly as a deleted one does (R22). */
    @Test
    void aHiddenPrivateGroupIsRefusedExactlyLikeADeletedOne_R16() {
        Team privateTeam = team(false);
        long doomed = group(true);
        JsonNode hidden = sideConversationMacro(toGroupAddress(privateTeam.group()));
        JsonNode deleted = sideConversationMacro(toGroupAddress(doomed));
        deleteGroup(doomed);
        TestUser agent = agent();
        long parent = parentTicket();
        State before = state(parent);

        Api.Response toHidden = apply(as(agent), parent, id(hidden));
        Api.Response toDeleted = apply(as(agent), parent, id(deleted));

        assertInvalid(toHidden, ACTION);
        assertInvalid(toDeleted, ACTION);
        assertThat(detailsWithout(toHidden, privateTeam.group()))
                .as("a hidden private group is refused as a deleted one")
                .isEqualTo(detailsWithout(toDeleted, doomed));
        assertUnchanged(before, parent);
    }

    @Test
    void anAgentConfinedToTheirGroupsCannotAddressAPublicGroupTheyAreNotIn_R16() {
        long group = group(true);
        TestUser confined = user("agent", customRole(Map.of("assign_tickets_to_any_group", false)));
        JsonNode shared = sideConversationMacro(toGroupAddress(group));
        JsonNode personal = createdMacro(
                admin(),
                macroBody(
                        "restriction",
                        userRestriction(confined.id()),
                        "actions",
                        sideConversationActions(toGroupAddress(group))));
        long parent = parentTicket();
        State before = state(parent);

        assertInvalid(apply(as(confined), parent, id(shared)), ACTION);
        assertInvalid(apply(as(confined), parent, id(personal)), ACTION);
        Api.Response viaMacroIds = applyAll(as(confined), parent, List.of(id(shared)));
        assertInvalid(viaMacroIds);
        assertThat(viaMacroIds.json().get("details").has(ACTION)
                        || viaMacroIds.json().get("details").has("macros[0].actions[2]"))
                .as("names the action: %s", viaMacroIds)
                .isTrue();

        assertUnchanged(before, parent);
        assertAppliedWithChild(agent(), parent, shared);
        membership(confined, group);
        assertAppliedWithChild(confined, parent, personal);
    }

    @Test
    void anAddressedAgentWhoLeftTheGroupIsA422NamingTheActionAndNothingIsWritten_R16() {
        Team team = team(true);
        TestUser addressed = agent();
        long membership = membership(addressed, team.group());
        JsonNode macro = sideConversationMacro(toAgentAddress(team.group(), addressed.id()));
        Api.Response left = admin().delete("/api/v2/group_memberships/" + membership);
        assertThat(left.status()).as(left.toString()).isEqualTo(204);
        long parent = parentTicket();
        State before = state(parent);

        assertInvalid(apply(as(team.agent()), parent, id(macro)), ACTION);
        assertInvalid(apply(admin(), parent, id(macro)), ACTION);

        assertUnchanged(before, parent);
    }

    @Test
    void aGroupDeletedAfterTheSaveIsA422NamingTheActionAndNothingIsWritten_R16() {
        long doomed = group(true);
        JsonNode macro = sideConversationMacro(toGroupAddress(doomed));
        deleteGroup(doomed);
        long parent = parentTicket();
        State before = state(parent);

        assertInvalid(apply(as(agent()), parent, id(macro)), ACTION);
        assertInvalid(apply(admin(), parent, id(macro)), ACTION);

        assertUnchanged(before, parent);
    }

    // ---- R3, R4: who may ------------------------------------------------------------------------------------

    @Test
    void aLightAgentCannotApplyASideConversationMacro_R16() {
        Team team = team(true);
        TestUser light = lightAgent();
        membership(light, team.group());
        // Nothing but the side conversation: what a light agent may not do is the side conversation alone.
        JsonNode macro = createdMacro(
                admin(),
                macroBody(
                        "actions",
                        List.of(sideConversationAction("Light " + tag, "Body", toGroupAddress(team.group())))));
        long parent = parentTicket();
        State before = state(parent);

        Api.Response refused = apply(as(light), parent, id(macro));

        assertForbidden(refused);
        assertNamesTheMacro(refused, macro);
        assertUnchanged(before, parent);
        assertAppliedWithChild(team.agent(), parent, macro);
    }

    @Test
    void aRoleWithoutSideConversationsCannotApplyASideConversationMacro_R16() {
        assertRoleRefused(Map.of("side_conversation_create", false, "ticket_comment_access", "public"));
    }

    @Test
    void aRoleWithoutPublicCommentsCannotApplyASideConversationMacro_R16() {
        assertRoleRefused(Map.of("side_conversation_create", true, "ticket_comment_access", "none"));
    }

    private void assertRoleRefused(Map<String, Object> configuration) {
        Team team = team(true);
        TestUser refusedAgent = user("agent", customRole(configuration));
        membership(refusedAgent, team.group());
        JsonNode macro = createdMacro(
                admin(),
                macroBody(
                        "actions",
                        // Nothing but the side conversation: a role without public comments changes no property.
                        List.of(sideConversationAction("Role " + tag, "Body", toGroupAddress(team.group())))));
        long parent = parentTicket();
        State before = state(parent);

        Api.Response refused = apply(as(refusedAgent), parent, id(macro));

        assertForbidden(refused);
        assertNamesTheMacro(refused, macro);
        assertUnchanged(before, parent);
        TestUser allowed =
                user("agent", customRole(Map.of("side_conversation_create", true, "ticket_comment_access", "public")));
        membership(allowed, team.group());
        assertAppliedWithChild(allowed, parent, macro);
    }

    // ---- R1: child tickets on -----------------------------------------------------------------------------------

    @Test
    void aSideConversationMacroIsRefusedWhileChildTicketsAreOff_R16() {
        Team team = team(true);
        JsonNode macro = sideConversationMacro(toGroupAddress(team.group()));
        long parent = parentTicket();
        sideConversationSettings(Map.of("tickets_channel", false));
        State before = state(parent);

        Api.Response byAgent = apply(as(team.agent()), parent, id(macro));
        Api.Response byAdmin = apply(admin(), parent, id(macro));

        assertForbidden(byAgent);
        assertForbidden(byAdmin);
        assertNamesTheMacro(byAgent, macro);
        assertUnchanged(before, parent);
        turnOnChildTickets();
        assertAppliedWithChild(team.agent(), parent, macro);
    }

    // ---- several macros, and what a good apply writes -----------------------------------------------------------

    @Test
    void withSeveralMacrosOneRefusedSideConversationRefusesThemAll_R16() {
        Team privateTeam = team(false);
        long fine = macroWith(action("priority", "urgent"), action("comment_value", "Fine " + tag));
        JsonNode refusedMacro = sideConversationMacro(toGroupAddress(privateTeam.group()));
        long parent = parentTicket();
        State before = state(parent);

        assertInvalid(applyAll(as(agent()), parent, List.of(fine, id(refusedMacro))), "macros[1].actions[2]");

        assertUnchanged(before, parent);
    }

    @Test
    void aSideConversationMacroOpensTheChildInTheSameUpdate_R16() {
        Team team = team(true);
        TestUser addressed = agent();
        membership(addressed, team.group());
        JsonNode macro = createdMacro(
                admin(),
                macroBody(
                        "actions",
                        List.of(
                                action("priority", "high"),
                                action("comment_value", "Asked the stock team"),
                                action(
                                        "side_conversation_ticket",
                                        List.of(
                                                "Stock for #{{ticket.id}}",
                                                "<p>Is item 42 in stock?</p>",
                                                toAgentAddress(team.group(), addressed.id()),
                                                List.of("tags"))))));
        long parent = parentTicket(Map.of("tags", List.of("parenttag" + tag)));

        JsonNode child = assertAppliedWithChild(team.agent(), parent, macro);

        assertThat(child.get("subject").asString()).isEqualTo("Stock for #" + parent);
        assertThat(child.get("description").asString()).contains("Is item 42 in stock?");
        assertThat(child.get("group_id").asLong()).isEqualTo(team.group());
        assertThat(child.get("assignee_id").asLong()).isEqualTo(addressed.id());
        assertThat(child.get("requester_id").asLong()).isEqualTo(team.agent().id());
        assertThat(child.at("/via/channel").asString()).isEqualTo("side_conversation");
        assertThat(child.at("/child_of/ticket_id").asLong()).isEqualTo(parent);
        assertThat(strings(child.get("tags"))).contains("parenttag" + tag);
        JsonNode after = ticket(parent);
        assertThat(after.get("priority").asString()).isEqualTo("high");
        assertThat(last(comments(parent)).get("body").asString()).isEqualTo("Asked the stock team");
        JsonNode audit = last(audits(parent));
        assertThat(eventsOf(audit, "Change"))
                .extracting(e -> e.get("field_name").asString())
                .contains("priority");
        assertThat(eventsOf(audit, "Comment")).hasSize(1);
    }

    @Test
    void aStaleSafeUpdateWithASideConversationMacroIsAConflictAndWritesNothing_R16() {
        Team team = team(true);
        JsonNode macro = sideConversationMacro(toGroupAddress(team.group()));
        long parent = parentTicket();
        State before = state(parent);

        Api.Response stale = apply(
                as(team.agent()), parent, id(macro), "safe_update", true, "updated_stamp", "2020-01-01T00:00:00Z");

        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertUnchanged(before, parent);
        assertAppliedWithChild(team.agent(), parent, macro);
    }

    /** A light agent cannot hold a child ticket (R3): a macro addressing one is refused and writes nothing. */
    @Test
    void aMacroAddressingALightAgentIsRefusedAndWritesNothing_R16() {
        Team team = team(true);
        TestUser light = lightAgent();
        membership(light, team.group());
        Api.Response saved = postMacro(
                admin(), macroBody("actions", sideConversationActions(toAgentAddress(team.group(), light.id()))));
        if (saved.status() == 422) {
            assertInvalid(saved, "actions[2].value");
            return;
        }
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        long parent = parentTicket();
        State before = state(parent);

        assertInvalid(
                apply(as(team.agent()), parent, saved.json().at("/macro/id").asLong()), ACTION);

        assertUnchanged(before, parent);
    }

    /** A macro's copy fields copy from the parent as a side conversation's do (R6). */
    @Test
    void aSideConversationMacroCopiesTheFieldsItNames_R16() {
        Team team = team(true);
        JsonNode macro = createdMacro(
                admin(),
                macroBody(
                        "actions",
                        List.of(action(
                                "side_conversation_ticket",
                                List.of(
                                        "Copied " + tag,
                                        "Body",
                                        toGroupAddress(team.group()),
                                        List.of("tags", "requester"))))));
        TestUser requester = endUser();
        long parent = parentTicket(Map.of("tags", List.of("copied" + tag), "requester_id", requester.id()));

        JsonNode child = assertAppliedWithChild(team.agent(), parent, macro);

        assertThat(strings(child.get("tags"))).contains("copied" + tag);
        assertThat(child.get("requester_id").asLong()).isEqualTo(requester.id());
    }

    /** Explicit members of the request are applied with the side conversation, in the same single audit. */
    @Test
    void explicitMembersAndASideConversationMacroMakeOneAudit_R16() {
        Team team = team(true);
        JsonNode macro = createdMacro(
                admin(),
                macroBody(
                        "actions",
                        List.of(sideConversationAction("Explicit " + tag, "Body", toGroupAddress(team.group())))));
        long parent = parentTicket();
        int audits = audits(parent).size();

        Api.Response response =
                apply(as(team.agent()), parent, id(macro), "priority", "low", "comment", Map.of("body", "By hand too"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> after = audits(parent);
        assertThat(after).hasSize(audits + 1);
        JsonNode audit = last(after);
        assertThat(eventsOf(audit, "AgentMacroReference")).hasSize(1);
        assertThat(sideConversationEvents(audit)).hasSize(1);
        assertThat(single(eventsOf(audit, "Comment")).get("body").asString()).isEqualTo("By hand too");
        assertThat(ticket(parent).get("priority").asString()).isEqualTo("low");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A shared macro (no restriction) that sets priority, adds a private note, then opens a side conversation. */
    private JsonNode sideConversationMacro(String address) {
        return createdMacro(admin(), macroBody("actions", sideConversationActions(address)));
    }

    private List<Map<String, Object>> sideConversationActions(String address) {
        return List.of(
                action("priority", "urgent"),
                action("comment_value", "Passed on by macro " + tag),
                sideConversationAction("Macro child " + tag, "<p>Please look at {{ticket.id}}</p>", address));
    }

    private static long id(JsonNode macro) {
        return macro.get("id").asLong();
    }

    /**
     * Applies the macro as this agent, which must succeed, and checks what it wrote: exactly one side conversation,
     * one child ticket, one ticket more in the account, and one audit on the parent holding the macro reference and
     * the side conversation's creation. The child ticket, as the admin reads it.
     */
    private JsonNode assertAppliedWithChild(TestUser who, long parent, JsonNode macro) {
        Written before = written(parent);

        Api.Response response = apply(as(who), parent, id(macro));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Written after = written(parent);
        assertThat(after)
                .isEqualTo(new Written(
                        before.sideConversations() + 1,
                        before.parentAudits() + 1,
                        before.childTickets() + 1,
                        before.allTickets() + 1));
        JsonNode audit = last(audits(parent));
        assertThat(audit.get("author_id").asLong()).isEqualTo(who.id());
        JsonNode reference = single(eventsOf(audit, "AgentMacroReference"));
        assertThat(reference.get("macro_id").asLong()).isEqualTo(id(macro));
        // A restricted macro's title is not on the audit, which everyone who may see the ticket reads.
        assertThat(
                        reference.get("macro_title").isNull()
                                ? null
                                : reference.get("macro_title").asString())
                .isEqualTo(
                        macro.get("restriction").isNull() ? macro.get("title").asString() : null);
        assertThat(sideConversationEvents(audit))
                .extracting(e -> e.get("action").asString())
                .containsExactly("created");
        List<JsonNode> conversations = all(admin(), sideConversations(parent), "side_conversations");
        JsonNode conversation = last(conversations);
        return ticket(childOf(conversation));
    }

    /** A 403 whose message names the macro (by title or id) and the action. */
    private static void assertNamesTheMacro(Api.Response refused, JsonNode macro) {
        String message = refused.json().at("/error/message").asString() + " "
                + refused.json().path("detail").asString("");
        assertThat(message.contains(macro.get("title").asString()) || message.contains(String.valueOf(id(macro))))
                .as("names the macro: %s", refused)
                .isTrue();
        assertThat(message).as("names the action").containsAnyOf("side_conversation_ticket", "actions[");
    }
}
