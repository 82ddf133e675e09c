package io.sidedesk.reliability;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement that cannot finish (here, a ticket update waiting on a row lock that another session
 * holds) is cut off by PostgreSQL's statement_timeout: the caller gets a 503 with Retry-After instead of a
 * thread that hangs, and nothing is written. The statement timeout (10 s) is long enough that no other
 * statement meets it on a slow machine, and the transaction timeout (the test profile's 120 s) is far longer,
 * so only the statement's own timeout can answer within the minute.
 */
@TestPropertySource(properties = "spring.datasource.hikari.data-source-properties.options=-c statement_timeout=10000")
class StatementTimeoutTests extends ApiTestSupport {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void anUpdateStuckBehindALockIsA503AfterTheStatementTimeoutAndWritesNothing() throws Exception {
        Api.Response created = admin().post(
                        "/api/v2/tickets",
                        Map.of("ticket", Map.of("subject", unique("locked"), "comment", Map.of("body", "first"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long ticket = created.json().at("/ticket/id").asLong();
        long started = System.nanoTime();
        Api.Response stuck = TicketRowLock.whileLocked(jdbc, transactions, ticket, () -> admin().put(
                        "/api/v2/tickets/" + ticket,
                        Map.of("ticket", Map.of("priority", "urgent", "comment", Map.of("body", "never written")))));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(stuck.status()).as(stuck.toString()).isEqualTo(503);
        assertThat(stuck.contentType()).startsWith("application/problem+json");
        assertThat(stuck.json().get("error").asString()).isEqualTo("ServiceUnavailable");
        assertThat(stuck.header("Retry-After")).isEqualTo("5");
        // Not the transaction timeout (120 s), which would answer 503 too: the statement's own.
        assertThat(took).as("cut off by the 10 s statement timeout").isLessThan(Duration.ofSeconds(60));
        assertThat(jdbc.queryForObject("select count(*) from ticket_comments where ticket_id = ?", Long.class, ticket))
                .isEqualTo(1);
        assertThat(admin().get("/api/v2/tickets/" + ticket)
                        .json()
                        .at("/ticket/priority")
                        .isNull())
                .isTrue();
    }
}
