package io.sidedesk.reliability;

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
 * No transaction runs longer than the transaction timeout (B4: the incremental export's settle window relies on it).
 * Here the statement timeout is far longer than the transaction's, and an update waits on a row lock another session
 * holds: the transaction's deadline cuts it off, the caller gets a 503 with Retry-After, and nothing is written; a
 * keyed update stores nothing, so its retry writes. The deadline (10 s) is long enough that the other requests here
 * meet it on no slow machine.
 */
@TestPropertySource(properties = {"spring.transaction.default-timeout=10s", "sidedesk.db.statement-timeout=120s"})
class TransactionTimeoutTests extends ApiTestSupport {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void anUpdatePastTheTransactionTimeoutIsA503AndWritesNothing() throws Exception {
        long ticket = ticket();

        Api.Response stuck = whileLocked(ticket, () -> admin().put(
                        "/api/v2/tickets/" + ticket,
                        Map.of("ticket", Map.of("priority", "urgent", "comment", Map.of("body", "never written")))));

        assertUnavailable(stuck);
        assertNothingWritten(ticket);
    }

    @Test
    void aKeyedUpdatePastTheTransactionTimeoutStoresNothingSoItsRetryWrites() throws Exception {
        long ticket = ticket();
        Api keyed = admin().withHeader("Idempotency-Key", unique("key"));
        Map<String, Object> update = Map.of("ticket", Map.of("priority", "urgent"));

        Api.Response stuck = whileLocked(ticket, () -> keyed.put("/api/v2/tickets/" + ticket, update));

        assertUnavailable(stuck);
        assertThat(stuck.header("x-idempotency-lookup")).isEqualTo("miss");
        assertNothingWritten(ticket);
        Api.Response retried = keyed.put("/api/v2/tickets/" + ticket, update);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(retried.json().at("/ticket/priority").asString()).isEqualTo("urgent");
    }

    private long ticket() {
        Api.Response created = admin().post(
                        "/api/v2/tickets",
                        Map.of("ticket", Map.of("subject", unique("deadline"), "comment", Map.of("body", "first"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().at("/ticket/id").asLong();
    }

    private Api.Response whileLocked(long ticket, java.util.function.Supplier<Api.Response> request) throws Exception {
        return TicketRowLock.whileLocked(jdbc, transactions, ticket, request);
    }

    private static void assertUnavailable(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("5");
    }

    private void assertNothingWritten(long ticket) {
        assertThat(jdbc.queryForObject("select count(*) from ticket_comments where ticket_id = ?", Long.class, ticket))
                .isEqualTo(1);
        assertThat(admin().get("/api/v2/tickets/" + ticket)
                        .json()
                        .at("/ticket/priority")
                        .isNull())
                .isTrue();
    }
}
