package io.sidedesk.ticket;

import java.util.UUID;

import io.sidedesk.web.TransactionScoped;

/**
 * The correlation id of the current write: one per transaction, carried by every event the write
 * produces, on every ticket it touches.
 */
public final class Correlation {

    private static final Object KEY = new Object();

    private Correlation() {}

    public static UUID current() {
        return TransactionScoped.get(KEY, UUID::randomUUID);
    }
}
