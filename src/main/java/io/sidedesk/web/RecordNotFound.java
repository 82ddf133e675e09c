package io.sidedesk.web;

/** Nothing with that id exists, or the caller may not see it: both are a 404. */
public class RecordNotFound extends RuntimeException {

    private final String what;

    public RecordNotFound(String what, Object id) {
        super(what + " " + id + " not found");
        this.what = what;
    }

    /** The kind of record that was not found ({@code Ticket}), as a job's result names it: "Ticket not found". */
    public String what() {
        return what;
    }
}
