package io.sidedesk.web;

import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What {@code @Transactional(propagation = MANDATORY)} asserts, for the methods every mirrored write calls, several
 * times each: that they run in the caller's transaction, checked without a transactional proxy's interception of every
 * call (its attribute and manager lookups and its status: a tenth of a child comment's request, issue 26). The method
 * then is part of the caller's write, as a MANDATORY one is: what it throws goes up to the caller's transaction, which
 * rolls the whole write back.
 */
public final class Transactions {

    private Transactions() {}

    /** Refuses to run outside a transaction, as a MANDATORY method does. */
    public static void requireActive() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "No existing transaction found for a method that must be part of its caller's");
        }
    }
}
