package io.sidedesk.web;

import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A value that lives as long as the current transaction: made on first use, let go when the transaction ends. */
public final class TransactionScoped {

    private TransactionScoped() {}

    /** The value kept under {@code key} in this transaction, made by {@code create} the first time. */
    public static <T> T get(Object key, Supplier<T> create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("A transaction-scoped value belongs to a transaction");
        }
        @SuppressWarnings("unchecked")
        T value = (T) TransactionSynchronizationManager.getResource(key);
        if (value == null) {
            value = create.get();
            TransactionSynchronizationManager.bindResource(key, value);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }
        return value;
    }
}
