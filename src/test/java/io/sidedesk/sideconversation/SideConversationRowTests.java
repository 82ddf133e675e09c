package io.sidedesk.sideconversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.sidedesk.EntityFields;
import io.sidedesk.RowTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ticket's side conversations are listed from rows read through JdbcClient ({@link SideConversation#read}), without
 * the ORM (issue 26): every field must have the value the ORM loads, through the same converters, for two side
 * conversations that differ in every field.
 */
class SideConversationRowTests extends RowTestSupport {

    @Test
    void aSideConversationReadAsARowHasEveryValueTheOrmLoads() {
        long firstParent = parentTicket();
        Team agents = team(true);
        String toAgent = started(
                        admin(),
                        firstParent,
                        message(
                                "To an agent",
                                "in a group",
                                toAgent(agents.group(), agents.agent().id())))
                .at("/side_conversation/id")
                .asString();
        long secondParent = parentTicket();
        Team team = team(true);
        String toGroup = startedToGroup(admin(), secondParent, team.group(), "To a group", "Could you look?")
                .get("id")
                .asString();
        replied(admin(), secondParent, toGroup, message(null, "Any news?", toGroup(team.group())));
        updated(admin(), secondParent, toGroup, Map.of("state", "closed"));
        // A follow-up's earlier children (R20), set here, so that the two differ in every column.
        jdbc.sql("update side_conversations set earlier_child_ticket_ids = ?,"
                        + " created_at = created_at - interval '1 day' where id = ?")
                .param(new Long[] {parentTicket()})
                .param(UUID.fromString(toGroup))
                .update();

        assertThat(EntityFields.persistent(SideConversation.class)).hasSizeGreaterThan(14);
        List<SideConversation> byOrm = new ArrayList<>();
        for (String id : List.of(toAgent, toGroup)) {
            SideConversation loaded = loaded(SideConversation.class, UUID.fromString(id));
            SideConversation read = jdbc.sql(
                            "select " + SideConversation.COLUMNS + " from side_conversations e" + " where e.id = ?")
                    .param(UUID.fromString(id))
                    .query((row, number) -> SideConversation.read(row))
                    .single();
            EntityFields.assertSameValues(SideConversation.class, read, loaded, "side conversation " + id);
            assertThat(read.isNew())
                    .as("a row read is stored, as a loaded entity is")
                    .isFalse();
            byOrm.add(loaded);
        }
        EntityFields.assertDifferInEveryField(SideConversation.class, byOrm.get(0), byOrm.get(1));
    }
}
