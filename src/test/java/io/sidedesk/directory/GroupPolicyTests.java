package io.sidedesk.directory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sidedesk.PolicyActors;
import io.sidedesk.directory.GroupPolicy.Reach;

import static org.assertj.core.api.Assertions.assertThat;

/** Which groups each kind of caller sees and may assign to, as a table, without Spring or a database. */
class GroupPolicyTests {

    /**
     * Columns: the caller, then for a public group they are in, a public group they are not in, a private group
     * they are in and a private group they are not in: whether they see it, and whether they may assign to it.
     */
    @ParameterizedTest(name = "{0}: sees {1} {2} {3} {4}, assigns {5} {6} {7} {8}")
    @CsvSource({
        "ADMIN,                    true, true, true, true,   true,  true,  true,  true",
        "AGENT,                    true, true, true, false,  true,  true,  true,  false",
        "AGENT_IN_OWN_GROUPS_ONLY, true, true, true, false,  true,  false, true,  false",
        "AGENT_WITHOUT_PUBLIC_COMMENTS, true, true, true, false,  true,  true,  true,  false",
        "LIGHT_AGENT,              true, true, true, false,  false, false, false, false",
        "END_USER,                 true, true, true, false,  false, false, false, false",
    })
    void r2_r3_r17_whoSeesAndAssignsToWhichGroup(
            PolicyActors kind,
            boolean seesPublicMember,
            boolean seesPublicOther,
            boolean seesPrivateMember,
            boolean seesPrivateOther,
            boolean assignsPublicMember,
            boolean assignsPublicOther,
            boolean assignsPrivateMember,
            boolean assignsPrivateOther) {
        Reach sees = GroupPolicy.visibility(kind.actor());
        Reach assigns = GroupPolicy.assignment(kind.actor());

        assertThat(new boolean[] {
                    sees.includes(true, true),
                    sees.includes(true, false),
                    sees.includes(false, true),
                    sees.includes(false, false)
                })
                .as("sees")
                .containsExactly(seesPublicMember, seesPublicOther, seesPrivateMember, seesPrivateOther);
        assertThat(new boolean[] {
                    assigns.includes(true, true),
                    assigns.includes(true, false),
                    assigns.includes(false, true),
                    assigns.includes(false, false)
                })
                .as("assigns")
                .containsExactly(assignsPublicMember, assignsPublicOther, assignsPrivateMember, assignsPrivateOther);
    }
}
