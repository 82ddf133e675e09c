package io.sidedesk.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Error bodies that both kinds of client understand: RFC 9457 members ({@code type}, {@code title},
 * {@code status}, {@code detail}) plus Zendesk's {@code error}, {@code description} and {@code details}.
 * Titles are fixed per status; the detail is the only free text.
 */
public final class Problems {

    public static final String UNAUTHENTICATED = "Couldn't authenticate you";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String error, String description) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, description);
        problem.setTitle(title(status));
        problem.setProperty("error", error);
        problem.setProperty("description", description);
        return problem;
    }

    /** The answer to a request that lost a race (see {@link DatabaseRefusal#RACE}): sent again, it may succeed. */
    public static final String RACE_DESCRIPTION = "The request conflicts with a concurrent change; retry it";

    /**
     * The problem a request that failed with {@code failure} is answered with: the service's own refusals (not found,
     * forbidden, invalid, conflicts, preconditions, parameters), the database unreachable, and the database's
     * refusals judged by their SQLSTATE ({@link DatabaseRefusal}); anything else is an internal error. The one
     * mapping, for {@code ProblemAdvice} and for work done outside a request (a job's item). Logs nothing.
     */
    public static ProblemDetail answer(Throwable failure) {
        if (failure instanceof RecordNotFound) {
            return recordNotFound();
        }
        if (failure instanceof ActionForbidden) {
            return forbidden(failure.getMessage());
        }
        if (failure instanceof org.springframework.security.access.AccessDeniedException) {
            return forbidden("You do not have access to this page");
        }
        if (failure instanceof RecordInvalid invalid) {
            return recordInvalid(invalid.details());
        }
        if (failure instanceof UpdateConflict) {
            return of(HttpStatus.CONFLICT, "UpdateConflict", failure.getMessage());
        }
        if (failure instanceof PreconditionFailed) {
            return of(HttpStatus.PRECONDITION_FAILED, "PreconditionFailed", failure.getMessage());
        }
        if (failure instanceof InvalidParameter invalid) {
            return invalidParameter(invalid.details());
        }
        if (isDatabaseUnavailable(failure)) {
            return databaseUnavailable();
        }
        return DatabaseRefusal.of(failure).problem(RACE_DESCRIPTION);
    }

    public static ProblemDetail unauthenticated() {
        return of(HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, "Use HTTP Basic with '{email}/token' and an API token");
    }

    /** Zendesk answers 403 with {@code "error": {"title", "message"}}; the RFC members carry the same text. */
    public static ProblemDetail forbidden(String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, message);
        problem.setTitle(title(HttpStatus.FORBIDDEN));
        problem.setProperty("error", Map.of("title", "Forbidden", "message", message));
        problem.setProperty("description", message);
        return problem;
    }

    public static ProblemDetail recordNotFound() {
        return of(HttpStatus.NOT_FOUND, "RecordNotFound", "Not found");
    }

    public static ProblemDetail invalidEndpoint() {
        return of(HttpStatus.NOT_FOUND, "InvalidEndpoint", "Not found");
    }

    /** 500: a generic detail; what went wrong is only in the log, under the request id. */
    public static ProblemDetail internalError() {
        return of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "InternalError",
                "Something went wrong on our side; the request id identifies it in our logs");
    }

    /** 422 with {@code details} keyed by field, each a list of {@code {"description": ...}}. */
    public static ProblemDetail recordInvalid(Map<String, List<String>> details) {
        return withDetails(of(HttpStatus.UNPROCESSABLE_CONTENT, "RecordInvalid", "Record validation errors"), details);
    }

    /**
     * Zendesk's {@code IdempotentRequestError}: 400 for a key used with other request parameters (Zendesk's own
     * description), 409 for a repeat whose answer is not replayed; {@code details} name the header.
     */
    public static ProblemDetail idempotentRequestError(HttpStatusCode status, String header, String description) {
        ProblemDetail problem =
                withDetails(of(status, "IdempotentRequestError", description), Map.of(header, List.of(description)));
        problem.setDetail(description);
        return problem;
    }

    /** 400 for query parameters that cannot be used, with {@code details} keyed by parameter. */
    public static ProblemDetail invalidParameter(Map<String, List<String>> details) {
        return withDetails(of(HttpStatus.BAD_REQUEST, "InvalidParameter", "Invalid query parameters"), details);
    }

    /** Seconds a client should wait before retrying while the database is unreachable. */
    public static final int DATABASE_RETRY_AFTER = 5;

    /** 503 while the database cannot be reached; sent with {@code Retry-After}. */
    public static ProblemDetail databaseUnavailable() {
        return of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "ServiceUnavailable",
                "The database is unavailable; retry in a few seconds");
    }

    /**
     * Whether a failure means the database cannot be reached or did not answer in time (no connection to
     * be had, the connection lost, the server shutting down, the statement timeout), rather than a fault
     * of the request or of this service.
     */
    /** SQLSTATE of a statement cancelled, here by {@code statement_timeout}. */
    private static final String QUERY_CANCELED = "57014";

    public static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.transaction.CannotCreateTransactionException
                    || cause instanceof org.springframework.transaction.TransactionTimedOutException
                    || cause instanceof org.springframework.dao.DataAccessResourceFailureException
                    || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08")
                            || sql.getSQLState().startsWith("57P")
                            || sql.getSQLState().equals(QUERY_CANCELED))) {
                return true;
            }
            // Hibernate's answer once the transaction's time (spring.transaction.default-timeout) is spent.
            if (cause instanceof org.hibernate.TransactionException
                    && cause.getMessage() != null
                    && cause.getMessage().contains("timeout expired")) {
                return true;
            }
            // Hikari's answer on a connection it already evicted as broken (a rollback after the loss).
            if (cause instanceof java.sql.SQLException sql
                    && sql.getSQLState() == null
                    && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** 400 for a query string Tomcat cannot decode (a bad percent-encoding). */
    public static ProblemDetail undecodableQuery() {
        return of(HttpStatus.BAD_REQUEST, "InvalidParameter", "The query string is not validly percent-encoded");
    }

    /**
     * The name {@code details} give a body member: bodies are wrapped by resource name ({@code {"user":
     * {...}}}) and details name the resource's own fields ({@code name}); a side conversation's
     * {@code message} is not a wrapper but a member, so its fields keep their prefix ({@code message.body}), as do
     * those of a list of resources, named by their index ({@code triggers[1].position}).
     */
    /** {@code user.defaultGroupId} → {@code default_group_id}: a bean property path as the JSON member it binds. */
    public static String fieldName(String javaPath) {
        return field(javaPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT));
    }

    public static String field(String path) {
        int dot = path.indexOf('.');
        if (dot < 0 || path.startsWith("message.") || path.substring(0, dot).endsWith("]")) {
            return path;
        }
        return path.substring(dot + 1);
    }

    public static ProblemDetail withInstance(ProblemDetail problem, String path) {
        problem.setInstance(URI.create(path));
        return problem;
    }

    private static ProblemDetail withDetails(ProblemDetail problem, Map<String, List<String>> details) {
        problem.setDetail(summary(details));
        problem.setProperty(
                "details",
                details.entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                Map.Entry::getKey,
                                e -> e.getValue().stream()
                                        .map(d -> Map.of("description", d))
                                        .toList(),
                                (a, b) -> a,
                                java.util.LinkedHashMap::new)));
        return problem;
    }

    private static String summary(Map<String, List<String>> details) {
        StringBuilder summary = new StringBuilder();
        details.forEach((field, descriptions) -> descriptions.forEach(d -> {
            if (!summary.isEmpty()) {
                summary.append("; ");
            }
            summary.append(field).append(": ").append(d);
        }));
        return summary.toString();
    }

    private static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
