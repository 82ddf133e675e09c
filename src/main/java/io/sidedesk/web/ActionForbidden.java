package io.sidedesk.web;

/** The caller can see the record but may not do this to it: a 403 whose message is shown to the caller. */
public class ActionForbidden extends RuntimeException {

    public ActionForbidden(String message) {
        super(message);
    }
}
