package io.sidedesk.web;

import jakarta.persistence.EntityManager;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A read through JdbcClient shares the transaction's connection but not the ORM's changes not yet flushed, which a
 * query through the ORM would flush first (its auto-flush). A read-write transaction's reads through JdbcClient flush
 * them first, so that they read what the write has done so far; a read-only one has nothing to flush.
 */
public final class PendingWrites {

    private PendingWrites() {}

    public static void flush(EntityManager entityManager) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            entityManager.flush();
        }
    }
}
