package io.sidedesk.job;

import java.util.Map;

import org.springframework.http.ProblemDetail;

import io.sidedesk.web.Problems;
import io.sidedesk.web.RecordNotFound;

/**
 * A failed item's {@code error} and {@code errors}: what the same request would have been answered with over HTTP
 * ({@link Problems#answer}, the one mapping), in Zendesk's job result words: a 403 is {@code Forbidden}, any 409 (a
 * stale write or a lost race) {@code Conflict}, a record not found names its kind ("Ticket not found"), and anything
 * unexpected is an {@code InternalError} whose cause is only in the log.
 */
record ItemFailure(String error, String description, boolean unexpected) {

    static final String INTERNAL = "Something went wrong on our side; the job's id identifies it in our logs";

    static ItemFailure of(Throwable failure) {
        ProblemDetail problem = Problems.answer(failure);
        if (problem.getStatus() >= 500) {
            return new ItemFailure("InternalError", INTERNAL, true);
        }
        Object code =
                problem.getProperties() == null ? null : problem.getProperties().get("error");
        String error =
                code instanceof Map<?, ?> forbidden ? String.valueOf(forbidden.get("title")) : String.valueOf(code);
        if (problem.getStatus() == 409) {
            error = "Conflict";
        }
        String description =
                failure instanceof RecordNotFound notFound ? notFound.what() + " not found" : problem.getDetail();
        return new ItemFailure(error, description, false);
    }
}
