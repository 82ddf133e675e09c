package io.sidedesk.sideconversation;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A busy parent's side conversations, and a long side conversation's events, are read a page at a time on their
 * own indexes, (ticket_id, seq) and (side_conversation_id, seq), even when they are a large share of all the rows
 * (a young database, or one ticket that everybody works on). With an index on seq alone beside them, PostgreSQL took
 * the rows in seq order from the first one ever written and filtered them by ticket: thousands of rows read for a
 * page of a hundred.
 */
class SideConversationQueryPlanTests extends ApiTestSupport {

    private static final int OTHER_PARENTS = 40;
    private static final int PER_OTHER_PARENT = 25;
    private static final int ON_THE_BUSY_PARENT = 1500;

    @Autowired
    private JdbcTemplate jdbc;

    private long busyParent;
    private UUID longConversation;

    @BeforeEach
    void otherParentsFirstThenABusyOne() {
        long admin = admin().get("/api/v2/users/me").json().at("/user/id").asLong();
        for (int t = 0; t < OTHER_PARENTS; t++) {
            conversations(seededTicket(admin), PER_OTHER_PARENT, admin);
        }
        busyParent = seededTicket(admin);
        longConversation = conversations(busyParent, ON_THE_BUSY_PARENT, admin);
        jdbc.update("""
                insert into side_conversation_events (id, side_conversation_id, ticket_id, type, actor, via,
                                                      correlation_id, created_at)
                select gen_random_uuid(), ?, ?, 'reply', '{}', 'api', gen_random_uuid(), now()
                from generate_series(1, ?)""", longConversation, busyParent, ON_THE_BUSY_PARENT);
        jdbc.execute("analyze side_conversations");
        jdbc.execute("analyze side_conversation_events");
    }

    @Test
    void aBusyParentsPagesReadOnlyItsOwnSideConversations() {
        String from =
                "select " + SideConversation.COLUMNS + " from side_conversations e where e.ticket_id = " + busyParent;
        for (String page : List.of(
                from + " order by e.seq limit 100 offset 0",
                from + " order by e.seq limit 100 offset 100",
                from + " and e.seq > 0 order by e.seq limit 101")) {
            assertReadOn("side_conversations_ticket_idx", page);
        }
    }

    @Test
    void aLongSideConversationsPagesReadOnlyItsOwnEvents() {
        String from =
                "select * from side_conversation_events e where e.side_conversation_id = '" + longConversation + "'";
        for (String page : List.of(
                from + " order by e.seq offset 0 rows fetch first 100 rows only",
                from + " and e.seq > 0 order by e.seq fetch first 101 rows only")) {
            assertReadOn("side_conversation_events_conversation_idx", page);
        }
    }

    /** The statement's plan reads its rows through {@code index}, every row it reads one it returns. */
    private void assertReadOn(String index, String sql) {
        String plan = String.join("\n", jdbc.queryForList("explain " + sql, String.class));
        assertThat(plan)
                .as(sql + "\n" + plan)
                .contains("Index Scan using " + index)
                .doesNotContain("Filter");
    }

    private long seededTicket(long admin) {
        return jdbc.queryForObject("""
                insert into tickets (description, requester_id, submitter_id, is_public, via_channel,
                                     created_at, updated_at)
                values ('seeded', ?, ?, true, 'api', now(), now()) returning id""", Long.class, admin, admin);
    }

    /** {@code count} side conversations on the ticket, each with its create event; the last one's id. */
    private UUID conversations(long ticket, int count, long admin) {
        List<UUID> ids = jdbc.queryForList("""
                insert into side_conversations (id, ticket_id, subject, preview_text, state, created_at,
                                                updated_at, message_added_at, state_updated_at)
                select gen_random_uuid(), ?, 'seeded ' || n, 'seeded', 'open', now(), now(), now(), now()
                from generate_series(1, ?) n order by n returning id""", UUID.class, ticket, count);
        jdbc.update("""
                insert into side_conversation_events (id, side_conversation_id, ticket_id, type, actor, via,
                                                      correlation_id, created_at)
                select gen_random_uuid(), s.id, s.ticket_id, 'create', jsonb_build_object('user_id', ?), 'api',
                       gen_random_uuid(), now()
                from side_conversations s where s.ticket_id = ?""", admin, ticket);
        return ids.get(ids.size() - 1);
    }
}
