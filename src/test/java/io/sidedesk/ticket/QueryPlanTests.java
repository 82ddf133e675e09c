package io.sidedesk.ticket;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list paths use indexes: on a few thousand comments and audits, the plans of the statements the
 * comment and audit lists run never scan the whole table.
 */
class QueryPlanTests extends ApiTestSupport {

    private static final int TICKETS = 60;
    private static final int PER_TICKET = 60;

    @Autowired
    private JdbcTemplate jdbc;

    private long ticket;

    @BeforeEach
    void manyCommentsAndAudits() {
        long admin = admin().get("/api/v2/users/me").json().at("/user/id").asLong();
        long first = 0;
        for (int t = 0; t < TICKETS; t++) {
            Long id = jdbc.queryForObject("""
                    insert into tickets (description, requester_id, submitter_id, is_public, via_channel,
                                         created_at, updated_at)
                    values ('seeded', ?, ?, true, 'api', now(), now()) returning id""", Long.class, admin, admin);
            first = first == 0 ? id : first;
            jdbc.update("""
                    insert into ticket_audits (ticket_id, author_id, via_channel, correlation_id, events, created_at)
                    select ?, ?, 'api', gen_random_uuid(), '[]', now() from generate_series(1, ?)""", id, admin, PER_TICKET);
            jdbc.update("""
                    insert into ticket_comments (ticket_id, audit_id, author_id, body, html_body, public,
                                                 via_channel, created_at)
                    select ?, a.id, ?, 'seeded', '<p>seeded</p>', true, 'api', now()
                    from ticket_audits a where a.ticket_id = ?""", id, admin, id);
        }
        ticket = first;
        jdbc.execute("analyze ticket_comments");
        jdbc.execute("analyze ticket_audits");
    }

    @Test
    void commentAndAuditListsUseTheirIndexes() {
        for (String table : List.of("ticket_comments", "ticket_audits")) {
            assertIndexed(
                    table,
                    "select * from " + table + " where ticket_id = " + ticket
                            + " order by id offset 0 rows fetch first 100 rows only");
            assertIndexed(table, "select count(*) from " + table + " where ticket_id = " + ticket);
            assertIndexed(
                    table,
                    "select * from " + table + " where ticket_id = " + ticket
                            + " and id > 10 order by id fetch first 101 rows only");
        }
    }

    private void assertIndexed(String table, String sql) {
        String plan = String.join("\n", jdbc.queryForList("explain " + sql, String.class));
        assertThat(plan)
                .as(sql + "\n" + plan)
                .doesNotContain("Seq Scan on " + table)
                .contains("Index");
    }
}
