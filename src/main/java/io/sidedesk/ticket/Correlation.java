package io.sidedesk.ticket;

import java.util.UUID;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The correlation id of the current write: one per transaction, carried by every event the write
 * produces, on every ticket it touches.
 */
public final class Correlation {

    private static final Object KEY = new Object();

    private Correlation() {}

    public static UUID current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("A correlation id belongs to a write transaction");
        }
        UUID id = (UUID) TransactionSynchronizationManager.getResource(KEY);
        if (id == null) {
            UUID created = UUID.randomUUID();
            TransactionSynchronizationManager.bindResource(KEY, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
            id = created;
        }
        return id;
    }
}
