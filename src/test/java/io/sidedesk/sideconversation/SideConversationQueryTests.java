package io.sidedesk.sideconversation;

import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing a ticket's side conversations (each with its child ticket's live status, R10) and listing its
 * child tickets run a fixed number of SQL statements however many there are (no N+1). Counted at the
 * connection ({@code StatementCounter}) around each HTTP request, as an agent (whose visibility groups authentication reads
 * in its one statement).
 */
class SideConversationQueryTests extends SideConversationTestSupport {

    private static final int MANY = 8;

    private Team team;
    private long one;
    private long many;

    @BeforeEach
    void twoParents() {
        team = team(true);
        one = parentTicket();
        many = parentTicket();
        startedToGroup(as(team.agent()), one, team.group());
        for (int i = 0; i < MANY; i++) {
            // Children in several states and with and without assignees, as live status reads them.
            long child = childOf(startedToGroup(as(team.agent()), many, team.group()));
            if (i % 2 == 0) {
                updated(
                        as(team.agent()),
                        child,
                        java.util.Map.of("assignee_id", team.agent().id()));
            }
        }
    }

    @Test
    void listingSideConversationsWithTheirChildsLiveStatusCostsTheSameWhateverTheirNumber_R10() {
        long oneCost = statements(() -> as(team.agent()).get(sideConversations(one)), 1);
        long manyCost = statements(() -> as(team.agent()).get(sideConversations(many)), MANY);

        assertThat(manyCost).isEqualTo(oneCost).isLessThanOrEqualTo(4);
    }

    @Test
    void sideloadingEventsCostsTheSameWhateverTheirNumber() {
        long oneCost = statements(() -> as(team.agent()).get(sideConversations(one) + "?include=events"), 1);
        long manyCost = statements(() -> as(team.agent()).get(sideConversations(many) + "?include=events"), MANY);
        long cursorCost = statements(
                () -> as(team.agent()).get(sideConversations(many) + "?include=events&page[size]=100"), MANY);

        assertThat(manyCost).isEqualTo(oneCost).isLessThanOrEqualTo(5);
        assertThat(cursorCost).isLessThanOrEqualTo(manyCost);
    }

    @Test
    void listingChildTicketsCostsTheSameWhateverTheirNumber() {
        long oneCost = statements(() -> as(team.agent()).get("/api/v2/tickets/" + one + "/child_tickets"), 1);
        long manyCost = statements(() -> as(team.agent()).get("/api/v2/tickets/" + many + "/child_tickets"), MANY);

        assertThat(manyCost).isEqualTo(oneCost).isLessThanOrEqualTo(5);
    }

    /** The statements of one list request, which must list {@code items}. */
    private long statements(Supplier<Api.Response> request, int items) {
        Counted counted = counted(request);
        String key = counted.response().json().has("tickets") ? "tickets" : "side_conversations";
        assertThat(counted.response().json().get(key))
                .as(counted.response().toString())
                .hasSize(items);
        return counted.statements();
    }
}
