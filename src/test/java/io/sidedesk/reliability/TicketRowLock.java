package io.sidedesk.reliability;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Another session holding a ticket's row lock while a request runs: the request's writes wait on it. */
final class TicketRowLock {

    /** Bounds a hang, nothing more: the lock is taken and released as soon as the test gets there. */
    private static final int HOLD_SECONDS = 90;

    private TicketRowLock() {}

    /** Sends the request while the ticket's row is locked elsewhere; releases the lock afterwards. */
    static <T> T whileLocked(JdbcTemplate jdbc, TransactionTemplate transactions, long ticket, Supplier<T> request)
            throws Exception {
        // The holder is not the request under test: the short timeouts the tests give the service are not its own.
        TransactionTemplate holding = new TransactionTemplate(transactions.getTransactionManager());
        holding.setTimeout(HOLD_SECONDS * 2);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> holding.executeWithoutResult(status -> {
            // The holder waits without a statement: it must not be ended as idle in its transaction.
            jdbc.execute("set local idle_in_transaction_session_timeout = 0");
            jdbc.execute("set local statement_timeout = 0");
            jdbc.queryForObject("select id from tickets where id = ? for update", Long.class, ticket);
            locked.countDown();
            try {
                release.await(HOLD_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(locked.await(HOLD_SECONDS, TimeUnit.SECONDS))
                .as("the row lock is taken")
                .isTrue();
        try {
            return request.get();
        } finally {
            release.countDown();
            holder.get(HOLD_SECONDS, TimeUnit.SECONDS);
        }
    }
}
