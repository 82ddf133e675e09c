package io.sidedesk.web;

/** Nothing with that id exists, or the caller may not see it: both are a 404. */
public class RecordNotFound extends RuntimeException {

    public RecordNotFound(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
