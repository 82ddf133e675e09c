package io.sidedesk.ticket;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.LockMode;
import org.hibernate.engine.spi.EntityKey;
import org.hibernate.engine.spi.SessionImplementor;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.sidedesk.web.TransactionScoped;

/**
 * The ticket one audit is about, as its rules and its followers read it. A ticket the write holds locked is the
 * session's (with the write's changes). Otherwise the session's entity when it holds one (a rule locked it, or the write
 * read it earlier), and else a copy read once past the ORM ({@link Ticket#read}, never written back): a parent that
 * only records a side conversation's activity is neither loaded nor dirty-checked by the ORM for the rules to read it.
 * A rule's change first locks it through the ORM ({@link #lock}), so changes are only ever made to the session's.
 */
final class AuditedTicket implements Supplier<Ticket> {

    /** The lock modes under which the transaction holds the ticket's row: locked by a read, or by its own update. */
    private static final Set<LockMode> ROW_HELD = EnumSet.of(
            LockMode.PESSIMISTIC_WRITE,
            LockMode.PESSIMISTIC_FORCE_INCREMENT,
            LockMode.UPGRADE_NOWAIT,
            LockMode.UPGRADE_SKIPLOCKED,
            LockMode.WRITE);

    private final EntityManager entityManager;
    private final JdbcClient jdbc;
    private final long id;
    private final boolean locked;
    private EntityKey key;
    /** The session's ticket, when the write holds it locked (the session keeps it for the transaction). */
    private Ticket writeTicket;
    /** Else the transaction's copy, once read. */
    private Ticket copy;

    AuditedTicket(EntityManager entityManager, JdbcClient jdbc, long id, boolean locked) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.id = id;
        this.locked = locked;
    }

    long id() {
        return id;
    }

    /** Whether the write itself holds the ticket locked (it changed it), as opposed to a rule that locked it. */
    boolean lockedByWrite() {
        return locked;
    }

    /** The ticket as the write has left it so far: the session's when it holds it, else the copy (read at most once). */
    @Override
    public Ticket get() {
        if (locked) {
            if (writeTicket == null) {
                writeTicket = entityManager.find(Ticket.class, id); // loaded by the write: no statement
            }
            return writeTicket;
        }
        Ticket held = held();
        if (held != null) {
            return held;
        }
        if (copy == null) {
            // The session holds no change to it (it does not hold it), and the transaction's own SQL is visible here.
            // One copy for the transaction: a write that records two audits on the parent reads it once, as the
            // session's entity was read once before.
            copy = TransactionScoped.get(
                    new Copy(id), () -> jdbc.sql("select " + Ticket.COLUMNS + " from tickets t where t.id = ?")
                            .param(id)
                            .query((row, number) -> Ticket.read(row))
                            .single());
        }
        return copy;
    }

    /**
     * The session's ticket, locked for a change: read again under the lock when the session held it without the row's
     * lock (its version may be stale), else loaded under it. One whose row the transaction already holds (locked, or
     * written by a flush) is current, and may hold changes not yet written (an earlier audit's rules, in the same
     * write): it is not read again.
     */
    Ticket lock() {
        Ticket held = held();
        if (held != null) {
            if (!ROW_HELD.contains(session().getCurrentLockMode(held))) {
                entityManager.refresh(held, LockModeType.PESSIMISTIC_WRITE);
            }
            return held;
        }
        return entityManager.find(Ticket.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The session's entity for the ticket, without loading it; null when the session does not hold it. */
    private Ticket held() {
        SessionImplementor session = session();
        if (key == null) {
            key = session.generateEntityKey(
                    id, session.getFactory().getMappingMetamodel().getEntityDescriptor(Ticket.class));
        }
        return (Ticket) session.getPersistenceContextInternal().getEntity(key);
    }

    private SessionImplementor session() {
        return entityManager.unwrap(SessionImplementor.class);
    }

    /** The key of the transaction's copy of a ticket. */
    private record Copy(long ticketId) {}
}
