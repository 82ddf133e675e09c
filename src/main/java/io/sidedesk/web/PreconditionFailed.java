package io.sidedesk.web;

/** An {@code If-Match} that no longer matches: 412 and nothing is written. */
public class PreconditionFailed extends RuntimeException {

    public PreconditionFailed(String message) {
        super(message);
    }
}
