package io.sidedesk.ticket;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.sidedesk.PolicyActors;
import io.sidedesk.access.Actor;
import io.sidedesk.directory.People.GroupScope;
import io.sidedesk.ticket.TicketAccessPolicy.Visibility;

import static io.sidedesk.PolicyActors.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Every ticket rule as a table of callers and answers, without Spring or a database. */
class TicketAccessPolicyTests {

    /** The caller belongs to group 1; group 2 is a private group they are not in. */
    private static final GroupScope SCOPE = new GroupScope(Set.of(1L), Set.of(2L));

    @ParameterizedTest(
            name = "{0}: change properties {1}, comment publicly {2}, internal notes {3}, "
                    + "comment for others {4}, read audits {5}, delete {6}")
    @CsvSource({
        "ADMIN,                            true,  true,  true,  true,  true,  true",
        "AGENT,                            true,  true,  true,  true,  true,  false",
        "AGENT_IN_OWN_GROUPS_ONLY,         true,  true,  true,  true,  true,  false",
        "AGENT_WITHIN_GROUPS,              true,  true,  true,  true,  true,  false",
        "AGENT_ASSIGNED_ONLY,              true,  true,  true,  true,  true,  false",
        "AGENT_WITHOUT_PUBLIC_COMMENTS,    false, false, true,  false, true,  false",
        "AGENT_WITHOUT_SIDE_CONVERSATIONS, true,  true,  true,  true,  true,  false",
        "LIGHT_AGENT,                      false, false, true,  false, true,  false",
        "END_USER,                         false, true,  false, false, false, false",
    })
    void r3_r22_whoMayWriteWhatOnATicket(
            PolicyActors kind,
            boolean changeProperties,
            boolean commentPublicly,
            boolean internalNotes,
            boolean commentForOthers,
            boolean readAudits,
            boolean delete) {
        Actor actor = kind.actor();

        assertThat(TicketAccessPolicy.mayChangeProperties(actor))
                .as("change properties")
                .isEqualTo(changeProperties);
        assertThat(TicketAccessPolicy.mayCommentPublicly(actor))
                .as("comment publicly")
                .isEqualTo(commentPublicly);
        assertThat(TicketAccessPolicy.mayAddInternalNotes(actor))
                .as("internal notes")
                .isEqualTo(internalNotes);
        assertThat(TicketAccessPolicy.mayCommentFor(actor))
                .as("comment for others")
                .isEqualTo(commentForOthers);
        assertThat(TicketAccessPolicy.mayReadAudits(actor)).as("read audits").isEqualTo(readAudits);
        assertThat(TicketAccessPolicy.mayDelete(actor)).as("delete").isEqualTo(delete);
    }

    @ParameterizedTest(name = "{0} names another requester: {1}")
    @CsvSource({
        "ADMIN, true",
        "AGENT, true",
        "LIGHT_AGENT, true",
        "AGENT_WITHOUT_PUBLIC_COMMENTS, true",
        "END_USER, false"
    })
    void endUsersRequestTicketsForThemselvesOnly(PolicyActors kind, boolean another) {
        Actor actor = kind.actor();

        assertThat(TicketAccessPolicy.mayNameRequester(actor, USER_ID + 1)).isEqualTo(another);
        assertThat(TicketAccessPolicy.mayNameRequester(actor, USER_ID)).isTrue();
        assertThat(TicketAccessPolicy.mayNameRequester(actor, null)).isTrue();
    }

    @Test
    void r17_adminsSeeEveryTicket() {
        assertThat(TicketAccessPolicy.visibility(PolicyActors.ADMIN.actor(), SCOPE))
                .isEqualTo(new Visibility(null, Set.of(), null));
    }

    @Test
    void r22_endUsersSeeTheTicketsTheyRequestedOrAreCopiedOn() {
        assertThat(TicketAccessPolicy.visibility(PolicyActors.END_USER.actor(), SCOPE))
                .isEqualTo(new Visibility(USER_ID, Set.of(), null));
    }

    /** {@code ownOrIn}: null is no restriction; empty is only tickets they are assigned or requested. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = PolicyActors.class,
            names = {"ADMIN", "END_USER"},
            mode = EnumSource.Mode.EXCLUDE)
    void r17_agentsSeeByTheirRoleAndNeverAPrivateGroupTheyAreNotIn(PolicyActors kind) {
        Set<Long> ownOrIn =
                switch (kind) {
                    case AGENT_WITHIN_GROUPS -> Set.of(1L);
                    case AGENT_ASSIGNED_ONLY -> Set.of();
                    default -> null;
                };

        assertThat(TicketAccessPolicy.visibility(kind.actor(), SCOPE))
                .isEqualTo(new Visibility(null, Set.of(2L), ownOrIn));
    }
}
