package io.sidedesk.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Database refusals (docs/RULES.md): the database's refusals, provoked for real in PostgreSQL and caught as the service
 * meets them (translated by Spring's JDBC layer, or raw from Hibernate), are judged by their SQLSTATE. Only a race
 * (unique and foreign key violations, serialization failures, deadlocks) is a 409 that says "retry"; a value PostgreSQL
 * cannot store is a 400; a not-null or check violation is our fault, a 500. None but the race says "retry".
 */
class DatabaseRefusalTests extends ApiTestSupport {

    private static final String RETRY = "The request conflicts with a concurrent change; retry it";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transactions;

    @PersistenceContext
    private EntityManager entityManager;

    private final String table = "refusal_probe_" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void probeTable() {
        jdbc.execute("create table " + table + " (id integer primary key, n integer not null check (n > 0), "
                + "parent integer references " + table + " (id), t text, j jsonb)");
        jdbc.update("insert into " + table + " (id, n) values (1, 1), (2, 1)");
    }

    @AfterEach
    void dropProbeTable() {
        jdbc.execute("drop table " + table);
    }

    @Test
    void aUniqueViolationIsARaceAndSaysRetry() {
        assertRace(refusalOf(() -> jdbc.update("insert into " + table + " (id, n) values (1, 1)")));
        assertRace(refusalOf(() -> hibernate("insert into " + table + " (id, n) values (2, 1)")));
    }

    @Test
    void aForeignKeyViolationIsARaceWithADeleteAndSaysRetry() {
        assertRace(refusalOf(() -> jdbc.update("insert into " + table + " (id, n, parent) values (3, 1, 99)")));
    }

    @Test
    void aSerializationFailureIsARaceAndSaysRetry() {
        TransactionTemplate repeatableRead = new TransactionTemplate(transactions.getTransactionManager());
        repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        assertRace(refusalOf(() -> repeatableRead.executeWithoutResult(status -> {
            jdbc.queryForObject("select n from " + table + " where id = 1", Integer.class);
            // Another session changes the row this transaction has seen, and commits.
            CompletableFuture.runAsync(() -> jdbc.update("update " + table + " set n = 2 where id = 1"))
                    .join();
            jdbc.update("update " + table + " set n = 3 where id = 1");
        })));
    }

    @Test
    void aDeadlockIsARaceAndSaysRetry() throws Exception {
        CountDownLatch bothLocked = new CountDownLatch(2);
        Consumer<int[]> lockInOrder = rows -> transactions.executeWithoutResult(status -> {
            jdbc.update("update " + table + " set n = n + 1 where id = ?", rows[0]);
            bothLocked.countDown();
            try {
                bothLocked.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            jdbc.update("update " + table + " set n = n + 1 where id = ?", rows[1]);
        });
        CompletableFuture<Throwable> one =
                CompletableFuture.supplyAsync(() -> catchThrowable(() -> lockInOrder.accept(new int[] {1, 2})));
        CompletableFuture<Throwable> other =
                CompletableFuture.supplyAsync(() -> catchThrowable(() -> lockInOrder.accept(new int[] {2, 1})));
        Throwable first = one.get(30, TimeUnit.SECONDS);
        Throwable second = other.get(30, TimeUnit.SECONDS);

        assertThat(first == null ^ second == null)
                .as("exactly one is chosen as the deadlock's victim: %s, %s", first, second)
                .isTrue();
        assertRace(first != null ? first : second);
    }

    @Test
    void aValueThatPostgreSqlCannotStoreIsA400ThatDoesNotSayRetry() {
        for (Throwable refused : new Throwable[] {
            refusalOf(() -> jdbc.update("insert into " + table + " (id, n, t) values (3, 1, ?)", "a\u0000b")),
            refusalOf(() -> jdbc.update("insert into " + table + " (id, n, j) values (3, 1, ?::jsonb)", "1e1000000")),
            refusalOf(() -> jdbc.update("insert into " + table + " (id, n, j) values (3, 1, ?::jsonb)", "[1e-20000]")),
            refusalOf(() -> jdbc.update("insert into " + table + " (id, n) values (3, 2147483648)")),
            refusalOf(() -> hibernate("insert into " + table + " (id, n, t) values (3, 1, ?1)", "a\u0000b")),
            refusalOf(() -> hibernate(
                    "insert into " + table + " (id, n, j) values (3, 1, cast(?1 as jsonb))", "{\"value\": 1e1000000}"))
        }) {
            assertThat(DatabaseRefusal.of(refused)).as(refused.toString()).isEqualTo(DatabaseRefusal.UNCHECKED_VALUE);
            ProblemDetail problem = DatabaseRefusal.of(refused).problem(RETRY);
            assertThat(problem.getStatus()).isEqualTo(400);
            assertThat(problem.getDetail()).doesNotContainIgnoringCase("retry");
        }
    }

    @Test
    void aNotNullOrCheckViolationIsOurFaultA500ThatDoesNotSayRetry() {
        for (Throwable refused : new Throwable[] {
            refusalOf(() -> jdbc.update("insert into " + table + " (id, n) values (3, null)")),
            refusalOf(() -> jdbc.update("insert into " + table + " (id, n) values (3, -1)")),
            refusalOf(() -> hibernate("update " + table + " set n = 0 where id = 1")),
            refusalOf(() -> jdbc.update("insert into no_such_table_" + table + " values (1)"))
        }) {
            assertThat(DatabaseRefusal.of(refused)).as(refused.toString()).isEqualTo(DatabaseRefusal.FAULT);
            ProblemDetail problem = DatabaseRefusal.of(refused).problem(RETRY);
            assertThat(problem.getStatus()).isEqualTo(500);
            assertThat(problem.getDetail()).doesNotContainIgnoringCase("retry");
        }
    }

    private static void assertRace(Throwable refused) {
        assertThat(DatabaseRefusal.of(refused)).as(String.valueOf(refused)).isEqualTo(DatabaseRefusal.RACE);
        ProblemDetail problem = DatabaseRefusal.of(refused).problem(RETRY);
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).isEqualTo(RETRY);
    }

    /** A native statement through Hibernate, in a transaction: its exceptions are Hibernate's own. */
    private void hibernate(String sql, Object... parameters) {
        transactions.executeWithoutResult(status -> {
            Query query = entityManager.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            query.executeUpdate();
        });
    }

    /** What the statements threw, which must be something. */
    private static Throwable refusalOf(Runnable statements) {
        Throwable refused = catchThrowable(statements::run);
        assertThat(refused).as("the database refused the statement").isNotNull();
        return refused;
    }
}
