package io.sidedesk.sideconversation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sidedesk.PolicyActors;
import io.sidedesk.access.Actor;
import io.sidedesk.access.Role;
import io.sidedesk.directory.GroupPolicy.Standing;
import io.sidedesk.directory.People;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.RecordInvalid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Who may do what with side conversations, and whom a message may address: the policy's rules as tables of
 * actor kinds, resources and answers, on plain facts (no Spring, no database). The HTTP tests prove that the
 * services ask it: {@code ChildTicketCreationTests}, {@code SideConversationReplyAddresseeTests}.
 */
class SideConversationPolicyTests {

    private static final long GROUP = 7;
    private static final String PARTICIPANT = "message.to[0]";
    private static final Standing MEMBER = new Standing(true, true);
    private static final Standing MEMBER_OF_PRIVATE = new Standing(false, true);
    private static final Standing OUTSIDER_OF_PUBLIC = new Standing(true, false);
    private static final Standing OUTSIDER_OF_PRIVATE = new Standing(false, false);

    /** Every kind of caller: roles, and custom roles of each configuration that matters here (R3, R4, R2). */
    private static Actor actor(String kind) {
        PolicyActors actor =
                switch (kind) {
                    case "admin" -> PolicyActors.ADMIN;
                    case "agent" -> PolicyActors.AGENT;
                    case "custom-all-on" -> PolicyActors.AGENT_WITHIN_GROUPS;
                    case "custom-no-side-conversations" -> PolicyActors.AGENT_WITHOUT_SIDE_CONVERSATIONS;
                    case "custom-private-comments" -> PolicyActors.AGENT_WITHOUT_PUBLIC_COMMENTS;
                    case "custom-own-groups" -> PolicyActors.AGENT_IN_OWN_GROUPS_ONLY;
                    case "light-agent" -> PolicyActors.LIGHT_AGENT;
                    case "light-agent-all-on" -> PolicyActors.LIGHT_AGENT_ROLE_ALL_ON;
                    case "end-user" -> PolicyActors.END_USER;
                    default -> throw new IllegalArgumentException(kind);
                };
        return actor.actor();
    }

    /** An addressed user, as the directory has them (assignable as {@code People} reads it). */
    private static People.Person person(String kind, Set<Long> groups) {
        return switch (kind) {
            case "admin" -> new People.Person(9, "Ada", "ada@example.com", Role.ADMIN, true, true, null, groups);
            case "agent" -> new People.Person(9, "Abe", "abe@example.com", Role.AGENT, true, true, null, groups);
            case "light-agent" -> new People.Person(9, "Lia", "lia@example.com", Role.AGENT, true, false, null, groups);
            case "inactive-agent" ->
                new People.Person(9, "Ina", "ina@example.com", Role.AGENT, false, false, null, groups);
            case "end-user" -> new People.Person(9, "Eve", "eve@example.com", Role.END_USER, true, false, null, groups);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    // ---- reading, sending, changing, exporting ----------------------------------------------------------------

    @ParameterizedTest(name = "{0}: read {1}, send and change {2}, export {3}")
    @CsvSource(delimiter = '|', textBlock = """
            admin                       | true  | true  | true
            agent                       | true  | true  | false
            custom-all-on               | true  | true  | false
            custom-no-side-conversations| true  | false | false
            custom-private-comments     | true  | false | false
            custom-own-groups           | true  | true  | false
            light-agent                 | true  | false | false
            light-agent-all-on          | true  | false | false
            end-user                    | false | false | false
            """)
    void whoMayReadSendChangeAndExportSideConversations_R3_R4(String kind, boolean read, boolean send, boolean export) {
        Actor actor = actor(kind);

        assertThat(SideConversationPolicy.mayRead(actor)).as("read").isEqualTo(read);
        assertThat(SideConversationPolicy.maySend(actor)).as("send").isEqualTo(send);
        assertThat(SideConversationPolicy.mayExport(actor)).as("export").isEqualTo(export);
        assertAllowed(() -> SideConversationPolicy.requireReader(actor), read);
        if (read) {
            // Senders are checked after readers, as the services do.
            assertAllowed(() -> SideConversationPolicy.requireSender(actor), send);
        }
        assertAllowed(() -> SideConversationPolicy.requireExporter(actor), export);
    }

    @Test
    void lightAgentsMayNotSendOrChangeWhateverTheirRoleSays_R3() {
        for (String kind : List.of("light-agent", "light-agent-all-on")) {
            assertThatThrownBy(() -> SideConversationPolicy.requireSender(actor(kind)))
                    .isInstanceOf(ActionForbidden.class)
                    .hasMessage("Light agents cannot create, send or change side conversations");
        }
    }

    @Test
    void sendingNeedsSideConversationAndPublicCommentPermissions_R4() {
        for (String kind : List.of("custom-no-side-conversations", "custom-private-comments")) {
            assertThatThrownBy(() -> SideConversationPolicy.requireSender(actor(kind)))
                    .isInstanceOf(ActionForbidden.class)
                    .hasMessage(
                            "Your role cannot create, send or change side conversations: it needs side conversation "
                                    + "and public comment permissions");
        }
    }

    @Test
    void endUsersAreRefusedSideConversations() {
        assertThatThrownBy(() -> SideConversationPolicy.requireReader(actor("end-user")))
                .isInstanceOf(ActionForbidden.class)
                .hasMessage("Side conversations are for agents and admins");
    }

    // ---- addressing ---------------------------------------------------------------------------------------------

    @Test
    void nothingIsAddressedWhileTheTicketsChannelIsOff_R1() {
        assertThatThrownBy(() -> SideConversationPolicy.requireTicketsChannel(false))
                .isInstanceOf(ActionForbidden.class)
                .hasMessage("Child tickets are turned off: an admin can turn on "
                        + "settings.side_conversations.tickets_channel");
        assertThatNoException().isThrownBy(() -> SideConversationPolicy.requireTicketsChannel(true));
    }

    @ParameterizedTest(name = "{0}: a group they are in {1}, a public group {2}, a private group {3}")
    @CsvSource(delimiter = '|', textBlock = """
            admin                       | true  | true  | true
            agent                       | true  | true  | false
            custom-all-on               | true  | true  | false
            custom-no-side-conversations| true  | true  | false
            custom-own-groups           | true  | false | false
            light-agent                 | false | false | false
            light-agent-all-on          | false | false | false
            end-user                    | false | false | false
            """)
    void whoMayAddressWhichGroup_R2_R3(
            String kind, boolean member, boolean outsiderOfPublic, boolean outsiderOfPrivate) {
        Actor sender = actor(kind);

        assertThat(SideConversationPolicy.mayAddressGroup(sender, MEMBER))
                .as("member")
                .isEqualTo(member);
        assertThat(SideConversationPolicy.mayAddressGroup(sender, OUTSIDER_OF_PUBLIC))
                .as("public group")
                .isEqualTo(outsiderOfPublic);
        assertThat(SideConversationPolicy.mayAddressGroup(sender, OUTSIDER_OF_PRIVATE))
                .as("private group")
                .isEqualTo(outsiderOfPrivate);
        assertThat(SideConversationPolicy.mayAddressGroup(sender, MEMBER_OF_PRIVATE))
                .as("private group member")
                .isEqualTo(member);
        for (Standing standing : List.of(MEMBER, MEMBER_OF_PRIVATE, OUTSIDER_OF_PUBLIC, OUTSIDER_OF_PRIVATE)) {
            boolean allowed = SideConversationPolicy.mayAddressGroup(sender, standing);
            assertAllowed(() -> SideConversationPolicy.checkGroup(sender, Optional.of(standing), PARTICIPANT), allowed);
        }
    }

    @ParameterizedTest(name = "{0} knows of a private group they are not in: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            admin       | true
            agent       | false
            light-agent | false
            """)
    void aPrivateGroupIsKnownOnlyToItsMembersAndAdmins_R22(String kind, boolean knows) {
        Actor sender = actor(kind);

        assertThat(SideConversationPolicy.knowsGroup(sender, OUTSIDER_OF_PRIVATE))
                .isEqualTo(knows);
        assertThat(SideConversationPolicy.knowsGroup(sender, OUTSIDER_OF_PUBLIC))
                .isTrue();
        assertThat(SideConversationPolicy.knowsGroup(sender, MEMBER)).isTrue();
    }

    @Test
    void aPrivateGroupTheSenderMayNotKnowOfIsRefusedExactlyLikeAMissingOne_R2_R22() {
        Actor agent = actor("agent");

        RecordInvalid hidden =
                refusal(() -> SideConversationPolicy.checkGroup(agent, Optional.of(OUTSIDER_OF_PRIVATE), PARTICIPANT));
        RecordInvalid missing = refusal(() -> SideConversationPolicy.checkGroup(agent, Optional.empty(), PARTICIPANT));
        RecordInvalid deletedOwn =
                refusal(() -> SideConversationPolicy.checkGroup(actor("admin"), Optional.empty(), PARTICIPANT));

        assertThat(hidden.details())
                .isEqualTo(missing.details())
                .isEqualTo(deletedOwn.details())
                .isEqualTo(Map.of("message.to[0].support_group_id", List.of("is not an existing group")));
    }

    @Test
    void aKnownGroupTheSenderMayNotAssignToIsRefusedNamingTheGroup_R2() {
        RecordInvalid refused = refusal(() -> SideConversationPolicy.checkGroup(
                actor("custom-own-groups"), Optional.of(OUTSIDER_OF_PUBLIC), "message.to[0]"));

        assertThat(refused.details())
                .isEqualTo(Map.of(
                        "message.to[0].support_group_id", List.of("is not a group you may assign child tickets to")));
    }

    @ParameterizedTest(name = "{0}: may hold child tickets {1}, of a group they are in {2}, of another {3}")
    @CsvSource(delimiter = '|', textBlock = """
            admin          | true  | true  | false
            agent          | true  | true  | false
            light-agent    | false | false | false
            inactive-agent | false | false | false
            end-user       | false | false | false
            """)
    void whoMayBeAddressedAndHoldAChildTicketOfTheGroup_R2_R3_R20(
            String kind, boolean holds, boolean member, boolean outsider) {
        People.Person in = person(kind, Set.of(GROUP));
        People.Person out = person(kind, Set.of(GROUP + 1));

        assertThat(SideConversationPolicy.mayHoldChildTickets(in)).isEqualTo(holds);
        assertThat(SideConversationPolicy.mayHoldChildTicketOf(in, GROUP))
                .as("a member")
                .isEqualTo(member);
        assertThat(SideConversationPolicy.mayHoldChildTicketOf(out, GROUP))
                .as("not a member")
                .isEqualTo(outsider);
        assertAllowed(() -> SideConversationPolicy.checkAgent(Optional.of(in), GROUP, PARTICIPANT), member);
        assertAllowed(() -> SideConversationPolicy.checkAgent(Optional.of(out), GROUP, PARTICIPANT), outsider);
    }

    @Test
    void anAddressedAgentIsRefusedNamingTheAgentAndWhy_R2_R3() {
        assertThat(refusal(() -> SideConversationPolicy.checkAgent(Optional.empty(), GROUP, PARTICIPANT))
                        .details())
                .isEqualTo(Map.of("message.to[0].support_agent_id", List.of("is not an existing user")));
        for (String kind : List.of("light-agent", "inactive-agent", "end-user")) {
            assertThat(refusal(() -> SideConversationPolicy.checkAgent(
                                    Optional.of(person(kind, Set.of(GROUP))), GROUP, PARTICIPANT))
                            .details())
                    .as(kind)
                    .isEqualTo(
                            Map.of(
                                    "message.to[0].support_agent_id",
                                    List.of(
                                            "cannot be assigned child tickets (light agents, end-users and inactive users cannot)")));
        }
        assertThat(refusal(() -> SideConversationPolicy.checkAgent(
                                Optional.of(person("agent", Set.of())), GROUP, PARTICIPANT))
                        .details())
                .isEqualTo(SideConversationPolicy.notInGroup(PARTICIPANT).details())
                .isEqualTo(Map.of("message.to[0].support_agent_id", List.of("is not a member of the addressed group")));
    }

    private static void assertAllowed(Runnable check, boolean allowed) {
        if (allowed) {
            assertThatNoException().isThrownBy(check::run);
        } else {
            assertThatThrownBy(check::run).isInstanceOfAny(ActionForbidden.class, RecordInvalid.class);
        }
    }

    private static RecordInvalid refusal(Runnable check) {
        RecordInvalid refused = catchThrowableOfType(RecordInvalid.class, check::run);
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }
}
