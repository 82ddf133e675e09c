package io.sidedesk.macro;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seams an independent review found between macros and the rules around them: what a restriction tells an agent
 * about private groups (R22), a restricted macro's title on audits everyone reads, who orders the account's macros,
 * how many personal macros an agent may keep, which action a refusal names, and the order comments join in.
 */
class MacroSeamTests extends MacroTestSupport {

    @Test
    void aRestrictionShowsAnAgentOnlyTheGroupsTheyMayKnowOf_R22() {
        Team team = team(true);
        long hidden = group(false);
        long id = macro("restriction", groupRestriction(team.group(), hidden))
                .get("id")
                .asLong();

        JsonNode asAgent = as(team.agent()).get(MACROS + "/" + id).json().at("/macro/restriction");
        assertThat(asAgent.get("ids").toString()).isEqualTo("[" + team.group() + "]");
        assertThat(asAgent.get("id").asLong()).isEqualTo(team.group());
        JsonNode asAdmin = admin().get(MACROS + "/" + id).json().at("/macro/restriction");
        assertThat(asAdmin.get("ids").toString()).isEqualTo("[" + team.group() + "," + hidden + "]");

        long byHidden = as(team.agent())
                .get(MACROS + "?group_id=" + hidden)
                .json()
                .get("count")
                .asLong();
        long byMissing = as(team.agent())
                .get(MACROS + "?group_id=" + MISSING)
                .json()
                .get("count")
                .asLong();
        assertThat(byHidden)
                .as("a hidden group filters like a missing one")
                .isEqualTo(byMissing)
                .isZero();
        assertThat(as(team.agent())
                        .get(MACROS + "?group_id=" + team.group())
                        .json()
                        .get("count")
                        .asLong())
                .isOne();
    }

    @Test
    void aMacrosActionsNameNoPrivateGroupToAnAgentOutsideIt_R22() {
        Team team = team(true);
        Team hidden = team(false);
        long id = macro(
                        "actions",
                        List.of(
                                action("group_id", hidden.group()),
                                action(
                                        "side_conversation_ticket",
                                        List.of(
                                                "Ask",
                                                "<p>Please look</p>",
                                                "SupportAssignable:support_assignable/group/" + hidden.group())),
                                action("current_tags", tag + "seen")))
                .get("id")
                .asLong();

        JsonNode asOutsider = as(team.agent()).get(MACROS + "/" + id).json().at("/macro/actions");
        assertThat(asOutsider.toString())
                .as("an outsider reads only the action that names no private group")
                .doesNotContain(Long.toString(hidden.group()));
        assertThat(asOutsider.size()).isOne();
        assertThat(as(hidden.agent())
                        .get(MACROS + "/" + id)
                        .json()
                        .at("/macro/actions")
                        .size())
                .as("a member of the group reads every action")
                .isEqualTo(3);
        assertThat(admin().get(MACROS + "/" + id).json().at("/macro/actions").size())
                .isEqualTo(3);
    }

    @Test
    void aRestrictedMacrosTitleStaysOffTheAuditsEveryoneWhoSeesTheTicketReads() {
        Team team = team(true);
        JsonNode hidden =
                macro("restriction", groupRestriction(team.group()), "actions", List.of(action("priority", "high")));
        long restricted = hidden.get("id").asLong();
        long everyone = macroWith(action("type", "task"));
        long ticket = parentTicket();

        JsonNode first = apply(as(team.agent()), ticket, restricted).json().get("audit");
        JsonNode second = apply(as(team.agent()), ticket, everyone).json().get("audit");

        JsonNode hiddenReference = eventsOf(first, "AgentMacroReference").get(0);
        assertThat(hiddenReference.get("macro_id").asLong()).isEqualTo(restricted);
        assertThat(hiddenReference.get("macro_title").isNull()).isTrue();
        assertThat(eventsOf(second, "AgentMacroReference")
                        .get(0)
                        .get("macro_title")
                        .asString())
                .contains(tag);
        assertThat(as(agent()).get("/api/v2/tickets/" + ticket + "/audits").body())
                .doesNotContain(hidden.get("title").asString())
                .contains(eventsOf(second, "AgentMacroReference")
                        .get(0)
                        .get("macro_title")
                        .asString());
    }

    @Test
    void onlyAdminsAndFullMacroAccessPlaceMacrosOthersGoLastAndMoveNobody() {
        long shared = macro("position", 1).get("id").asLong();
        int sharedAt = showMacro(shared).get("position").asInt();
        TestUser agent = agent();

        assertForbidden(postMacro(as(agent), macroBody("restriction", userRestriction(agent.id()), "position", 1)));
        JsonNode personal = createdMacro(as(agent), macroBody("restriction", userRestriction(agent.id())));
        assertThat(showMacro(shared).get("position").asInt()).isEqualTo(sharedAt);
        assertThat(personal.get("position").asInt()).isGreaterThan(sharedAt);
        long personalId = personal.get("id").asLong();
        assertForbidden(as(agent).put(MACROS + "/" + personalId, Map.of("macro", Map.of("position", 1))));
        assertForbidden(as(agent)
                .put(MACROS + "/update_many", Map.of("macros", List.of(Map.of("id", personalId, "position", 1)))));
        assertThat(showMacro(shared).get("position").asInt()).isEqualTo(sharedAt);

        TestUser full = agentWithMacroAccess("full");
        JsonNode placed = createdMacro(as(full), macroBody("position", 1));
        assertThat(placed.get("position").asInt()).isOne();
    }

    @Test
    void anAgentKeepsAtMostAHundredPersonalMacros() {
        TestUser agent = agent();
        for (int i = 0; i < Macros.MAX_PERSONAL; i++) {
            createdMacro(as(agent), macroBody("restriction", userRestriction(agent.id())));
        }
        assertInvalid(postMacro(as(agent), macroBody("restriction", userRestriction(agent.id()))), "restriction.id");
        // Another agent's, and the account's shared macros, are not theirs to use up.
        TestUser other = agent();
        createdMacro(as(other), macroBody("restriction", userRestriction(other.id())));
        macro();
    }

    @Test
    void aRefusedCustomFieldNamesTheActionThatSetsIt() {
        long first = textField();
        long second = textField();
        long macro = macroWith(action("custom_fields_" + first, "one"), action("custom_fields_" + second, "two"));
        retire(first);
        long ticket = parentTicket();
        TestUser agent = agent();

        Api.Response alone = apply(as(agent), ticket, macro);
        assertInvalid(alone, "macro.actions[0]");
        assertThat(alone.json().get("details").has("macro.actions[1]")).isFalse();

        long third = textField();
        Api.Response withSent =
                apply(as(agent), ticket, macro, "custom_fields", List.of(Map.of("id", third, "value", "sent")));
        assertInvalid(withSent, "macro.actions[0]");
        assertThat(withSent.json().get("details").size()).isOne();
    }

    @Test
    void commentsOfSeveralMacrosJoinInTheOrderOfTheirActions() {
        long a = macroWith(action("comment_value", "AAA-first"));
        long b = macroWith(action("comment_value", "BBB-second"));
        long c = macroWith(action("comment_value_html", "<p>CCC-third</p>"));
        long ticket = parentTicket();

        Api.Response response = applyAll(as(agent()), ticket, List.of(a, b, c));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        String html = comments(ticket)
                .get(comments(ticket).size() - 1)
                .get("html_body")
                .asString();
        assertThat(html.indexOf("AAA-first")).isNotNegative().isLessThan(html.indexOf("BBB-second"));
        assertThat(html.indexOf("BBB-second")).isLessThan(html.indexOf("CCC-third"));
    }

    @Test
    void aMacroOnCreateIsA422AndNoTicketIsWritten() {
        long macro = macroWith(action("priority", "urgent"));
        long before = ticketCount();

        Api.Response response = as(agent())
                .post(
                        "/api/v2/tickets",
                        Map.of("ticket", Map.of("comment", Map.of("body", "Hello"), "macro_id", macro)));

        assertInvalid(response, "macro_id");
        assertThat(ticketCount()).isEqualTo(before);
    }

    private long textField() {
        Api.Response field = admin().post(
                        "/api/v2/ticket_fields",
                        Map.of("ticket_field", Map.of("type", "text", "title", unique("Seam field"))));
        assertThat(field.status()).as(field.toString()).isEqualTo(201);
        return field.json().at("/ticket_field/id").asLong();
    }

    private void retire(long field) {
        Api.Response retired =
                admin().put("/api/v2/ticket_fields/" + field, Map.of("ticket_field", Map.of("active", false)));
        assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
    }
}
