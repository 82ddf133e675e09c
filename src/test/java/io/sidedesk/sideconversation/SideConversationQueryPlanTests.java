package io.sidedesk.sideconversation;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A busy parent's side conversations, and a long side conversation's events, are read a page at a time on their
 * own indexes, (ticket_id, seq) and (side_conversation_id, seq), even when they are most of the rows (a young
 * database, or one ticket that everybody works on). With an index on seq alone beside them, PostgreSQL took the rows
 * in seq order from the first one ever written and filtered them by ticket: thousands of rows read for a page of a
 * hundred.
 */
class SideConversationQueryPlanTests extends ApiTestSupport {

    private static final int OTHER_PARENTS = 40;
    private static final int PER_OTHER_PARENT = 25;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void noIndexOrdersTheRowsBySeqAlone() {
        List<String> seqOnly = jdbc.queryForList("""
                select i.indexrelid::regclass::text from pg_index i
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                where i.indrelid in ('side_conversations'::regclass, 'side_conversation_events'::regclass)
                  and i.indnkeyatts = 1 and a.attname = 'seq'""", String.class);

        assertThat(seqOnly).isEmpty();
    }

    /** Seeded once, in one test: the busy parent and the long side conversation are most of their tables' rows. */
    @Test
    void aBusyParentsAndALongSideConversationsPagesReadOnlyTheirOwnRows() {
        long admin = admin().get("/api/v2/users/me").json().at("/user/id").asLong();
        for (int t = 0; t < OTHER_PARENTS; t++) {
            conversations(seededTicket(admin), PER_OTHER_PARENT, admin);
        }
        long busyParent = seededTicket(admin);
        UUID longConversation = conversations(busyParent, rowsSoFar("side_conversations"), admin);
        jdbc.update("""
                insert into side_conversation_events (id, side_conversation_id, ticket_id, type, actor, via,
                                                      correlation_id, created_at)
                select gen_random_uuid(), ?, ?, 'reply', '{}', 'api', gen_random_uuid(), now()
                from generate_series(1, ?)""", longConversation, busyParent, rowsSoFar("side_conversation_events"));
        jdbc.execute("analyze side_conversations");
        jdbc.execute("analyze side_conversation_events");

        assertPagesReadOn(
                "side_conversations_ticket_idx",
                "select " + SideConversation.COLUMNS + " from side_conversations e where e.ticket_id = " + busyParent);
        assertPagesReadOn(
                "side_conversation_events_conversation_idx",
                "select * from side_conversation_events e where e.side_conversation_id = '" + longConversation + "'");
    }

    /** The first and a later offset page, and a cursor page either way, as Paging asks for them. */
    private void assertPagesReadOn(String index, String rows) {
        for (String page : List.of(
                rows + " order by e.seq limit 100 offset 0",
                rows + " order by e.seq offset 100 rows fetch first 100 rows only",
                rows + " and e.seq > 0 order by e.seq limit 101",
                rows + " and e.seq < 9223372036854775807 order by e.seq desc limit 101")) {
            String plan = String.join("\n", jdbc.queryForList("explain " + page, String.class));
            assertThat(plan)
                    .as(page + "\n" + plan)
                    .contains("Index Scan")
                    .contains(index)
                    .doesNotContain("Filter");
        }
    }

    /** At least 1,500, and as many as the table holds: whatever other tests left, the new rows are most of them. */
    private int rowsSoFar(String table) {
        return Math.max(1500, jdbc.queryForObject("select count(*) from " + table, Integer.class));
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
