package io.sidedesk.ticket;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket an audit's rules and followers read (step 18 of issue 26): a copy read past the ORM while the session does
 * not hold it, the session's once it does, and locked for a change without losing what the transaction changed.
 */
class AuditedTicketTests extends ApiTestSupport {

    @Autowired
    private EntityManager entityManager;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TransactionTemplate transactions;

    private long ticket(String subject) {
        return admin().post(
                        "/api/v2/tickets",
                        Map.of("ticket", Map.of("subject", subject, "comment", Map.of("body", "Hello"))))
                .json()
                .at("/ticket/id")
                .asLong();
    }

    private AuditedTicket unlocked(long id) {
        return new AuditedTicket(entityManager, jdbc, id, false);
    }

    @Test
    void aTicketTheSessionDoesNotHoldIsReadOnceAsACopy_andLockingItGivesTheSessionsOwn() {
        String subject = unique("Copy");
        long id = ticket(subject);

        rolledBack(() -> {
            AuditedTicket audited = unlocked(id);
            Ticket copy = audited.get();
            assertThat(copy.getSubject()).isEqualTo(subject);
            assertThat(entityManager.contains(copy))
                    .as("the copy is not the session's")
                    .isFalse();
            assertThat(unlocked(id).get()).as("one copy for the transaction").isSameAs(copy);

            Ticket locked = audited.lock();
            assertThat(locked).isNotSameAs(copy);
            assertThat(entityManager.contains(locked)).isTrue();
            assertThat(entityManager.getLockMode(locked)).isEqualTo(LockModeType.PESSIMISTIC_WRITE);
            assertThat(audited.get()).as("once held, the session's").isSameAs(locked);
            assertThat(unlocked(id).get()).isSameAs(locked);
            return null;
        });
    }

    @Test
    void aTicketHeldUnlockedIsReadAgainUnderTheLock() {
        long id = ticket(unique("Stale"));
        String changed = unique("Changed by another write");

        rolledBack(() -> {
            Ticket held = entityManager.find(Ticket.class, id);
            long version = held.getVersion();
            assertThat(unlocked(id).get()).isSameAs(held);
            jdbc.sql("update tickets set subject = ?, version = version + 1 where id = ?")
                    .params(changed, id)
                    .update();

            Ticket locked = unlocked(id).lock();
            assertThat(locked).isSameAs(held);
            assertThat(locked.getVersion()).isEqualTo(version + 1);
            assertThat(locked.getSubject()).isEqualTo(changed);
            return null;
        });
    }

    @Test
    void aTicketHeldLockedKeepsTheChangesNotYetWritten_whenALaterAuditLocksItAgain() {
        long id = ticket(unique("Two audits"));

        rolledBack(() -> {
            // An earlier audit's rule locked and changed it; the write has not flushed yet.
            Ticket first = unlocked(id).lock();
            first.changePriority(TicketPriority.URGENT);
            first.takeEvents();

            Ticket second = unlocked(id).lock();
            assertThat(second).isSameAs(first);
            assertThat(second.getPriority()).isEqualTo(TicketPriority.URGENT);
            return null;
        });
    }

    @Test
    void aTicketTheWriteFlushedKeepsTheChangesMadeSince_whenALaterAuditLocksItAgain() {
        long id = ticket(unique("Flushed"));

        rolledBack(() -> {
            Ticket first = unlocked(id).lock();
            first.changePriority(TicketPriority.HIGH);
            first.takeEvents();
            entityManager.flush(); // a query that names no table flushes the write half way
            first.changeType(TicketType.TASK);
            first.takeEvents();

            Ticket second = unlocked(id).lock();
            assertThat(second).isSameAs(first);
            assertThat(second.getPriority()).isEqualTo(TicketPriority.HIGH);
            assertThat(second.getType())
                    .as("changed after the flush, not yet written")
                    .isEqualTo(TicketType.TASK);
            return null;
        });
    }

    private <T> T rolledBack(Supplier<T> work) {
        return transactions.execute(status -> {
            T answer = work.get();
            status.setRollbackOnly();
            return answer;
        });
    }
}
