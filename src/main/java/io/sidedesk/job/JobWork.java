package io.sidedesk.job;

import io.sidedesk.access.Actor;

/** A feature's kind of job: runs one item of it. Register as a Spring bean. */
public interface JobWork {

    /** The job_type, e.g. "bulk_update_child_tickets". */
    String type();

    /**
     * Runs one item (a ticket id) for the job's creator, inside a transaction the runner opened for this item alone;
     * the item's success result is written in the same transaction. To fail the item, throw: the transaction rolls
     * back, and the runner records the failure (the error code and description the same request would have been
     * answered with over HTTP) in a new transaction.
     */
    void run(Actor actor, String payload, long itemId);
}
