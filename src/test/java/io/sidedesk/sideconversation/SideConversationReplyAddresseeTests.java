package io.sidedesk.sideconversation;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply's {@code to} is held to R2 as a creation's is: whatever it names, a reply goes to the linked child
 * (R7), but a group or agent the side conversation had not addressed must be one the replier may address. Whom
 * it already addresses were checked when first addressed, so any sender may name them again. A refused reply is
 * a 422 naming the participant, and writes nothing: no event, no child comment, no participant, no audit.
 */
class SideConversationReplyAddresseeTests extends SideConversationTestSupport {

    @Test
    void aReplyToAGroupTheReplierMayNotAddressIsRefusedAndWritesNothing_R2() {
        Team own = team(true);
        long other = group(true);
        TestUser restricted = user(
                "agent",
                customRole(Map.of(
                        "ticket_access",
                        "all",
                        "side_conversation_create",
                        true,
                        "ticket_comment_access",
                        "public",
                        "assign_tickets_to_any_group",
                        false)));
        membership(restricted, own.group());
        long parent = parentTicket();
        JsonNode conversation = startedToGroup(as(restricted), parent, own.group());
        Unchanged unchanged = new Unchanged(parent, conversation);

        Api.Response refused = reply(
                as(restricted), parent, unchanged.id, message(null, "to a group I may not assign to", toGroup(other)));

        assertInvalid(refused, "message.to[0].support_group_id");
        assertThat(refused.json()
                        .at("/details/message.to[0].support_group_id/0/description")
                        .asString())
                .isEqualTo("is not a group you may assign child tickets to");
        unchanged.verify();
        replied(as(restricted), parent, unchanged.id, message(null, "to my own group", toGroup(own.group())));
    }

    /** R22: a private group the replier is not in answers exactly as a group that does not exist. */
    @Test
    void aReplyToAPrivateGroupTheReplierIsNotInIsRefusedExactlyLikeAMissingGroup_R2_R22() {
        Team team = team(true);
        Team secret = team(false);
        long parent = parentTicket();
        JsonNode conversation = startedToGroup(as(team.agent()), parent, team.group());
        Unchanged unchanged = new Unchanged(parent, conversation);

        Api.Response hidden = reply(
                as(team.agent()),
                parent,
                unchanged.id,
                message(null, "to a private group I am not in", toGroup(secret.group())));
        Api.Response missing = reply(
                as(team.agent()),
                parent,
                unchanged.id,
                message(null, "to a group that never was", toGroup(987654321L)));

        assertInvalid(hidden, "message.to[0].support_group_id");
        assertThat(hidden.json().get("details")).isEqualTo(missing.json().get("details"));
        assertThat(hidden.json().get("detail")).isEqualTo(missing.json().get("detail"));
        assertInvalid(
                reply(
                        as(team.agent()),
                        parent,
                        unchanged.id,
                        message(
                                null,
                                "to an agent of it",
                                toAgent(secret.group(), secret.agent().id()))),
                "message.to[0].support_group_id");
        unchanged.verify();
    }

    @Test
    void aReplyToAnAgentWhoCannotHoldTheChildIsRefused_R2_R3() {
        Team team = team(true);
        TestUser light = lightAgent();
        membership(light, team.group());
        TestUser elsewhere = agent();
        long parent = parentTicket();
        JsonNode conversation = startedToGroup(as(team.agent()), parent, team.group());
        Unchanged unchanged = new Unchanged(parent, conversation);

        for (long agent : new long[] {light.id(), elsewhere.id(), endUser().id(), 987654321L}) {
            assertInvalid(
                    reply(
                            as(team.agent()),
                            parent,
                            unchanged.id,
                            message(null, "to someone", toAgent(team.group(), agent))),
                    "message.to[0].support_agent_id");
        }

        unchanged.verify();
    }

    /**
     * The group a side conversation addresses was checked when it was addressed: a replier who could not address
     * it themselves (an agent outside a private group, who sees the parent) may still reply to it.
     */
    @Test
    void anyoneWhoMaySendMayReplyToWhomTheSideConversationAlreadyAddresses_R2() {
        Team secret = team(false);
        TestUser outsider = agent();
        long parent = parentTicket();
        String id = started(
                        admin(),
                        parent,
                        message(
                                "Private",
                                "for the private group",
                                toAgent(secret.group(), secret.agent().id())))
                .at("/side_conversation/id")
                .asString();
        long child = childOf(show(parent, id));
        int comments = comments(child).size();

        replied(as(outsider), parent, id, message(null, "to the group", toGroup(secret.group())));
        replied(
                as(outsider),
                parent,
                id,
                message(
                        null,
                        "to its agent",
                        toAgent(secret.group(), secret.agent().id())));

        assertThat(comments(child)).hasSize(comments + 2);
        assertInvalid(
                start(as(outsider), parent, message("Private", "a new one", toGroup(secret.group()))),
                "message.to[0].support_group_id");
    }

    /** R1 comes first, as at creation: with child tickets off, any reply is a 403, whomever it names. */
    @Test
    void whileTheTicketsChannelIsOffARefusedAddresseeIsStillA403_R1_R2() {
        Team team = team(true);
        Team secret = team(false);
        long parent = parentTicket();
        JsonNode conversation = startedToGroup(as(team.agent()), parent, team.group());
        Unchanged unchanged = new Unchanged(parent, conversation);
        sideConversationSettings(Map.of("tickets_channel", false));

        assertForbidden(reply(
                as(team.agent()),
                parent,
                unchanged.id,
                message(null, "to a private group I am not in", toGroup(secret.group()))));

        unchanged.verify();
    }

    /** What a refused reply must leave as it was: the parent's writes, the side conversation, its events, the child. */
    private final class Unchanged {

        final long parent;
        final String id;
        final long child;
        final Written written;
        final JsonNode sideConversation;
        final int events;
        final int childComments;

        Unchanged(long parent, JsonNode sideConversation) {
            this.parent = parent;
            this.id = sideConversation.get("id").asString();
            this.child = childOf(sideConversation);
            this.written = written(parent);
            this.sideConversation = show(parent, id);
            this.events = events(parent, id).size();
            this.childComments = comments(child).size();
        }

        void verify() {
            assertNothingWritten(written, parent);
            assertThat(show(parent, id))
                    .as("the side conversation, its participants included")
                    .isEqualTo(sideConversation);
            assertThat(events(parent, id)).as("its events").hasSize(events);
            assertThat(comments(child)).as("the child's comments").hasSize(childComments);
        }
    }
}
