package io.sidedesk.web;

/** A write based on a stale view of the record: 409 ({@code safe_update}) and nothing is written. */
public class UpdateConflict extends RuntimeException {

    public UpdateConflict(String message) {
        super(message);
    }
}
